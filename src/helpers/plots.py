"""Generic charts of the project's tables: bar charts, heatmaps, shares, lines (highlighted text: `highlight`).

Nothing here knows about actors, quotes or frames; each takes a table and the names of its columns:

    bar_chart(mentions["actor"].value_counts(), title="Erwähnungen je Akteur")
    heatmap(mentions, index="section", columns="actor")
"""

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.ticker import MaxNLocator

PALETTE = sns.color_palette("pastel", 20).as_hex() + sns.color_palette("muted", 20).as_hex()
HATCHES = ("", "///", "...", "xx")  # the bars of a pair, told apart without colour


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


def heatmap(table, index, columns, title=None, top=20, ax=None, xlabel="", ylabel=""):
    """Seaborn heatmap of the number of rows of `table` for each pair of `index` and `columns` values (the `top`
    most frequent columns), rows in the order of their first appearance."""
    counts = pd.crosstab(table[index], table[columns]).reindex(list(dict.fromkeys(table[index].dropna())))
    keep = counts.sum().sort_values(ascending=False).head(top).index
    counts = counts[keep]
    if ax is None:
        _, ax = plt.subplots(figsize=(1 + 0.55 * max(len(keep), 3), 1 + 0.45 * max(len(counts), 2)))
    if counts.empty:
        return _nothing_to_show(ax, title)
    sns.heatmap(counts, annot=True, fmt="d", cmap="Blues", cbar=False, ax=ax)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
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
    if ax.get_legend() is not None:
        ax.get_legend().set_title(None)  # the groups' own names say what they are
    return ax


def paired_bar_chart(table, index, value, pair="article", title=None, xlabel="Anzahl", top=15, ax=None):
    """Horizontal bars side by side: for each value of `index` (e.g. actor), one bar per value of `pair` (e.g.
    the two articles compared), the `top` largest by their sum first; a missing pair counts 0. The two bars
    differ in hatching as well as colour, so the chart reads in black and white.

        paired_bar_chart(comparison.mentions, index="actor", value="mentions")
    """
    pairs = list(dict.fromkeys(table[pair]))
    wide = table.pivot_table(index=index, columns=pair, values=value, aggfunc="sum", fill_value=0, sort=False)
    wide = wide.reindex(columns=pairs, fill_value=0)
    wide = wide.loc[wide.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.5 * max(len(wide), 3) + 1.2))
    if wide.empty:
        return _nothing_to_show(ax, title)
    long = wide.reset_index().melt(id_vars=index, var_name=pair, value_name=value)
    sns.barplot(data=long, x=value, y=index, hue=pair, hue_order=pairs, ax=ax, palette=PALETTE[20:20 + len(pairs)],
                edgecolor="black", linewidth=0.6)
    for container, hatch in zip(ax.containers, HATCHES):
        for bar in container:
            bar.set_hatch(hatch)
    ax.set(title=title, xlabel=xlabel, ylabel="")
    # beside the chart, where it covers no bar (as in line_chart); after the hatching, so that it shows it
    ax.legend(title=None, loc="upper left", bbox_to_anchor=(1.02, 1), frameon=False)
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
