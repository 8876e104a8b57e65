"""Framing: the words that frame a story (metaphors, cooperation and conflict language, hedging, the generic
news frames of Semetko & Valkenburg 2000), found by the spaCy component `blickwinkel_frames`.

    doc = load_pipeline()(text)
    [(span.label_, span._.frame_cue, span.text) for span in doc.spans["frame_cues"]]
    lexicon_table()                                # the categories and cues of resources/frames.yaml

`lexicon` reads and checks the lexicon, `compounds` finds noun cues inside compounds, `matcher` turns the
lexicon's patterns into spaCy matchers, `component` writes the cues into `doc.spans["frame_cues"]`. The
table of cues and its summaries are `helpers.tables.frame_cues`.
"""

from helpers.framing.component import CUE_EXTENSIONS, SPAN_KEY, cue_extensions, make_frame_component
from helpers.framing.compounds import split_compound
from helpers.framing.lexicon import (
    DEFAULT_LEXICON, FrameLexicon, category_labels, category_table, lexicon_of, lexicon_table, load_lexicon,
)

__all__ = [
    "CUE_EXTENSIONS", "DEFAULT_LEXICON", "FrameLexicon", "SPAN_KEY", "category_labels", "category_table",
    "cue_extensions", "lexicon_of", "lexicon_table", "load_lexicon",
    "make_frame_component", "split_compound",
]
