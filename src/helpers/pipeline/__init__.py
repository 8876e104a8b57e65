"""The project's spaCy pipeline: the article's structure, HanTa's tags and lemmas, and the analyses.

    nlp = load_pipeline()
    doc = nlp("Berlin (dpa) - Kanzlerin Merkel sagte, sie sei zufrieden.")
    doc.spans["actors"], doc.spans["quotes"], doc.spans["frame_cues"]

Components, in order: `blickwinkel_article` (`doc._.article`, sentences), `blickwinkel_hanta` (STTS tags,
lemmas), `blickwinkel_actors`, `blickwinkel_quotes`, `blickwinkel_frames`. Each analysis writes its findings
into `doc.spans[...]`; `helpers.tables` turns them into DataFrames.
"""

from helpers.pipeline.loading import DEFAULT_LEXICON, load_pipeline
from helpers.pipeline.structure import article_doc

__all__ = ["DEFAULT_LEXICON", "article_doc", "load_pipeline"]
