# SPDX-License-Identifier: LGPL-3.0-or-later
# Copyright (c) 2026 the Blickwinkel authors. A port of parts of HanTa by Christian Wartena
# (https://github.com/wartaal/HanTa, LGPL-3.0-or-later); see LICENSES/ at the root of the project.
"""HanTa's Viterbi over the morphemes of a word (`analyze_forward`, `analyze_viterbi`, `lp_m_t`), compiled.

    tagger = FastHanoverTagger("morphmodel_ger.pgz")      # model.py: the tables below, from HanTa's model
    final_tags, final_scores, ends = forward_searches(code_points("sagte"), numpy.array([0, 5]), False,
                                                      tagger.model, tagger.followers, tagger.final_followers)

`FastHanoverTagger` builds the tables, a `MorphemeModel` and `Followers`, from HanTa's model once;
`_word_search` then looks up the word's known morphemes and suffixes in hash tables (`Texts`) and searches the
same paths with the same scores (the same additions in the same order) as HanTa's Python code.
"""

from typing import NamedTuple

import numpy

from helpers.pipeline.hanta_fast.arrays import LOWER_BOUND, NEGATIVE_INFINITY, beam_bound, compiled, longer

WORD_BEAM = 3  # HanTa: within a word, states within 1 of the 4th best go on
LONGEST_SUFFIX = 4  # HanTa guesses unknown morphemes from suffixes of up to 4 letters
LONGEST_LENGTH = 24  # HanTa's length model ends at 24 letters
WHOLE_WORD_PENALTY = 4.6  # HanTa: an unknown morpheme that is the whole word costs this much more


class Texts(NamedTuple):
    """Strings as arrays for compiled look-ups (`_find_text`): string n is codes[offsets[n]:offsets[n + 1]], as
    Unicode code points; `slots` is a hash table of string numbers (-1: empty), its size a power of two."""

    codes: numpy.ndarray
    offsets: numpy.ndarray
    slots: numpy.ndarray


def texts_of(strings):
    """The `Texts` of a list of strings, numbered in its order."""
    offsets = numpy.cumsum([0] + [len(string) for string in strings])
    slots = numpy.full(1 << (2 * len(strings)).bit_length(), -1, dtype=numpy.int64)  # at most half full
    texts = plain(Texts(code_points("".join(strings)), offsets, slots))
    _fill_slots(texts)
    return texts


def plain(value):
    """A NamedTuple of arrays (and of such NamedTuples) as plain tuples, which numba takes in faster: with the
    model and followers as NamedTuples, a call of `_word_search` would cost 3 µs more."""
    return tuple(map(plain, value)) if isinstance(value, tuple) else value


def code_points(text):
    """The Unicode code points of a string as an array: `code_points("Maß")` -> array([77, 97, 223])."""
    return numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.int32)


class Followers(NamedTuple):
    """The tags that may follow each state of HanTa's morpheme model, as arrays for the compiled word search.

    A state is a (previous tag, tag) pair, given by its number in `FastHanoverTagger.state_numbers`. Its
    followers are entries starts[state] to starts[state + 1], in HanTa's order: the follower's tag position,
    the number of the state it leads to, and log P(tag | state). Those of open word classes, which alone may
    follow with a morpheme HanTa has not seen, are also listed apart: entries open_entries[open_starts[state]:
    open_starts[state + 1]].
    """

    starts: numpy.ndarray
    tags: numpy.ndarray
    states: numpy.ndarray
    log_ps: numpy.ndarray
    open_starts: numpy.ndarray
    open_entries: numpy.ndarray


