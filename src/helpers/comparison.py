"""Two articles side by side: who each mentions, who speaks in each and how much, its frames per 1,000 words, and
the actors only one of them names.

    comparison = compare("data/dpa_frankreich_russland_is.txt", "tests/articles/frankreich_russland_andere_zeitung.txt")
    comparison.mentions          # one row per article and actor: mentions
    comparison.only_in_one       # the actors one article names and the other does not
    side_by_side(comparison.frames, "label", "per_1000_words")     # categories x the two articles

Every table is tidy: one row per article and thing, the article in the column `article` (its name, see
`Comparison.names`), so a paired bar chart (`helpers.plots.paired_bar_chart`) or a pivot takes it as it is.
Counts per 1,000 words make a long and a short article comparable.
"""

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
from spacy.tokens import Doc

from helpers.analysis import Analysis, analyze
from helpers.article import Article
from helpers.summary.wording import words_in
from helpers.tables.frame_profile import frame_profile
from helpers.tables.mentions import actor_table
from helpers.tables.quotes import who_speaks

LETTERS = ("A", "B")
NAME_LENGTH = 45  # characters of an article's title in its name

# The columns of each table of a `Comparison` (besides `article`, the article's name), in order.
COMPARISON_COLUMNS = {
    "overview": ["words", "mentions", "actors", "quotes", "speakers", "quoted_words", "frame_cues",
                 "cues_per_1000_words"],
    "mentions": ["actor", "actor_type", "mentions", "per_1000_words"],
    "speakers": ["speaker", "quotes", "quoted_words", "share_quoted"],
    "affiliations": ["affiliation", "quotes", "quoted_words", "share_quoted"],
    "frames": ["category", "label", "group", "cues", "per_1000_words"],
    "only_in_one": ["actor", "actor_type", "mentions"],
}


