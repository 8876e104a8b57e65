"""The article's own text with spans marked: mentions, quotes, cues, each with its label and colour.

    highlight(article, mentions, label="actor")                       # an IPython HTML object
    highlight(article, quote_spans(quotes), label="label", colors=QUOTE_COLORS)

The text is shown exactly as written (HTML-escaped, so markup in an article is shown as text), paragraph by
paragraph; a span's label stands as a small tag at its start, so labels never overlap the text or each other.
Overlapping spans are all shown: each adds an underline of its colour. The dateline is shown muted, without an
archive's date field ("date 2018-06"), which the article's metadata shows instead. (displaCy's span style,
used before, joins tokens with spaces: punctuation and split compounds got spaces the text does not have.)
"""

import html

import pandas as pd
import seaborn as sns
from IPython.display import HTML

from helpers.article import Article
from helpers.article.model import ARCHIVE_DATE_FIELD

UNDERLINE_PX = 3
STYLE = (
    "<style>"
    ".bw-highlight{line-height:2.2;font-family:inherit}"
    ".bw-highlight .paragraph{margin:0 0 0.9em 0}"
    ".bw-highlight .paragraph-title,.bw-highlight .paragraph-question,.bw-highlight .paragraph-heading"
    "{font-weight:bold}"
    ".bw-highlight .dateline{color:#666;font-style:italic}"
    ".bw-highlight .tag{font-size:0.62em;font-weight:bold;padding:0 3px;margin-right:2px;border-radius:3px;"
    "vertical-align:0.45em;white-space:nowrap;color:#222}"
    ".bw-highlight .chip{padding:2px 8px;margin:2px;border-radius:4px;display:inline-block}"
    "</style>"
)


def label_colors(labels) -> dict:
    """A distinct light colour for each label, in order of first appearance (as many hues as labels)."""
    unique = list(dict.fromkeys(str(label) for label in labels))
    # every third hue of the circle first, so that neighbours in the legend differ clearly
    hues = sns.husl_palette(len(unique), l=0.82, s=0.9).as_hex()
    order = sorted(range(len(unique)), key=lambda index: (index % 3, index))
    return {label: hues[position] for label, position in zip(unique, order)}


def highlight(article: Article, spans: pd.DataFrame, label: str = "label", colors: dict | None = None,
              title: str | None = None, names: dict | None = None, legend: bool = True) -> HTML:
    """The article with the rows of `spans` (columns start, end and `label`) marked.

        highlight(article, mentions, label="actor")
        highlight(article, cues, label="category", names=category_labels())    # German names of the codes

    `names` shows each value of the label column by another name; `legend=False` leaves out the chips of the
    labels above the text (for a caller that explains its colours itself). Returns an IPython HTML object
    (`.data` is the HTML).
    """
    missing = {"start", "end", label} - set(spans.columns)
    if missing:
        raise KeyError(f"highlight needs the columns start, end and {label!r}; the table lacks {sorted(missing)}")
    rows = spans.dropna(subset=["start", "end"]).sort_values(["start", "end"], ascending=[True, False])
    names = names or {}
    marks = [(int(start), int(end), str(names.get(name, name))) for start, end, name in
             zip(rows["start"], rows["end"], rows[label]) if int(end) > int(start)]
    colors = {**label_colors(name for _, _, name in marks), **(colors or {})}
    parts = [STYLE]
    if legend:
        parts.append(_legend({name: colors[name] for name in dict.fromkeys(name for _, _, name in marks)}))
    if title:
        parts.append(f"<h3>{html.escape(title)}</h3>")
    for paragraph in article.paragraphs:
        inside = [mark for mark in marks if mark[0] < paragraph.end and mark[1] > paragraph.start]
        parts.append(_paragraph(article, paragraph, inside, colors))
    return HTML(f'<div class="bw-highlight">{"".join(parts)}</div>')


def _paragraph(article, paragraph, marks, colors):
    start, end = paragraph.start, paragraph.end
    pieces = []
    if article.dateline and start <= article.dateline[0] < end:
        written = ARCHIVE_DATE_FIELD.sub("", article.span(*article.dateline), count=1).lstrip()
        pieces.append(f'<span class="dateline">{html.escape(written)}</span>')
        start = article.dateline[1]
        marks = [mark for mark in marks if mark[1] > start]
    pieces.append(_marked(article.text, start, end, marks, colors))
    return f'<div class="paragraph paragraph-{paragraph.kind}">{"".join(pieces)}</div>'


def _marked(text, start, end, marks, colors):
    """The text between two offsets with the marks' underlines and, at each mark's start, its label."""
    bounds = sorted({start, end, *(max(s, start) for s, _, _ in marks), *(min(e, end) for _, e, _ in marks)})
    out = []
    for left, right in zip(bounds, bounds[1:]):
        for mark_start, _, name in marks:
            if max(mark_start, start) == left:
                out.append(f'<span class="tag" style="background:{colors[name]}">{html.escape(name)}</span>')
        active = [colors[name] for mark_start, mark_end, name in marks if mark_start <= left and mark_end >= right]
        piece = html.escape(text[left:right])
        if active:
            lines = ",".join(f"inset 0 -{UNDERLINE_PX * (depth + 1)}px 0 0 {color}" for depth, color in
                             enumerate(active))
            piece = f'<span style="box-shadow:{lines};background:{active[0]}55">{piece}</span>'
        out.append(piece)
    return "".join(out)


def _legend(colors):
    chips = "".join(f'<span class="chip" style="background:{color}">{html.escape(name)}</span>'
                    for name, color in colors.items())
    return f'<div class="legend" style="margin-bottom:8px">{chips}</div>'
