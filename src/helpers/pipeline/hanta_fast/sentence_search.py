# SPDX-License-Identifier: LGPL-3.0-or-later
# Copyright (c) 2026 the Blickwinkel authors. A port of parts of HanTa by Christian Wartena
# (https://github.com/wartaal/HanTa, LGPL-3.0-or-later); see LICENSES/ at the root of the project.
"""HanTa's Viterbi over the words of a sentence (`HanoverTagger.tag_sent_viterbi`), compiled, for many sentences.

    tagger = SentenceTagger(FastHanoverTagger("morphmodel_ger.pgz"), candidates)
    tagger.tag([tagger.form_number(word) for word in ["Putin", "kam", "."]], sentence_starts=[0])

`candidates` gives HanTa's candidate tags of (word form, case sensitive) keys, as `_tag_word(word, cutoff=5,
casesensitive=..., conditional=True)` does (`FastHanoverTagger.tag_words`); the caller may keep them (Blickwinkel
stores them on disk, `helpers.pipeline.word_analyses`). One compiled call tags all sentences of a Doc.
"""

from functools import lru_cache
from typing import NamedTuple

import numpy
from HanTa.HanoverTagger import EMPTY, END, START, UNKNOWN

from helpers.errors import ArticleError
from helpers.pipeline.hanta_fast.arrays import LOWER_BOUND, NEGATIVE_INFINITY, beam_bound, compiled, longer

SENTENCE_BEAM = 5  # HanTa: within a sentence, states within 1 of the 6th best go on


class SentenceModel(NamedTuple):
    """HanTa's second-order model of tag sequences (`LP_trans_word`) as arrays for the compiled search."""

    numbers: numpy.ndarray  # HanTa's tag number at each tag position (EMPTY, START and END included)
    positions: dict  # tag number -> position
    # transitions[previous * len(numbers) + tag, next]: log P(next | previous, tag), -inf where HanTa has none
    transitions: numpy.ndarray


@lru_cache(maxsize=None)
def sentence_model(tagger):
    """HanTa's transitions between tags (`LP_trans_word`) as a dense table (58 tags, 1.5 MB), built once per
    tagger."""
    transitions = tagger.LP_trans_word
    numbers = sorted({tag for state, following in transitions.items() for tag in (*state, *following)})
    positions = {number: position for position, number in enumerate(numbers)}
    table = numpy.full((len(numbers) ** 2, len(numbers)), NEGATIVE_INFINITY)
    for (previous, tag), following in transitions.items():
        state = positions[previous] * len(numbers) + positions[tag]
        for next_tag, log_p in following.items():
            table[state, positions[next_tag]] = log_p
    return SentenceModel(numpy.array(numbers), positions, table)


