"""The report's start page (`index.html`): the article on one page, in German, with links to the details.

    summary_page(analysis, pages)     # HTML: who is mentioned, who speaks, the frames, links to the pages

Every sentence and table is computed from the analysis of the article in front of the reader (see
`helpers.summary`). The page stands alone: styles inline, the charts embedded as PNG, and no script; the
Content-Security-Policy given by the caller forbids anything else. Article text reaches the page only through
`html.escape` or pandas' escaping `to_html`.
"""

import base64
import html
import io

from matplotlib.figure import Figure

from helpers.display import labels, present
from helpers.plots import bar_chart
from helpers.summary.frames import describe_frame_profile, describe_rhetorical_questions
from helpers.summary.mentions import describe_mentions
from helpers.summary.quotes import describe_anonymous, describe_quotes, quote_types
from helpers.summary.structure import describe_structure
from helpers.tables.frame_profile import frame_profile
from helpers.tables.mentions import actor_table
from helpers.tables.quotes import who_speaks

TOP_ROWS = 10  # actors and speakers in the page's tables
STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:62em;margin:2em auto;padding:0 1em;
     color:#222;line-height:1.5}
h1{font-size:1.7em;margin-bottom:0.2em} h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:0.2em}
.meta{color:#555;margin-top:0} table{border-collapse:collapse;margin:0.6em 0 1em 0;font-size:0.92em}
th,td{text-align:left;padding:0.3em 0.8em 0.3em 0;border-bottom:1px solid #eee;vertical-align:top}
th{border-bottom:1px solid #999} img{max-width:100%;height:auto} .pages li{margin:0.3em 0}
.note{color:#555;font-size:0.9em}
"""


def summary_page(analysis, pages, security_meta: str = "") -> str:
    """The start page of a report for `analysis` (a `helpers.analysis.Analysis`), linking to `pages`: a list
    of (file name, German title) of the notebook pages. `security_meta` goes into the head (a CSP meta tag)."""
    article = analysis.article
    mentions, quotes = analysis.mentions, analysis.quotes
    profile = frame_profile(analysis)
    title = article.title or article.display_title
    parts = [
        f"<h1>{_text(title)}</h1>",
        f'<p class="meta">{_text(_meta_line(article))}</p>',
        f"<p>{_text(describe_structure(article))}</p>",
        "<h2>Wer wird erwähnt?</h2>",
        f"<p>{_text(describe_mentions(mentions))}</p>",
    ]
    if len(mentions):
        actors = actor_table(mentions)
        parts += [_table(actors.head(TOP_ROWS), "actors", ["actor", "actor_type", "mentions"]),
                  _chart(actors.set_index("actor")["mentions"], "Erwähnungen je Akteur", "Erwähnungen")]
    parts += ["<h2>Wer spricht?</h2>", f"<p>{_text(describe_quotes(quotes))}</p>"]
    if len(quotes):
        speakers = who_speaks(quotes)
        parts += [
            "<h3>Nach Sprecher</h3>", _table(speakers.head(TOP_ROWS), "speakers"),
            _chart(speakers.set_index("speaker")["quoted_words"], "Zitierte Wörter je Sprecher", "Wörter"),
            "<h3>Nach Zugehörigkeit</h3>", _table(who_speaks(quotes, by="affiliation").head(TOP_ROWS), "affiliations"),
            "<h3>Direkt oder indirekt</h3>", _table(quote_types(quotes), None, ["type", "quotes", "quoted_words"]),
            f"<p>{_text(describe_anonymous(quotes))}</p>",
        ]
    parts += ["<h2>Wie wird die Geschichte gerahmt?</h2>", f"<p>{_text(describe_frame_profile(profile))}</p>",
              f"<p>{_text(describe_rhetorical_questions(analysis.frame_cues))}</p>"]
    if len(profile):
        parts.append(_table(profile, "profile", ["label", "group", "cues", "per_1000_words", "example"]))
    links = "\n".join(f'<li><a href="{html.escape(name)}">{_text(heading)}</a></li>' for name, heading in pages)
    parts += ["<h2>Die Seiten des Berichts</h2>", f'<ol class="pages">\n{links}\n</ol>',
              '<p class="note">Alle Angaben sind automatisch aus dem Text berechnet: Prüfen Sie jede Beobachtung '
              "im markierten Text der einzelnen Seiten, bevor Sie sich darauf stützen.</p>"]
    return (
        '<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        f"{security_meta}\n<title>{_text(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(parts) + "\n</body>\n</html>\n"
    )


def _meta_line(article) -> str:
    """'Datum: 2018-06 · Agentur: dpa · Autor: … · Datei: …' with what the article has."""
    fields = labels()["metadata"]
    values = {"date": article.date, "agency": article.agency, "author": article.author,
              "source": article.source and str(article.source).rsplit("/", 1)[-1]}
    shown = [f"{fields[field]}: {value}" for field, value in values.items() if value]
    return " · ".join(shown) if shown else "Ohne Datum, Agentur und Autor."


def _text(text) -> str:
    """Escaped text, with the Markdown bold of the summary sentences (**…**) dropped."""
    return html.escape(str(text).replace("**", ""))


def _table(table, kind, columns=None) -> str:
    return present(table, kind, columns).to_html(index=False, escape=True, border=0)


def _chart(counts, title, xlabel) -> str:
    """A bar chart as an embedded PNG image (drawn on its own Figure: no pyplot state, no display needed)."""
    figure = Figure(figsize=(7, 0.35 * max(min(len(counts), TOP_ROWS), 3) + 1))
    bar_chart(counts, title=title, xlabel=xlabel, top=TOP_ROWS, ax=figure.subplots())
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(title)}">'
