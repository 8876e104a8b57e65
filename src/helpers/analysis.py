"""One article analysed: its Doc (with every finding as spans) and the tables built from it.

    analysis = analyze("data/dpa_frankreich_russland_is.txt")
    analysis.mentions            # one row per actor mention
    analysis.quotes              # one row per quotation
    analysis.frame_cues          # one row per frame cue
    analysis.doc.spans["quotes"]

`analyze` accepts an `Article`, a path, an article's text or a Doc made by the pipeline; `analyze_many`
streams a corpus through `nlp.pipe`. Nothing is remembered between calls: keep the `Analysis` to reuse it.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from helpers.article import Article, load_article
from helpers.pipeline import article_doc, load_pipeline
from helpers.pipeline.word_analyses import save_word_analyses
from helpers.tables.mentions import mention_table
from helpers.tables.quotes import quote_table
from helpers.tables.frame_cues import frame_cue_table


@dataclass
class Analysis:
    """An article, its analysed Doc and its tables (each made when first asked for)."""

    article: Article
    doc: Doc = field(repr=False)

    @cached_property
    def mentions(self) -> pd.DataFrame:
        """One row per actor mention (columns: `helpers.tables.mentions.MENTION_COLUMNS`)."""
        return mention_table(self.doc)

    @cached_property
    def quotes(self) -> pd.DataFrame:
        """One row per quotation (columns: `helpers.tables.quotes.QUOTE_COLUMNS`)."""
        return quote_table(self.doc)

    @cached_property
    def frame_cues(self) -> pd.DataFrame:
        """One row per frame cue (columns: `helpers.tables.frame_cues.FRAME_CUE_COLUMNS`)."""
        return frame_cue_table(self.doc)


def analyze(source: Article | str | Path | Doc, *, pipeline: Language | None = None, catalogs=(),
            lexicon: str | None = None) -> Analysis:
    """Analyse one article: an `Article`, a file path, the article's text, or a Doc the pipeline made.

        analysis = analyze("data/dpa_frankreich_russland_is.txt")
        analyze("Berlin (dpa) - Merkel sagte, sie sei zufrieden.").quotes

    `catalogs` and `lexicon` choose your own actor catalogs and frame lexicon (see `load_pipeline`), or give a
    `pipeline` of your own.
    """
    if isinstance(source, Doc):
        doc = source if source.has_annotation("SENT_START") and "actors" in source.spans else None
        if doc is not None and doc._.article is not None:
            return Analysis(doc._.article, doc)
        source = source.text
    nlp = pipeline or _pipeline(catalogs, lexicon)
    article = source if isinstance(source, Article) else load_article(source)
    return Analysis(article, nlp(article_doc(nlp, article)))


def analyze_many(articles: Iterable[Article], *, pipeline: Language | None = None, catalogs=(),
                 lexicon: str | None = None, batch_size: int = 64) -> Iterator[Analysis]:
    """The analyses of a stream of articles, in order, through `nlp.pipe`.

        for analysis in analyze_many(load_corpus("artikel/")):
            print(analysis.article.id, len(analysis.quotes))
    """
    nlp = pipeline or _pipeline(catalogs, lexicon)
    docs = (article_doc(nlp, article) for article in articles)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield Analysis(doc._.article, doc)
    save_word_analyses()  # the next process need not analyse this corpus's new words again


def _pipeline(catalogs, lexicon):
    return load_pipeline(catalogs=catalogs) if lexicon is None else load_pipeline(catalogs=catalogs, lexicon=lexicon)
