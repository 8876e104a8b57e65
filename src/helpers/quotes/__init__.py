"""Quotations: who speaks in an article, in which words, and how the text says so.

    nlp = load_pipeline()
    doc = nlp(text)
    [(quote.label_, quote.text, quote._.speaker) for quote in doc.spans["quotes"]]

`marks` pairs quotation marks, `words` reads a sentence's words, `cues` finds speech cues (spaCy's Matcher
for the candidates) and `noun_phrases` their speakers, `finder`, `indirect` and `reported` find direct,
partial, indirect and reported quotations (speech acts, hearsay), `speaker_choice` ranks the candidate
speakers with a learned model, `linking` links speakers to actor mentions, and `component` writes it all
into `doc.spans` (see there). The quotations table is `helpers.tables.quotes`.
"""

from helpers.quotes.component import CUES, QUOTES, SPEAKERS, make_quote_component
from helpers.quotes.marks import quotation_spans

__all__ = ["CUES", "QUOTES", "SPEAKERS", "make_quote_component", "quotation_spans"]