class MorphemeModel(NamedTuple):
    """HanTa's probabilities of morphemes given their tags, as arrays for the compiled word search.

    Tags are given by position (`FastHanoverTagger.tag_positions`). The tags of known morpheme m (in
    `morphemes`) are entries morpheme_starts[m] to morpheme_starts[m + 1] of `morpheme_tags` and
    `morpheme_log_ps`. A morpheme HanTa has not seen may be of an open word class (`open_tags`): its log
    probability is guess_base[tag, min(length, LONGEST_LENGTH)] + suffix_log_ps[tag, s], s the number of its
    longest suffix in `suffixes` that is shorter than the morpheme (or of ""), less WHOLE_WORD_PENALTY if it is
    the whole word.
    """

    morphemes: Texts
    morpheme_starts: numpy.ndarray
    morpheme_tags: numpy.ndarray
    morpheme_log_ps: numpy.ndarray
    longest_morpheme: int
    open_tags: numpy.ndarray
    guess_base: numpy.ndarray  # Int_t + P(hapax | tag) + P(length | tag), in HanTa's order of additions
    suffixes: Texts
    suffix_log_ps: numpy.ndarray
    empty_suffix: int
    state_tags: numpy.ndarray  # the tag number of each state (previous tag, tag)
    start_state: int  # (EMPTY, START)


@compiled
def _word_search(word, strict, model, followers, final_followers, target):
    """HanTa's Viterbi over the morphemes of a word (`analyze_forward`, `analyze_viterbi`), given as code points.

    Morphemes HanTa has not seen are guessed unless `strict`. The search ends with the final tag at position
    `target`, or with any final tag if -1. Returns the tag numbers and log probabilities of the last row's
    states, and the path to the best of them as rows of (tag number, end) (HanTa's backpointers), empty if no
    path reaches the end.

    Row r holds the states of the paths whose morphemes end at letter r, row len(word) + 1 those with their final
    tag (a step without a morpheme, whose log probability is 0 for the final tags allowed). Each path kept is
    an entry (its state, score, row and the entry it came from), and a row's entries are linked (`row_first`,
    `next_entry`) in the order HanTa's dict keeps them, as the ties depend on it; place[r, state] is a
    state's entry in row r (-1: not in it), so that a better path replaces the old one. The loop keeps the paths
    itself and takes the arrays out of their tuples first: numba counts the references to an array at each use
    of a tuple's field and at each call that passes it, which would cost more than the search.
    """
    (morphemes, morpheme_starts, morpheme_tags, morpheme_log_ps, longest_morpheme, open_tags, guess_base, suffixes,
     suffix_log_ps, empty_suffix, state_tags, start_state) = model
    wlen = len(word)
    known, suffix_at = _word_parts(word, morphemes, longest_morpheme, suffixes)
    row_count, state_count = wlen + 2, len(followers[0]) - 1
    place = numpy.full((row_count, state_count), -1, dtype=numpy.int64)
    row_first = numpy.full(row_count, -1, dtype=numpy.int64)
    row_last = numpy.full(row_count, -1, dtype=numpy.int64)
    capacity = row_count * state_count  # each state at most once per row
    states = numpy.empty(capacity, dtype=numpy.int64)
    scores = numpy.empty(capacity)
    rows = numpy.empty(capacity, dtype=numpy.int64)
    sources = numpy.empty(capacity, dtype=numpy.int64)
    next_entry = numpy.empty(capacity, dtype=numpy.int64)
    states[0], scores[0], rows[0], sources[0], next_entry[0] = start_state, 0.0, 0, -1, -1
    row_first[0] = row_last[0] = place[0, start_state] = 0
    count = 1
    going_on = numpy.empty(state_count, dtype=numpy.int64)  # the entries of a row within the beam
    best_scores = numpy.empty(WORD_BEAM + 1)
    # log P(morpheme | tag) of the morpheme at hand; -inf for a tag it cannot have, which no path then keeps
    morpheme_log_ps_by_tag = numpy.full(len(guess_base), NEGATIVE_INFINITY)
    for start in range(wlen + 1):
        final = start == wlen
        follower_starts, follower_tags, follower_states, follower_log_ps, open_starts, open_entries = (
            final_followers if final else followers)
        row_size = 0
        entry = row_first[start]
        while entry >= 0:
            going_on[row_size] = entry
            row_size += 1
            entry = next_entry[entry]
        if row_size > WORD_BEAM and not final:  # HanTa: only states within 1 of the 4th best go on
            bound = beam_bound(scores[going_on[:row_size]], best_scores)
            kept = 0
            for entry in going_on[:row_size]:
                if scores[entry] >= bound:
                    going_on[kept] = entry
                    kept += 1
            row_size = kept
        for end in range(start + 1, wlen + 2 if final else wlen + 1):
            length = end - start
            morpheme = -1 if final else known[start, end]
            guessed = not (final or strict) and (wlen < 4 or length > 2)
            if final:
                if target < 0:
                    morpheme_log_ps_by_tag[:] = 0.0
                else:
                    morpheme_log_ps_by_tag[target] = 0.0
            elif morpheme < 0 and not guessed:
                continue
            if guessed:  # an unknown morpheme is of an open word class
                suffix = empty_suffix
                for suffix_length in range(min(length, LONGEST_SUFFIX + 1) - 1, 0, -1):  # shorter than the morpheme
                    if suffix_at[end, suffix_length] >= 0:
                        suffix = suffix_at[end, suffix_length]
                        break
                for tag in open_tags:
                    log_p = guess_base[tag, min(length, LONGEST_LENGTH)] + suffix_log_ps[tag, suffix]
                    if length == wlen:
                        log_p -= WHOLE_WORD_PENALTY
                    morpheme_log_ps_by_tag[tag] = log_p
            first, last = (morpheme_starts[morpheme], morpheme_starts[morpheme + 1]) if morpheme >= 0 else (0, 0)
            known_tags = morpheme_tags[first:last]
            morpheme_log_ps_by_tag[known_tags] = morpheme_log_ps[first:last]
            only_open = morpheme < 0 and not final
            for entry in going_on[:row_size]:
                score, state = scores[entry], states[entry]
                first, last = (open_starts[state], open_starts[state + 1]) if only_open else (
                    follower_starts[state], follower_starts[state + 1])
                for at in range(first, last):
                    follower = open_entries[at] if only_open else at
                    total = score + follower_log_ps[follower] + morpheme_log_ps_by_tag[follower_tags[follower]]
                    if total <= LOWER_BOUND:
                        continue
                    new_state = follower_states[follower]
                    kept = place[end, new_state]
                    if kept < 0:
                        place[end, new_state] = count
                        states[count], scores[count], rows[count], sources[count] = new_state, total, end, entry
                        next_entry[count] = -1
                        if row_first[end] < 0:
                            row_first[end] = count
                        else:
                            next_entry[row_last[end]] = count
                        row_last[end] = count
                        count += 1
                    elif total > scores[kept]:  # ties keep the first path, as in HanTa
                        scores[kept], sources[kept] = total, entry
            morpheme_log_ps_by_tag[known_tags] = NEGATIVE_INFINITY
            if guessed:
                morpheme_log_ps_by_tag[open_tags] = NEGATIVE_INFINITY
    final_tags = numpy.empty(state_count, dtype=numpy.int64)
    final_scores = numpy.empty(state_count)
    final_count = 0
    best = -1
    entry = row_first[wlen + 1]
    while entry >= 0:
        final_tags[final_count], final_scores[final_count] = state_tags[states[entry]], scores[entry]
        final_count += 1
        if best < 0 or scores[entry] > scores[best]:  # the first of the best, as HanTa
            best = entry
        entry = next_entry[entry]
    return final_tags[:final_count], final_scores[:final_count], _path(best, states, rows, sources, state_tags)


