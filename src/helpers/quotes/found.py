"""A quotation while the quote component finds it; it becomes spans of the Doc at the end."""

from dataclasses import dataclass, replace

from helpers.quotes.words import SentenceWord


@dataclass(frozen=True)
class FoundQuote:
    """A quotation: its type, character offsets, sentence, cue word, cue lemma and speaker offsets.

        FoundQuote("direct", 120, 160, sentence=4)
    """

    type: str  # direct, partial, indirect or reported
    start: int
    end: int
    sentence: int
    cue: SentenceWord | None = None
    cue_lemma: str | None = None
    cue_words: tuple = ()  # (start, end) offsets of every word of the cue, in order ("teilte … mit")
    speaker: tuple | None = None  # (start, end) offsets
    carried_over: bool = False
    nested: bool = False  # in quotation marks inside another quotation of the article (see `mark_nested`)


MARKED_TYPES = frozenset({"direct", "partial"})  # the quotations in quotation marks


def mark_nested(found: list[FoundQuote]) -> list[FoundQuote]:
    """The quotations (sorted by start, longest first) with every quote in quotation marks that lies inside an
    indirect or reported one marked `nested`; it keeps its own row, as in the Wikinews data.

        mark_nested([FoundQuote("indirect", 0, 40, 0), FoundQuote("partial", 20, 30, 0)])[1].nested   # True
    """
    marked, outer = [], None
    for quote in found:
        if quote.type not in MARKED_TYPES:
            outer = quote if outer is None or quote.end > outer.end else outer
        elif outer is not None and quote.end <= outer.end:
            quote = replace(quote, nested=True)
        marked.append(quote)
    return marked
