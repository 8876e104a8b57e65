"""A printable worksheet for one article: its text with quotations, cues and speakers marked, who speaks, and
discussion questions, on A4 pages that read in black and white.

    write_worksheet("data/dpa_frankreich_russland_is.txt", "arbeitsblatt.pdf")    # or .html
    html = worksheet_html(analyze(article))

The marks never rely on colour: a quotation is underlined (solid when it is in quotation marks, dashed for
indirect or reported speech) and stands in brackets with its number, a speaker is bold and framed, a cue is
italic. The numbers lead to the overview table of quotations. The questions are those of `helpers.summary`,
computed from the article; the wording is `resources/worksheet_de.yaml`. Article text reaches the page only
through `html.escape` (or pandas' escaping `to_html`), and the page forbids scripts (the report's
Content-Security-Policy). A PDF is printed by headless Chromium.
"""

import html
import os
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.article import Article
from helpers.article.model import ARCHIVE_DATE_FIELD
from helpers.display import labels, present
from helpers.errors import BlickwinkelError, ResourceError
from helpers.report import SECURITY_META
from helpers.resources import read_yaml
from helpers.summary.frames import frame_questions
from helpers.summary.mentions import mention_questions
from helpers.summary.quotes import describe_silent_actors, quote_questions
from helpers.summary.wording import quoted
from helpers.tables.frame_profile import frame_profile
from helpers.tables.mentions import actor_counts
from helpers.tables.quotes import cue_offsets, speaker_labels, who_speaks

WORDING = "worksheet_de.yaml"
SPOKEN_DIRECTLY = {"direct", "partial"}  # in quotation marks: a solid underline; other quotations dashed
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = [  # as in tests/test_report.py: no network, no profile, no GPU
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-pdf-header-footer",
]
PRINT_SECONDS = 120
QUOTE_BEGINNING_WORDS = 8

STYLE = """
@page{size:A4;margin:15mm 16mm 17mm 16mm;
      @bottom-right{content:"Seite " counter(page) " von " counter(pages);font:8.5pt "DejaVu Serif",serif}}
*{box-sizing:border-box}
body{font-family:"DejaVu Serif","Liberation Serif",Georgia,serif;font-size:10.5pt;color:#000;line-height:1.45;
     margin:0}
@media screen{body{max-width:190mm;margin:1.5em auto;padding:0 1em}}
h1{font-size:17pt;margin:0 0 2mm 0} h2{font-size:12.5pt;margin:6mm 0 2mm 0;break-after:avoid}
.meta{margin:0 0 3mm 0;font-style:italic}
.fields{display:flex;gap:6mm;margin:0 0 4mm 0} .fields span{flex:1;border-bottom:1px solid #000;padding-top:5mm}
.intro{margin:0 0 3mm 0} .lead-in{break-after:avoid}
.legend{border:1px solid #000;padding:2mm 3mm;margin:0 0 4mm 0;break-inside:avoid}
.legend dl{display:grid;grid-template-columns:38mm 1fr;gap:1.2mm 3mm;margin:1.5mm 0 0 0}
.legend dt,.legend dd{margin:0}
.article{line-height:1.9;text-align:left}
.article p{margin:0 0 2.5mm 0}
.article .paragraph-title{font-size:13pt;font-weight:bold}
.article .paragraph-question,.article .paragraph-heading{font-weight:bold;break-after:avoid}
.article .dateline{font-style:italic}
.quote-indirect{text-decoration:underline dashed;text-underline-offset:3px;text-decoration-thickness:1px}
.quote-direct{text-decoration:underline solid;text-underline-offset:3px;text-decoration-thickness:1.5px}
.speaker{font-weight:bold;outline:1px solid #000;outline-offset:0;padding:0 1px}
.cue{font-style:italic}
.open,.close{font-family:"DejaVu Sans","Liberation Sans",sans-serif;font-weight:bold;font-size:10pt;
             white-space:nowrap}
.open b{font-size:8pt;vertical-align:0.4em;margin:0 1px}
table{border-collapse:collapse;width:100%;margin:1mm 0 2mm 0;font-size:9pt}
th,td{border:1px solid #000;padding:1mm 1.5mm;text-align:left;vertical-align:top}
th{font-weight:bold} tr{break-inside:avoid}
.questions h3{font-size:11pt;margin:4mm 0 1mm 0;break-after:avoid}
.questions ol{margin:0;padding-left:9mm} .questions li{margin:0 0 2mm 0;break-inside:avoid}
.line{border-bottom:1px solid #000;height:6.5mm}
.footer{margin-top:6mm;font-size:8.5pt;font-style:italic}
"""