@compiled
def forward_searches(codes, offsets, strict, model, followers, final_followers):
    """`_word_search` towards any final tag of each word codes[offsets[n]:offsets[n + 1]]: the final tags and
    scores of word n are entries ends[n - 1] (0 for the first word) to ends[n] of those returned."""
    final_tags = numpy.empty(0, dtype=numpy.int64)
    final_scores = numpy.empty(0)
    ends = numpy.empty(len(offsets) - 1, dtype=numpy.int64)
    count = 0
    for number in range(len(ends)):
        tags, scores, _ = _word_search(codes[offsets[number]:offsets[number + 1]], strict, model, followers,
                                       final_followers, -1)
        if count + len(tags) > len(final_tags):
            final_tags, final_scores = longer(final_tags, count + len(tags)), longer(final_scores, count + len(tags))
        final_tags[count:count + len(tags)] = tags
        final_scores[count:count + len(tags)] = scores
        count += len(tags)
        ends[number] = count
    return final_tags[:count], final_scores[:count], ends


@compiled
def morpheme_search(word, model, followers, final_followers, target):
    """The path of `_word_search` towards the final tag at position `target` (empty if there is none), with
    unknown morphemes only when the known ones give no analysis (as HanTa's `analyze_viterbi`)."""
    final_tags, _, path = _word_search(word, True, model, followers, final_followers, target)
    if len(final_tags) == 0:
        final_tags, _, path = _word_search(word, False, model, followers, final_followers, target)
    return path


