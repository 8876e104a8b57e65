"""A quotation while the quote component finds it; it becomes spans of the Doc at the end."""

from dataclasses import dataclass

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
    speaker: tuple | None = None  # (start, end) offsets
    carried_over: bool = False
