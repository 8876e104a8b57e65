"""An article and its parts: paragraphs, sections (a heading and what follows it) and sentences.

    article.date, article.places, article.agency     # ('2018-06', ('Paris', 'Moskau', ...), 'dpa')
    article.sentence_at(120).index                   # the sentence that holds offset 120
    article.locate(120)                              # {'sentence': ..., 'section_index': ..., 'part': ...}

`Article.text` is the normalised text (UTF-8, NFC, `\\n` line ends); every `start`/`end` anywhere in the
project is a character offset into it. Nothing of the input is dropped: every non-whitespace character lies
in one of `Article.paragraphs`.
"""

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

PARTS = ("dateline", "title", "lead", "question", "heading", "body")  # what `Article.part_at` answers
# an archive's date field before a dateline: ' date 2018-06 Paris (dpa) - ' (see helpers.article.structure)
ARCHIVE_DATE_FIELD = re.compile(r"\s*date\s+\d{4}(?:-\d{2}){0,2}\s+")


@dataclass(frozen=True)
class Paragraph:
    """A block of text between blank lines. `kind` is title, lead, question, heading or body."""

    index: int
    start: int
    end: int
    kind: str
    section_index: int | None


@dataclass(frozen=True)
class Section:
    """A heading (in the Q&A format: a question) with the paragraphs that answer it."""

    index: int
    title: str
    title_start: int
    title_end: int
    start: int
    end: int
    paragraph_indexes: tuple[int, ...]
    is_question: bool


@dataclass(frozen=True)
class Sentence:
    """A sentence: its number in the article and its offsets (without the whitespace around it)."""

    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """One news article. Offsets (`start`, `end`) refer to `text`; `date` keeps its precision ('2018-06')."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    date_precision: str | None = None
    places: tuple[str, ...] = ()
    agency: str | None = None
    dateline: tuple[int, int] | None = None
    lead: tuple[int, int] | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    sections: tuple[Section, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    source: str | None = None
    author: str | None = None
    teaser: str | None = None
    metadata: dict = field(default_factory=dict, hash=False, compare=False)

    def span(self, start: int, end: int) -> str:
        """The text between two offsets, e.g. `article.span(*article.lead)`."""
        return self.text[start:end]

    @property
    def dateline_text(self) -> str:
        """The dateline as a reader reads it, without an archive's date field: 'Paris/Moskau (dpa)'."""
        if not self.dateline:
            return ""
        shown = ARCHIVE_DATE_FIELD.sub("", self.span(*self.dateline), count=1)
        return shown.strip().rstrip("-–—:").strip()

    @property
    def lead_text(self) -> str:
        return self.span(*self.lead) if self.lead else ""

    @property
    def display_title(self) -> str:
        return self.title or self.id

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that contains `offset`, or None for whitespace between sentences."""
        return _item_at(self.sentences, self._starts["sentences"], offset)

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph that contains `offset`, or None for whitespace between paragraphs."""
        return _item_at(self.paragraphs, self._starts["paragraphs"], offset)

    def section_at(self, offset: int) -> Section | None:
        """The section (heading and its paragraphs) that contains `offset`, or None before the first heading."""
        return _item_at(self.sections, self._starts["sections"], offset)

    def part_at(self, offset: int) -> str:
        """Where an offset stands: 'dateline', 'title', 'lead', 'question', 'heading' or 'body'."""
        if self.dateline and self.dateline[0] <= offset < self.dateline[1]:
            return "dateline"
        paragraph = self.paragraph_at(offset)
        return paragraph.kind if paragraph else "body"

    @cached_property
    def _starts(self):
        """The start offsets of the sentences, paragraphs and sections, listed once for the `*_at` look-ups
        (a table asks for every row)."""
        return {name: [item.start for item in getattr(self, name)] for name in ("sentences", "paragraphs", "sections")}

    def locate(self, start: int) -> dict:
        """Sentence index, section index and title, and part of the text for a table row at `start`."""
        sentence = self.sentence_at(start)
        section = self.section_at(start)
        return {
            "sentence": sentence.index if sentence else None,
            "section_index": section.index if section else 0,
            "section": section.title if section else "",
            "part": self.part_at(start),
        }


def words_as_written(text: str, offsets) -> str:
    """The words of `text` at the (start, end) `offsets`, in order: joined by a space where they stand side by
    side, by " … " where other words stand between them.

        words_as_written("Er teilte gestern mit", [(3, 9), (18, 21)])     # 'teilte … mit'
    """
    offsets = list(offsets)
    shown = text[slice(*offsets[0])]
    for (_, previous_end), (start, end) in zip(offsets, offsets[1:]):
        shown += (" " if not text[previous_end:start].strip() else " … ") + text[start:end]
    return shown


def _item_at(items, starts, offset):
    position = bisect.bisect_right(starts, offset) - 1
    if position >= 0 and items[position].start <= offset < items[position].end:
        return items[position]
    return None