@compiled
def _path(last, states, rows, sources, state_tags):
    """The (tag number, end) of each entry on the path of `_word_search` that ends with entry `last` (-1: none),
    the start (entry 0) left out."""
    steps = 0
    entry = last
    while entry > 0:
        steps += 1
        entry = sources[entry]
    path = numpy.empty((steps, 2), dtype=numpy.int64)
    entry = last
    for step in range(steps - 1, -1, -1):
        path[step, 0], path[step, 1] = state_tags[states[entry]], rows[entry]
        entry = sources[entry]
    return path


@compiled
def _word_parts(word, morphemes, longest_morpheme, suffixes):
    """The known morphemes and suffixes in a word (code points), for `_word_search`.

    known[start, end] is the number of the morpheme word[start:end] in `morphemes` (-1: not a known morpheme),
    suffix_at[end, length] the number of the suffix word[end - length:end] in `suffixes` (-1: none).
    """
    wlen = len(word)
    known = numpy.full((wlen + 1, wlen + 1), -1, dtype=numpy.int64)
    for start in range(wlen):
        text_hash = 0
        for end in range(start + 1, min(wlen, start + longest_morpheme) + 1):
            text_hash = _next_hash(text_hash, word[end - 1])
            known[start, end] = _find_text(morphemes, word[start:end], text_hash)
    suffix_at = numpy.full((wlen + 1, LONGEST_SUFFIX + 1), -1, dtype=numpy.int64)
    for end in range(1, wlen + 1):
        for length in range(1, min(end, LONGEST_SUFFIX) + 1):
            suffix = word[end - length:end]
            suffix_at[end, length] = _find_text(suffixes, suffix, _hash(suffix))
    return known, suffix_at


@compiled
def _next_hash(text_hash, code):
    """The hash of a string one code point longer (a polynomial in the code points, wrapping around)."""
    return text_hash * 1_000_003 + code


@compiled
def _hash(codes):
    """The hash of a string given as code points (see `_next_hash`)."""
    text_hash = 0
    for code in codes:
        text_hash = _next_hash(text_hash, code)
    return text_hash


@compiled
def _first_slot(text_hash, mask):
    """Where a hash table of size mask + 1 puts a string first (then the next free slot)."""
    return (text_hash ^ (text_hash >> 23)) & mask


@compiled
def _fill_slots(texts):
    """Enter each string of `texts` in its hash table (`_find_text` looks them up)."""
    codes, offsets, slots = texts
    mask = len(slots) - 1
    for number in range(len(offsets) - 1):
        slot = _first_slot(_hash(codes[offsets[number]:offsets[number + 1]]), mask)
        while slots[slot] >= 0:
            slot = (slot + 1) & mask
        slots[slot] = number


@compiled
def _find_text(texts, text, text_hash):
    """The number of the string `text` (code points, hash `text_hash`) in `texts`, -1 if it is not there."""
    codes, offsets, slots = texts
    mask = len(slots) - 1
    slot = _first_slot(text_hash, mask)
    while slots[slot] >= 0:
        number = slots[slot]
        first, last = offsets[number], offsets[number + 1]
        if last - first == len(text) and _same_codes(codes[first:last], text):
            return number
        slot = (slot + 1) & mask
    return -1


@compiled
def _same_codes(one, other):
    """Whether two arrays of code points of the same length are equal."""
    for at in range(len(one)):
        if one[at] != other[at]:
            return False
    return True
