"""Blickwinkel: who is mentioned, who speaks and how a German news story is framed.

    from helpers import analyze
    analysis = analyze("data/dpa_frankreich_russland_is.txt")
    analysis.mentions, analysis.quotes, analysis.frame_cues     # one row per mention, quotation, frame cue
    compare(article_a, article_b).only_in_one                   # two articles side by side

The flow, left to right: `article` (reading a text into an Article) -> `pipeline` (spaCy: structure, HanTa
tags) -> `actors`, `quotes`, `framing` (components writing `doc.spans`) -> `tables` (DataFrames built from the
Doc) -> `analysis` (one article's Doc and tables) -> `plots`, `report`, `corpus`, `cli`. German grammar lives
in `german`, knowledge in `resources/`.
"""

from helpers.analysis import Analysis, analyze, analyze_many
from helpers.article import Article, load_article, load_corpus
from helpers.comparison import Comparison, compare
from helpers.errors import BlickwinkelError, BlickwinkelWarning
from helpers.pipeline import load_pipeline

__all__ = ["Analysis", "Article", "BlickwinkelError", "BlickwinkelWarning", "Comparison", "analyze", "analyze_many",
           "compare", "load_article", "load_corpus", "load_pipeline"]