@lru_cache(maxsize=None)
def wording() -> dict:
    """The worksheet's German wording (`resources/worksheet_de.yaml`)."""
    content = read_yaml(WORDING)
    required = {"title", "legend", "examples", "quote_columns", "question_groups", "answer_lines", "footer"}
    if not isinstance(content, dict) or not required <= set(content):
        raise ResourceError(f"{WORDING} needs the entries {sorted(required)}: restore the bundled file")
    return content


def worksheet_html(analysis) -> str:
    """The worksheet of an analysed article (a `helpers.analysis.Analysis`) as a standalone HTML page.

        worksheet_html(analyze("data/dpa_frankreich_russland_is.txt"))
    """
    words = wording()
    article, mentions, quotes = analysis.article, analysis.mentions, analysis.quotes
    title = article.title or article.display_title
    fields = "".join(f"<span>{_text(field)}:</span>" for field in words.get("fields", []))
    parts = [
        f"<h1>{_text(words['title'])}</h1>",
        f'<p class="meta">{_text(words["article_label"])}: {_text(title)}{_text(_meta_line(article))}</p>',
        f'<div class="fields">{fields}</div>',
        f'<p class="intro">{_text(words["intro"])}</p>',
        _legend(words),
        f"<h2>{_text(words['article_heading'])}</h2>",
        f'<div class="article">{marked_article(article, quotes)}</div>',
        f"<h2>{_text(words['quotes_heading'])}</h2>",
    ]
    if quotes.empty:
        parts.append(f"<p>{_text(words['no_quotes'])}</p>")
    else:
        parts += [f'<p class="lead-in">{_text(words["quotes_intro"])}</p>', _html_table(quote_overview(quotes)),
                  f"<h2>{_text(words['speakers_heading'])}</h2>",
                  f'<p class="lead-in">{_text(words["speakers_intro"])}</p>',
                  _html_table(speaker_table(mentions, quotes))]
    parts += [f"<h2>{_text(words['silent_heading'])}</h2>", f"<p>{_text(describe_silent_actors(mentions, quotes))}</p>",
              _questions(analysis, words),
              f'<p class="footer">{_text(words["footer"].format(source=_source_name(article)))}</p>']
    return ('<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
            f"{SECURITY_META}\n<title>{_text(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(parts) + "\n</body>\n</html>\n")


def quote_overview(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per quotation, numbered as marked in the text: number, type (German), speaker, cue, and the
    quotation's first words. Columns with the worksheet's German headings.

        quote_overview(analysis.quotes).head(3)
    """
    types = labels()["values"]["type"]
    missing = labels()["missing"]
    rows = pd.DataFrame({
        "number": quotes["quote_id"] + 1,
        "type": quotes["type"].map(lambda kind: types.get(kind, kind)),
        "speaker": speaker_labels(quotes),
        "cue": quotes["cue_words"].fillna(missing),
        "beginning": quotes["text"].map(lambda text: quoted(text, QUOTE_BEGINNING_WORDS)),
    })
    return rows.rename(columns=wording()["quote_columns"])


def speaker_table(mentions: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """Who speaks how much (`who_speaks`, German headings), with how often the text mentions each speaker."""
    speakers = who_speaks(quotes)
    counts = actor_counts(mentions)
    speakers[wording()["mentions_column"]] = [int(counts.get(speaker, 0)) for speaker in speakers["speaker"]]
    return present(speakers, "speakers", [*labels()["shown"]["speakers"], wording()["mentions_column"]])


def marked_article(article: Article, quotes: pd.DataFrame) -> str:
    """The article's paragraphs as HTML with the quotations (numbered, in brackets), cues and speakers marked."""
    marks = []  # (start, end, css class, quotation number or None)
    for row in quotes.itertuples():
        kind = "quote-direct" if row.type in SPOKEN_DIRECTLY else "quote-indirect"
        marks.append((int(row.start), int(row.end), kind, int(row.quote_id) + 1))
    cues = {offsets for spans in quotes["cue_spans"] for offsets in cue_offsets(spans)}
    speakers = quotes[["speaker_start", "speaker_end"]].dropna().drop_duplicates()
    marks += [(start, end, "cue", None) for start, end in sorted(cues)]
    marks += [(int(start), int(end), "speaker", None) for start, end in speakers.itertuples(index=False)]
    marks = sorted((mark for mark in marks if mark[1] > mark[0]), key=lambda mark: (mark[0], -mark[1]))
    paragraphs = []
    for paragraph in article.paragraphs:
        start, pieces = paragraph.start, []
        if article.dateline and start <= article.dateline[0] < paragraph.end:
            written = ARCHIVE_DATE_FIELD.sub("", article.span(*article.dateline), count=1).lstrip()
            pieces.append(f'<span class="dateline">{html.escape(written)}</span>')
            start = article.dateline[1]
        inside = [mark for mark in marks if mark[0] < paragraph.end and mark[1] > start]
        pieces.append(_marked(article.text, start, paragraph.end, inside))
        paragraphs.append(f'<p class="paragraph-{paragraph.kind}">{"".join(pieces)}</p>')
    return "\n".join(paragraphs)


def _marked(text, start, end, marks):
    """The text between two offsets, each piece with the classes of the marks over it, quotations opened with
    '[' and their number and closed with ']' (a quotation running on into the next paragraph stays open)."""
    bounds = sorted({start, end, *(max(s, start) for s, _, _, _ in marks), *(min(e, end) for _, e, _, _ in marks)})
    out = []
    for left, right in zip(bounds, bounds[1:]):
        for mark_start, _, _, number in marks:
            if number is not None and mark_start == left:
                out.append(f'<span class="open">[<b>{number}</b></span>')
        classes = " ".join(dict.fromkeys(kind for s, e, kind, _ in sorted(marks, key=lambda mark: mark[2])
                                         if s <= left and e >= right))
        piece = html.escape(text[left:right])
        out.append(f'<span class="{classes}">{piece}</span>' if classes else piece)
        closing = [number for s, e, _, number in marks if number is not None and e == right]
        out += ['<span class="close">]</span>'] * len(closing)
    return "".join(out)


def _legend(words):
    """What each mark means, next to an example marked as in the text (a quotation with its bracket and number)."""
    items = []
    for number, (kind, explanation) in enumerate(words["legend"].items(), start=1):
        example = _text(words["examples"][kind])
        if kind.startswith("quote"):
            example = (f'<span class="open">[<b>{number}</b></span><span class="{kind}">{example}</span>'
                       '<span class="close">]</span>')
        else:
            example = f'<span class="{kind}">{example}</span>'
        items.append(f"<dt>{example}</dt><dd>{_text(explanation)}</dd>")
    return f'<div class="legend"><b>{_text(words["legend_heading"])}</b><dl>{"".join(items)}</dl></div>'


def _questions(analysis, words):
    """The generated questions in groups, numbered on, each with ruled lines for the answer."""
    groups = {"mentions": mention_questions(analysis.mentions, analysis.quotes),
              "quotes": quote_questions(analysis.mentions, analysis.quotes),
              "frames": frame_questions(frame_profile(analysis))}
    lines = '<div class="line"></div>' * int(words["answer_lines"])
    parts, number = [f'<div class="questions"><h2>{_text(words["questions_heading"])}</h2>'], 1
    for group, heading in words["question_groups"].items():
        questions = [line[2:] for line in groups[group].splitlines() if line.startswith("- ")]
        items = "".join(f"<li>{_markdown_bold(re.sub(words['drop_from_questions'], '', question))}{lines}</li>"
                        for question in questions)
        parts.append(f'<h3>{_text(heading)}</h3><ol start="{number}">{items}</ol>')
        number += len(questions)
    return "".join(parts) + "</div>"


def _markdown_bold(text):
    """Escaped text with the summary's Markdown bold (**…**) as <strong>."""
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html.escape(text))


def _meta_line(article):
    found = [value for value in (article.agency, article.date) if value]
    return f" ({', '.join(found)})" if found else ""


def _source_name(article):
    return Path(str(article.source)).name if article.source else article.id


def _text(text) -> str:
    return html.escape(str(text).replace("**", ""))


def _html_table(table):
    return table.to_html(index=False, escape=True, border=0)


def write_worksheet(source, out: str | Path, *, catalogs=()) -> Path:
    """Write the worksheet of an article (a path, an `Article` or an analysis) as .html or, printed by headless
    Chromium, as .pdf; returns the path written.

        write_worksheet("data/dpa_frankreich_russland_is.txt", "arbeitsblatt.pdf")
    """
    from helpers.analysis import Analysis, analyze

    out = Path(out)
    if out.suffix.lower() not in {".pdf", ".html"}:
        raise BlickwinkelError(f"{out} must end in .pdf or .html: give --out arbeitsblatt.pdf or arbeitsblatt.html")
    chromium = find_chromium() if out.suffix.lower() == ".pdf" else None  # fail before the analysis
    page = worksheet_html(source if isinstance(source, Analysis) else analyze(source, catalogs=catalogs))
    out.parent.mkdir(parents=True, exist_ok=True)
    if chromium is None:
        out.write_text(page, encoding="utf-8")
        return out
    with tempfile.TemporaryDirectory(prefix="blickwinkel-worksheet-") as folder:
        page_path = Path(folder) / "arbeitsblatt.html"
        page_path.write_text(page, encoding="utf-8")
        print_to_pdf(page_path, out, chromium=chromium)
    return out


def find_chromium() -> str:
    """The Chromium (or Chrome) that prints PDFs: $BLICKWINKEL_CHROMIUM, else the first on PATH."""
    found = os.environ.get("BLICKWINKEL_CHROMIUM") or next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)
    if not found:
        raise BlickwinkelError("no Chromium found to print the PDF: install it (Debian: apt-get install chromium) "
                               "or set BLICKWINKEL_CHROMIUM, or write --out arbeitsblatt.html and print that page "
                               "from your browser")
    return found


def print_to_pdf(page: Path, pdf: Path, *, chromium: str | None = None) -> Path:
    """Print an HTML file to PDF with headless Chromium (A4 from the page's print styles, no header or footer).

        print_to_pdf(Path("arbeitsblatt.html"), Path("arbeitsblatt.pdf"))
    """
    pdf = Path(pdf).resolve()
    pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="blickwinkel-chromium-") as profile:
        command = [chromium or find_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                   f"--print-to-pdf={pdf}", Path(page).resolve().as_uri()]
        try:
            finished = subprocess.run(command, capture_output=True, text=True, timeout=PRINT_SECONDS)
        except subprocess.TimeoutExpired:
            raise BlickwinkelError(f"Chromium did not print {page} within {PRINT_SECONDS} s: try again, or write "
                                   "an .html worksheet and print it from your browser") from None
    if finished.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        detail = (finished.stderr or "").strip().splitlines()[-1:] or ["no message"]
        raise BlickwinkelError(f"Chromium could not print {page} to {pdf} (exit {finished.returncode}: {detail[0]}); "
                               "write an .html worksheet and print it from your browser instead")
    return pdf
