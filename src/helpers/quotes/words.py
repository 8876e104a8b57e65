"""The words of a sentence as the quotation rules read them, and Konjunktiv I over them.

    words = sentence_words(doc_words(doc), sentence, quoted_spans)
    [(word.text, word.tag, word.quoted) for word in words]
"""

import bisect
from functools import partial
from typing import NamedTuple

import numpy
from spacy.attrs import IDX, IS_SPACE, IS_TITLE, LEMMA, LENGTH, ORTH, SENT_START, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc

from helpers.german import stts
from helpers.german.konjunktiv import is_konjunktiv_i, konjunktiv_ii_forms
from helpers.pipeline.strings import MAX_STRINGS, strings_of
from helpers.quotes.lexicon import clause_grammar


class SentenceWord(NamedTuple):  # a tuple, not a dataclass: made for every word of an article, it must be cheap
    """A non-space token: offsets, text, STTS tag, lemma, whether it is a verb in Konjunktiv I (or the
    Konjunktiv II of reported speech, see `helpers.german.konjunktiv`) and whether it stands inside quotation
    marks."""

    start: int
    end: int
    text: str
    tag: str
    lemma: str
    konjunktiv: bool
    quoted: bool


_sentence_word = partial(tuple.__new__, SentenceWord)  # a row of values as a SentenceWord, without a call per field


class DocWords(NamedTuple):
    """The non-space tokens of a Doc, column by column (read from its arrays at once, not token by token); the
    lemmas as hashes, decoded only for the sentences the rules read (about half of them)."""

    starts: list
    ends: list
    texts: list
    tags: list
    lemma_ids: list
    konjunktiv: list
    strings: StringStore


def doc_words(doc: Doc) -> DocWords:
    """The non-space tokens of a Doc as columns.

    A capitalised word inside a clause is taken as a name, not a verb, adverb or predicative adjective, whatever
    the tagger says: HanTa tags unknown surnames so ("Beate Merk" VVIMP, "Peter Clever" ADJD), and such a word
    is capitalised only where a sentence, a quotation or a bracket begins.
    """
    columns = doc.to_array([IDX, LENGTH, ORTH, TAG, LEMMA, IS_SPACE, IS_TITLE, SENT_START])
    columns = columns[columns[:, 5] == 0]
    strings = doc.vocab.strings
    starts = columns[:, 0].tolist()
    ends = (columns[:, 0] + columns[:, 1]).tolist()
    orths, lemma_ids = columns[:, 2].tolist(), columns[:, 4].tolist()
    texts = strings_of(strings, orths)
    tags = strings_of(strings, columns[:, 3].tolist())
    inside = numpy.flatnonzero((columns[:, 6] == 1) & (columns[:, 7] != 1)).tolist()
    for index in inside:  # a capitalised verb, adverb or ADJD inside a sentence
        lower_case = tags[index].startswith("V") or tags[index] in stts.LOWER_CASE_WORDS
        if lower_case and index and tags[index - 1] not in stts.SENTENCE_OPENERS:
            tags[index] = stts.PROPER_NOUN
    konjunktiv = [False] * len(texts)
    finite = numpy.isin(columns[:, 3], [strings[tag] for tag in stts.FINITE_VERBS])
    for index in numpy.flatnonzero(finite).tolist():  # a tenth of the words
        if tags[index] in stts.FINITE_VERBS:  # not retagged as a name
            konjunktiv[index] = _is_konjunktiv_i(strings, orths[index], lemma_ids[index], tags[index])
    return DocWords(starts, ends, texts, tags, lemma_ids, konjunktiv, strings)


_KONJUNKTIV = {}  # (ORTH, LEMMA, TAG) hashes: whether `is_konjunktiv_i`; the same few thousand finite verbs recur


def _is_konjunktiv_i(strings, orth, lemma, tag):
    """`is_konjunktiv_i` of a finite verb given by the hashes of its form and lemma, decoded on the first call."""
    key = (orth, lemma, tag)
    if key not in _KONJUNKTIV:
        if len(_KONJUNKTIV) > MAX_STRINGS:
            _KONJUNKTIV.clear()
        _KONJUNKTIV[key] = is_konjunktiv_i(strings[orth], strings[lemma], tag)
    return _KONJUNKTIV[key]


def sentence_words(words_of_doc: DocWords, sentence, quoted_spans: list) -> list[SentenceWord]:
    """The words of a sentence (the non-space tokens that overlap it), each marked if it stands inside one of
    the `quoted_spans` (start, end) that overlap the sentence."""
    first = bisect.bisect_right(words_of_doc.ends, sentence.start)
    last = bisect.bisect_left(words_of_doc.starts, sentence.end)
    starts, ends = words_of_doc.starts[first:last], words_of_doc.ends[first:last]
    columns = (starts, ends, words_of_doc.texts[first:last], words_of_doc.tags[first:last],
               strings_of(words_of_doc.strings, words_of_doc.lemma_ids[first:last]),
               words_of_doc.konjunktiv[first:last])
    quoted = [False] * len(starts)
    for q_start, q_end in quoted_spans:  # the words inside the span, unless one word is the whole span
        for index in range(bisect.bisect_left(starts, q_start), bisect.bisect_left(starts, q_end)):
            if ends[index] <= q_end and (starts[index], ends[index]) != (q_start, q_end):
                quoted[index] = True
    return list(map(_sentence_word, zip(*columns, quoted)))


def has_reported_speech_verb(words: list[SentenceWord], first: int = 0, last: int | None = None) -> bool:
    """Whether words[first:last + 1] hold an unquoted verb in Konjunktiv I ('sei', 'arbeite'), not next to a
    first-person pronoun."""
    last = len(words) - 1 if last is None else last
    for index in range(first, last + 1):
        if words[index].konjunktiv and not words[index].quoted:
            neighbours = {w.text.lower() for w in words[max(index - 1, 0):index + 2]}
            if not neighbours & clause_grammar()["first_person"]:  # "ich sage" is the indicative
                return True
    return False


def only_konjunktiv_ii(words: list[SentenceWord]) -> bool:
    """Whether the unquoted verbs of reported speech in `words` are all Konjunktiv II forms that stand in for
    Konjunktiv I ("Damit wäre X die größte Schlange"): far from any speaker, the journalist's hypothesis."""
    moods = [w.text.lower() in konjunktiv_ii_forms() for w in words if w.konjunktiv and not w.quoted]
    return bool(moods) and all(moods)


def last_content_word(words: list[SentenceWord], first: int) -> int:
    """The index of the last word that is not a final comma or period (unless quoted), from `first` on."""
    last = len(words) - 1
    while last >= first and words[last].tag in stts.CLAUSE_ENDS and not words[last].quoted:
        last -= 1
    return last


def sentence_end(words: list[SentenceWord], first: int) -> int:
    """The index of the last word of a quotation that runs to the end of its sentence, from `first` on: the
    final period, "!" or "?" included: the Wikinews data ends a speech act, a hearsay sentence and a continued
    indirect one with it (its Reported, FreeIndirect and IndirectFreeIndirect quotations: 651 of 732 on its
    train split), but not a reported clause after a cue nor a sentence attributed by laut or zufolge."""
    last = last_content_word(words, first)
    if last + 1 < len(words) and words[last + 1].tag == stts.SENTENCE_END and not words[last + 1].quoted:
        return last + 1
    return last


def word_offsets(words: list[SentenceWord], indexes: tuple | None) -> tuple[int, int] | None:
    """The character offsets (start, end) of words[first..last] for indexes (first, last), or None."""
    if indexes is None:
        return None
    return words[indexes[0]].start, words[indexes[1]].end
