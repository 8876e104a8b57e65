"""A Doc's columns read once (ORTH, LEMMA, TAG, IDX, SENT_START, IS_SPACE, LENGTH) and what the framing checks
ask of them: a token's sentence, the words between two tokens, whether only punctuation follows a token.

    columns = DocColumns(doc)
    columns.sentence_of(7), columns.words_between(2, 7)
"""

import numpy
from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, ORTH, SENT_START, TAG
from spacy.tokens import Doc, Span

from helpers.german.stts import is_punctuation


class DocColumns:
    """The columns of a Doc as numpy arrays, with its sentences as token ranges (`doc.sents`, without making
    a Span per sentence)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        columns = doc.to_array([ORTH, LEMMA, TAG, IDX, SENT_START, IS_SPACE, LENGTH])
        self.orth, self.lemma, self.tag, self.idx = columns[:, 0], columns[:, 1], columns[:, 2], columns[:, 3]
        self.length = columns[:, 6]  # characters of each token
        self.is_space = columns[:, 5].astype(bool)
        self.words_and_tags = columns[:, :3].ravel()  # ORTH, LEMMA and TAG of each token, token by token
        starts = columns[:, 4] == 1
        self.sentence_starts = numpy.flatnonzero(starts)
        self.sentence_ends = numpy.append(self.sentence_starts[1:], len(doc))
        # lists for the look-ups one token at a time (a list's item is read faster than an array's)
        self.tags = self.tag.tolist()
        self._sentence_of = (numpy.cumsum(starts) - 1).tolist()
        self._bounds = list(zip(self.sentence_starts.tolist(), self.sentence_ends.tolist()))
        words = ~self.is_space
        self._word_tokens = numpy.flatnonzero(words).tolist()  # the tokens that are words, in order
        self._words_before = (numpy.cumsum(words) - words).tolist()  # per token, the words before it
        self._words = {}  # sentence number -> its words as written and their lemmas

    def sentence_of(self, token: int) -> int:
        """The number of the sentence a token stands in."""
        return self._sentence_of[token]

    def tokens_among(self, sorted_ids: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
        """The tokens whose word as written, lemma or tag is one of the sorted string ids, in text order, each
        with the place of the id in `sorted_ids` (a token once for each of the three that is one)."""
        places, found = _places(self.words_and_tags, sorted_ids)
        hits = numpy.flatnonzero(found)
        return hits // 3, places[hits]

    @property
    def sentences(self) -> int:
        return len(self.sentence_starts)

    def sentence_bounds_of(self, number: int) -> tuple[int, int]:
        """(first, end) token of a sentence."""
        return self._bounds[number]

    def word_window(self, token: int, before: int, after: int) -> tuple[int, int]:
        """(first, end) token of the words of a word's sentence from the `before`-th word before it to the
        `after`-th after it."""
        first, end = self._bounds[self._sentence_of[token]]
        rank, words = self._words_before[token], self._word_tokens
        return max(first, words[max(rank - before, 0)]), min(end, words[min(rank + after, len(words) - 1)] + 1)

    def through_next_tag(self, token: int, tag_ids: frozenset) -> int:
        """The end of the first token after `token` in its sentence whose tag (a string id) is one of `tag_ids`,
        or the end of the sentence where none is."""
        end = self._bounds[self._sentence_of[token]][1]
        tags = self.tags
        for following in range(token + 1, end):
            if tags[following] in tag_ids:
                return following + 1
        return end

    def sentence_span(self, token: int) -> Span:
        """The words of a token's sentence, without the whitespace after it."""
        number = self.sentence_of(token)
        first, end = self.sentence_bounds_of(number)
        while end > first + 1 and self.is_space[end - 1]:
            end -= 1
        return self.doc[first:end]

    def sentence_words(self, number: int) -> set:
        """The words of a sentence as written and their lemmas."""
        if number not in self._words:
            first, end = self.sentence_bounds_of(number)
            strings = self.doc.vocab.strings
            self._words[number] = {strings[value] for value in
                                   self.orth[first:end].tolist() + self.lemma[first:end].tolist()}
        return self._words[number]

    def words_between(self, first: int, last: int) -> int:
        """How many words (not whitespace) stand between two tokens."""
        return self._words_before[last] - self._words_before[first + 1]

    def only_punctuation_after(self, token: int) -> bool:
        """Whether only punctuation follows a token in its sentence."""
        end = int(self.sentence_ends[self.sentence_of(token)])
        return all(is_punctuation(word.tag_) or not any(char.isalnum() for char in word.text)
                   for word in self.doc[token + 1:end] if not word.is_space)


def among(values: numpy.ndarray, sorted_ids: numpy.ndarray) -> numpy.ndarray:
    """Which of `values` are in the sorted array `sorted_ids` (faster than numpy.isin for a short Doc)."""
    return _places(values, sorted_ids)[1]


def _places(values, sorted_ids):
    """Where each of `values` is or would be in the sorted array `sorted_ids`, and whether it is there."""
    if not len(sorted_ids):
        return numpy.zeros(len(values), dtype=numpy.intp), numpy.zeros(len(values), dtype=bool)
    places = numpy.minimum(numpy.searchsorted(sorted_ids, values), len(sorted_ids) - 1)
    return places, sorted_ids[places] == values