@dataclass
class Comparison:
    """Two analysed articles and the tables that compare them (each made when first asked for)."""

    a: Analysis
    b: Analysis

    @property
    def analyses(self) -> tuple[Analysis, Analysis]:
        return self.a, self.b

    @cached_property
    def names(self) -> tuple[str, str]:
        """'A: <title>' and 'B: <title>' (the title cut after 45 characters): the values of `article`."""
        names = []
        for letter, analysis in zip(LETTERS, self.analyses):
            title = analysis.article.display_title
            names.append(f"{letter}: {title[:NAME_LENGTH].rstrip()}{'…' if len(title) > NAME_LENGTH else ''}")
        return tuple(names)

    @cached_property
    def words(self) -> tuple[int, int]:
        """The number of words of each article."""
        return tuple(max(words_in(analysis.article), 1) for analysis in self.analyses)

    @cached_property
    def overview(self) -> pd.DataFrame:
        """One row per article: words, mentions, actors, quotes, speakers (with a name), quoted words, frame cues
        and frame cues per 1,000 words."""
        rows = []
        for name, words, analysis in zip(self.names, self.words, self.analyses):
            speakers = who_speaks(analysis.quotes)
            rows.append({"article": name, "words": words, "mentions": len(analysis.mentions),
                         "actors": analysis.mentions["actor"].nunique(), "quotes": len(analysis.quotes),
                         "speakers": int((~speakers["speaker"].str.startswith("(")).sum()),
                         "quoted_words": int(speakers["quoted_words"].sum()),
                         "frame_cues": len(analysis.frame_cues),
                         "cues_per_1000_words": round(1000 * len(analysis.frame_cues) / words, 1)})
        return pd.DataFrame(rows, columns=["article", *COMPARISON_COLUMNS["overview"]])

    @cached_property
    def mentions(self) -> pd.DataFrame:
        """One row per article and actor it mentions: actor, actor_type, mentions, per_1000_words; each
        article's most mentioned first."""
        return self._stacked("mentions", lambda analysis: actor_table(analysis.mentions), per_1000="mentions")

    @cached_property
    def speakers(self) -> pd.DataFrame:
        """One row per article and speaker (`who_speaks`): quotes, quoted_words, share_quoted (of the
        article's quoted words)."""
        return self._stacked("speakers", lambda analysis: _with_share(who_speaks(analysis.quotes)))

    @cached_property
    def affiliations(self) -> pd.DataFrame:
        """One row per article and affiliation of its speakers (party, institution, state): quotes,
        quoted_words, share_quoted."""
        return self._stacked("affiliations",
                             lambda analysis: _with_share(who_speaks(analysis.quotes, by="affiliation")))

    @cached_property
    def frames(self) -> pd.DataFrame:
        """One row per article and frame category it has cues of (`frame_profile`): label, group, cues,
        per_1000_words."""
        return self._stacked("frames", frame_profile)

    @cached_property
    def only_in_one(self) -> pd.DataFrame:
        """The actors only one of the two articles names: one row per actor with the article that names it, its
        type and mentions there; article A's first, most mentioned first."""
        named = [set(analysis.mentions["actor"]) for analysis in self.analyses]
        only = self.mentions[[actor not in named[1 - self.names.index(article)]
                              for article, actor in zip(self.mentions["article"], self.mentions["actor"])]]
        # one row per actor, even where the text names it as two types (Hamburg the state and the town)
        per_actor = only.groupby(["article", "actor"], sort=False, as_index=False).agg(
            actor_type=("actor_type", "first"), mentions=("mentions", "sum"))
        return per_actor.sort_values(["article", "mentions"], ascending=[True, False], kind="stable",
                                     ignore_index=True)[["article", *COMPARISON_COLUMNS["only_in_one"]]]

    def _stacked(self, kind, table_of, per_1000=None):
        """The tables of both articles, one below the other, with the article's name; `per_1000` names the column
        to count per 1,000 words."""
        parts = []
        for name, words, analysis in zip(self.names, self.words, self.analyses):
            table = table_of(analysis)
            if per_1000:
                table = table.assign(per_1000_words=(1000 * table[per_1000] / words).round(1))
            parts.append(table.reindex(columns=COMPARISON_COLUMNS[kind]).assign(article=name))
        return pd.concat(parts, ignore_index=True)[["article", *COMPARISON_COLUMNS[kind]]]


def _with_share(speakers: pd.DataFrame) -> pd.DataFrame:
    total = speakers["quoted_words"].sum()
    return speakers.assign(share_quoted=(speakers["quoted_words"] / total).round(3) if total else 0.0)


def compare(article_a: Analysis | Article | str | Path | Doc, article_b: Analysis | Article | str | Path | Doc, *,
            catalogs=(), pipeline=None) -> Comparison:
    """Compare two articles (analyses, Articles, paths, texts or Docs of the pipeline).

        comparison = compare("data/dpa_frankreich_russland_is.txt", "tests/articles/frankreich_russland_andere_zeitung.txt")
        comparison.overview
    """
    analyses = [source if isinstance(source, Analysis) else analyze(source, catalogs=catalogs, pipeline=pipeline)
                for source in (article_a, article_b)]
    return Comparison(*analyses)


def side_by_side(table: pd.DataFrame, index: str, value: str, names: tuple[str, str] | None = None) -> pd.DataFrame:
    """A comparison table (`article`, `index`, `value`) as one row per `index` value and one column per article
    (0 where an article has none), the largest in both together first.

        side_by_side(comparison.mentions, "actor", "mentions", comparison.names)
    """
    wide = table.pivot_table(index=index, columns="article", values=value, aggfunc="sum", fill_value=0,
                             sort=False)
    if names is not None:
        wide = wide.reindex(columns=list(names), fill_value=0)
    order = wide.sum(axis=1).sort_values(ascending=False, kind="stable").index
    wide = wide.loc[order]
    wide.columns.name = None
    return wide.reset_index()