class SentenceTagger:
    """HanTa's sentence Viterbi for words given as numbers of word forms; the candidate tags of each form are
    kept in arrays, so that tagging the sentences of a Doc is a few array operations and one compiled call.

        tagger = SentenceTagger(FastHanoverTagger("morphmodel_ger.pgz"), candidates)
        tagger.tag([tagger.form_number(word) for word in ["Putin", "kam", "."]], sentence_starts=[0])

    `candidates(keys)` gives the candidate tags ((tag number, log p), ...) of each (word form, case sensitive)
    key, as `FastHanoverTagger.tag_words(words, flags, cutoff=5, conditional=True)`; a form without any (HanTa
    could not analyse it, or the caller did not ask) may take every tag. A form's candidates are looked up
    once for each case, as HanTa ignores the case of a sentence's first word. Key k = form number * 2 + case
    sensitive: its candidates are candidate_tags[candidate_starts[k]:candidate_ends[k]] (positions in
    `self.model`), end -1 until looked up.
    """

    def __init__(self, tagger, candidates):
        self.model = sentence_model(tagger)
        self.candidates = candidates
        # HanTa: "if the word is unknown anything goes", any tag but END, with log p 0
        self.any_tag = tuple((tag, 0.0) for tag in tagger.LP_wtag if tag != END)
        self.forms = []  # word forms by number
        self.numbers = {}  # word form -> number
        self.candidate_starts = numpy.empty(0, dtype=numpy.int64)
        self.candidate_ends = numpy.empty(0, dtype=numpy.int64)
        self.candidate_tags = numpy.empty(0, dtype=numpy.int64)
        self.candidate_scores = numpy.empty(0)
        self.candidate_count = 0

    def form_number(self, word):
        number = self.numbers.get(word)
        if number is None:
            number = self.numbers[word] = len(self.forms)
            self.forms.append(word)
        return number

    def tag(self, words, sentence_starts):
        """HanTa's tag numbers (an array) for words given by form number, in sentences that begin at the given
        positions of `words` (the first at 0), each tagged as by `HanoverTagger.tag_sent_viterbi`."""
        words = numpy.asarray(words, dtype=numpy.int64)
        sentence_starts = numpy.asarray(sentence_starts, dtype=numpy.int64)
        case_sensitive = numpy.ones(len(words), dtype=numpy.int64)
        case_sensitive[sentence_starts] = 0
        keys = words * 2 + case_sensitive
        if len(self.candidate_ends) < 2 * len(self.forms):
            self.candidate_starts = longer(self.candidate_starts, 2 * len(self.forms))
            self.candidate_ends = longer(self.candidate_ends, 2 * len(self.forms))
        new_keys = numpy.unique(keys[self.candidate_ends[keys] < 0]).tolist()
        if new_keys:
            self._look_up(new_keys)
        model = self.model
        tags = _best_tags(
            self.candidate_tags, self.candidate_scores, self.candidate_starts, self.candidate_ends, keys,
            numpy.append(sentence_starts, len(words)), model.transitions,
            model.positions[EMPTY] * len(model.numbers) + model.positions[START], model.positions[END],
        )
        return model.numbers[tags]

    def _look_up(self, keys):
        """Store the candidates of new keys, all in one step; a tag that no transition leads to is left out, as
        HanTa never picks it."""
        positions = self.model.positions
        tags, scores, ends = [], [], []
        for scored in self.candidates([(self.forms[key // 2], key % 2 == 1) for key in keys]):
            for tag, score in self.any_tag if _unknown(scored) else scored:
                if tag in positions:
                    tags.append(positions[tag])
                    scores.append(score)
            ends.append(len(tags))
        start, end = self.candidate_count, self.candidate_count + len(tags)
        if end > len(self.candidate_tags):
            self.candidate_tags = longer(self.candidate_tags, end)
            self.candidate_scores = longer(self.candidate_scores, end)
        self.candidate_tags[start:end] = tags
        self.candidate_scores[start:end] = scores
        ends = numpy.array(ends, dtype=numpy.int64) + start
        self.candidate_ends[keys] = ends
        self.candidate_starts[keys] = numpy.append(start, ends[:-1])
        self.candidate_count = end


def _unknown(scored):
    """Whether HanTa could not analyse a word, which it then lets take any tag."""
    return not scored or (len(scored) == 1 and scored[0][0] == UNKNOWN)


@compiled
def _best_tags(candidate_tags, candidate_scores, candidate_starts, candidate_ends, word_keys, sentence_starts,
               transitions, start_state, end_tag):
    """The tag position of each word: HanTa's sentence Viterbi (`tag_sent_viterbi`) for each sentence.

    Word w may take the tags candidate_tags[candidate_starts[k]:candidate_ends[k]], k = word_keys[w]; the words
    of sentence s are sentence_starts[s] to sentence_starts[s + 1]. A state is (previous tag, tag) as one number,
    previous * tags + tag. The rows of a sentence lie one after another in `states`, `scores` and `backpointers`
    (the place of the state each came from). A row keeps its states in the order HanTa's dict does, as the
    beam and the ties depend on it: `place` gives a state's place in the current row (-1: not in it), so that
    a better path replaces the old one in place.
    """
    tag_count = transitions.shape[1]
    tags = numpy.empty(len(word_keys), dtype=numpy.int64)
    place = numpy.full(tag_count * tag_count, -1, dtype=numpy.int64)
    states = numpy.empty(1024, dtype=numpy.int64)
    scores = numpy.empty(1024)
    backpointers = numpy.empty(1024, dtype=numpy.int64)
    best_scores = numpy.empty(SENTENCE_BEAM + 1)
    for sentence in range(len(sentence_starts) - 1):
        first_word, end_word = sentence_starts[sentence], sentence_starts[sentence + 1]
        states[0], scores[0], backpointers[0] = start_state, 0.0, -1
        row_start, row_end = 0, 1
        for word in range(first_word, end_word):
            first_candidate, end_candidate = candidate_starts[word_keys[word]], candidate_ends[word_keys[word]]
            row_size = row_end - row_start
            bound = NEGATIVE_INFINITY
            if row_size > SENTENCE_BEAM:  # HanTa: only states within 1 of the 6th best go on
                bound = beam_bound(scores[row_start:row_end], best_scores)
            needed = row_end + row_size * (end_candidate - first_candidate)
            if needed > len(states):
                states, scores = longer(states, needed), longer(scores, needed)
                backpointers = longer(backpointers, needed)
            new_end = row_end
            for previous in range(row_start, row_end):
                score = scores[previous]
                if score < bound:
                    continue
                state = states[previous]
                tag_before = state % tag_count
                for candidate in range(first_candidate, end_candidate):
                    tag = candidate_tags[candidate]
                    total = score + transitions[state, tag] + candidate_scores[candidate]
                    new_state = tag_before * tag_count + tag
                    at = place[new_state]
                    if at < 0:
                        if total > LOWER_BOUND:
                            place[new_state] = new_end
                            states[new_end], scores[new_end], backpointers[new_end] = new_state, total, previous
                            new_end += 1
                    elif total > scores[at]:  # ties keep the first path, as in HanTa
                        scores[at], backpointers[at] = total, previous
            if new_end == row_end:
                raise ArticleError("a sentence is too long for HanTa: every tag sequence is less likely than its "
                                   "lower bound; split the text into shorter sentences")
            place[states[row_end:new_end]] = -1
            row_start, row_end = row_end, new_end
        best = row_start  # the first of the best, as Python's max
        for at in range(row_start + 1, row_end):
            if scores[at] + transitions[states[at], end_tag] > scores[best] + transitions[states[best], end_tag]:
                best = at
        for word in range(end_word - 1, first_word - 1, -1):
            tags[word] = states[best] % tag_count
            best = backpointers[best]
    return tags
