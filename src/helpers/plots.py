"""Generic pictures of the project's tables: highlighted text, bar charts and heatmaps.

Nothing here knows about actors, quotes or frames; each takes a table and the names of its columns:

    highlight(article, mentions, label="actor")              # displaCy spans with a colour legend
    bar_chart(mentions["actor"].value_counts(), title="Erwähnungen je Akteur")
    heatmap(mentions, index="section", columns="actor")
"""

import html
import re

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from IPython.display import HTML
from matplotlib.ticker import MaxNLocator
from spacy import displacy

TOKEN = re.compile(r"\S+")  # words with their punctuation, as a reader sees them
PALETTE = sns.color_palette("pastel", 20).as_hex() + sns.color_palette("muted", 20).as_hex()


def label_colors(labels):
    """A distinct light colour for each label, in order of first appearance (as many hues as labels)."""
    unique = list(dict.fromkeys(str(label) for label in labels))
    # every third hue of the circle first, so that neighbours in the legend differ clearly
    hues = sns.husl_palette(len(unique), l=0.82, s=0.9).as_hex()
    order = sorted(range(len(unique)), key=lambda index: (index % 3, index))
    return {label: hues[position] for label, position in zip(unique, order)}


def highlight(article, spans, label="label", colors=None, title=None):
    """The article text with the rows of `spans` (columns start, end and `label`) marked, paragraph by paragraph.

        highlight(article, mentions, label="actor")

    Rendered with displaCy's span style, which HTML-escapes the text, so markup in an article is shown as text.
    Overlapping spans are all shown (stacked underlines). Returns an IPython HTML object; `.data` is the HTML.
    """
    missing = {"start", "end", label} - set(spans.columns)
    if missing:
        raise KeyError(f"highlight needs the columns start, end and {label!r}; the table lacks {sorted(missing)}")
    rows = spans.dropna(subset=["start", "end"]).sort_values(["start", "end"])
    colors = {**label_colors(rows[label]), **(colors or {})}
    parts = [_legend(colors)]
    for paragraph in article.paragraphs:
        inside = rows[(rows["start"] < paragraph.end) & (rows["end"] > paragraph.start)]
        parts.append(_render_paragraph(article, paragraph, inside, label, colors))
    heading = f"<h3>{html.escape(title)}</h3>" if title else ""
    return HTML(f'<div class="blickwinkel-highlight">{heading}{"".join(parts)}</div>')


def _render_paragraph(article, paragraph, rows, label, colors):
    bounds = {paragraph.start, paragraph.end}
    for start, end in zip(rows["start"], rows["end"]):
        bounds.update({max(int(start), paragraph.start), min(int(end), paragraph.end)})
    token_spans = []
    for match in TOKEN.finditer(article.text, paragraph.start, paragraph.end):
        # split tokens where a highlighted span begins or ends inside them, e.g. "IS" in "IS-Hochburg"
        cuts = sorted(b for b in bounds if match.start() < b < match.end())
        edges = [match.start(), *cuts, match.end()]
        token_spans.extend(zip(edges, edges[1:]))
    starts = [start for start, _ in token_spans]
    spans = []
    for start, end, name in zip(rows["start"], rows["end"], rows[label]):
        first = _token_index(starts, max(int(start), paragraph.start))
        last = _token_index(starts, min(int(end), paragraph.end) - 1)
        spans.append({"start_token": first, "end_token": last + 1, "label": str(name)})
    document = {"text": article.span(paragraph.start, paragraph.end),
                "tokens": [article.text[start:end] for start, end in token_spans],
                "spans": spans}
    markup = displacy.render(document, style="span", manual=True, jupyter=False, options={"colors": colors})
    weight = "bold" if paragraph.kind in {"title", "question", "heading"} else "normal"
    return f'<div class="paragraph paragraph-{paragraph.kind}" style="font-weight:{weight}">{markup}</div>'


def _token_index(starts, offset):
    index = 0
    for position, start in enumerate(starts):
        if start <= offset:
            index = position
        else:
            break
    return index


def _legend(colors):
    chips = "".join(
        f'<span style="background:{color};padding:2px 8px;margin:2px;border-radius:4px;'
        f'display:inline-block">{html.escape(name)}</span>'
        for name, color in colors.items()
    )
    return f'<div class="legend" style="margin-bottom:8px">{chips}</div>'


def bar_chart(counts, title=None, xlabel="Anzahl", top=20, ax=None):
    """Horizontal seaborn bars of a Series of counts (index = what is counted), largest first."""
    counts = counts.sort_values(ascending=False).head(top)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.35 * max(len(counts), 3) + 1))
    if counts.empty:
        return _nothing_to_show(ax, title)
    sns.barplot(x=counts.to_numpy(), y=[str(name) for name in counts.index], ax=ax, color=PALETTE[20])
    ax.set(title=title, xlabel=xlabel, ylabel="")
    return ax


def heatmap(table, index, columns, title=None, top=20, ax=None):
    """Seaborn heatmap of the number of rows of `table` for each pair of `index` and `columns` values."""
    counts = pd.crosstab(table[index], table[columns])
    keep = counts.sum().sort_values(ascending=False).head(top).index
    counts = counts[keep]
    if ax is None:
        _, ax = plt.subplots(figsize=(1 + 0.55 * max(len(keep), 3), 1 + 0.45 * max(len(counts), 2)))
    if counts.empty:
        return _nothing_to_show(ax, title)
    sns.heatmap(counts, annot=True, fmt="d", cmap="Blues", cbar=False, ax=ax)
    ax.set(title=title, xlabel=columns, ylabel=index)
    return ax


def share_chart(table, index, groups, title=None, xlabel="Anteil", ax=None):
    """Grouped horizontal bars: for each value of `groups` (e.g. voice), the share of its rows that has each
    value of `index` (e.g. category), so that groups of different size can be compared.

        share_chart(cues, index="category", groups="voice")
    """
    shares = pd.crosstab(table[index], table[groups], normalize="columns")
    long = shares.reset_index().melt(id_vars=index, var_name=groups, value_name=xlabel)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.5 * max(len(shares), 3) + 1))
    if shares.empty:
        return _nothing_to_show(ax, title)
    sns.barplot(data=long, x=xlabel, y=index, hue=groups, ax=ax, palette=PALETTE[20:20 + len(shares.columns)])
    ax.set(title=title, xlabel=xlabel, ylabel="")
    ax.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    return ax


def line_chart(table, title=None, xlabel=None, ylabel=None, ax=None):
    """One line with markers per column of `table` over its index (e.g. years); whole-number ticks for whole numbers.

        line_chart(rates, title="Frame-Signale je Artikel", xlabel="Jahr")
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.5))
    if table.empty:
        return _nothing_to_show(ax, title)
    table.plot(marker="o", ax=ax, color=PALETTE[20:20 + len(table.columns)])
    if pd.api.types.is_integer_dtype(table.index):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.legend(title=table.columns.name, bbox_to_anchor=(1.02, 1), loc="upper left")
    return ax


def _nothing_to_show(ax, title):
    """An empty chart that says so, for tables without rows (a short article, a filter that matched nothing)."""
    ax.text(0.5, 0.5, "keine Daten", ha="center", va="center", transform=ax.transAxes, color="grey")
    ax.set(title=title, xticks=[], yticks=[])
    return ax
