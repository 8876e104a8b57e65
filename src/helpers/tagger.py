"""HanTa, fast: STTS tags, Universal POS tags and lemmas of German sentences, cached per word form.

    words = ["Putin", "sagte", ",", "Russlands", "Armee", "sei", "bereit", "."]
    [analysis(word, tag) for word, tag in zip(words, tag_numbers(words))]
    # [('NE', 'PROPN', 'Putin'), ('VVFIN', 'VERB', 'sagen'), ('$,', 'PUNCT', ','), ('NE', 'PROPN', 'Russland'), ...]

HanTa (Wartena 2019, https://github.com/wartaal/HanTa, LGPL-3.0) tags a sentence in two steps: a
morphological analysis of each word gives its candidate tags (`_tag_word`), and a Viterbi search over the
sentence picks one (`tag_sent_viterbi`); the lemma comes from a second analysis of the word for that tag
(`_analyze`). `tag_sent` runs at about 7,000 tokens/s here (`benchmarks/pipeline_speed.py`). Here:

- the candidate tags of a word form (as arrays, in `sentence_tagger()`) and the lemma of a (word form, tag) (in
  an LRU cache) are kept in memory for up to 100,000 of each, shared by all documents, so each form is
  analysed once per process;
- these analyses are also stored in the user's cache folder (`word_cache_path()`: `$BLICKWINKEL_CACHE_DIR`,
  else `$XDG_CACHE_HOME/blickwinkel` or `~/.cache/blickwinkel`), read when the pipeline is built and
  written after `parse_many` and at exit (if they grew by 1%), so each form is analysed once per machine.
  The file holds the 100,000 most recently used entries of each table (2 MB for the 28,000 forms of the 700
  Wikinews train articles, read in 0.03 s) and is ignored (and replaced) when HanTa, this module or the tag
  tables change. `BLICKWINKEL_CACHE_DIR=""` turns it off;
- the sentence Viterbi visits only each word's candidate tags instead of every tag, and it is compiled with
  numba: one call tags all sentences of a Doc (the 175,000 tokens of the 700 Wikinews train articles in 0.02 s
  of CPU; the spaCy component, with a dictionary look-up per token, in 0.17 s);
- the analysis of a word form seen for the first time (`FastHanoverTagger`: HanTa's Viterbi over the morphemes
  of the word, for its candidate tags and again for its lemma) is compiled with numba too: one call
  (`_word_search`) looks up the word's known morphemes and suffixes in hash tables built when HanTa is loaded
  and searches the same paths with the same (bit-identical) scores as HanTa's Python code, in about 20 µs
  instead of 130 µs. The new forms of a Doc are searched for their candidate tags in one call
  (`_forward_searches`), and their candidates looked up and stored together (`many_candidates`). A first run
  over the 700 articles (28,000 new forms) takes 2.8 s of CPU instead of 6.3 s.

numba compiles these functions on first use (about 5 s in all) and keeps them in its cache, `__pycache__`
beside this file or else `~/.cache/numba`, from which a new process loads them in about 0.2 s; where neither
is writable, each process compiles them.

The tags and lemmas are HanTa's: `tests/test_nlp.py` and `benchmarks/pipeline_speed.py` compare them with
`HanoverTagger.tag_sent`.
"""

import atexit
import hashlib
import itertools
import os
import pickle
import warnings
from collections import OrderedDict
from functools import lru_cache
from importlib.metadata import version
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import numba
import numpy
from HanTa.HanoverTagger import END, END_UNKNOWN, EMPTY, START, UNKNOWN, HanoverTagger

from helpers.errors import ArticleError, BlickwinkelWarning, ResourceError
from helpers.resources import resource_path, word_list

HANTA_MODEL = "morphmodel_ger.pgz"
WORD_CACHE_SIZE = 100_000  # word forms, and (word form, tag) pairs, kept per process
WORD_CACHE_FILE = "hanta_words.pickle"  # in the user's cache folder, see `word_cache_path`
WORD_CACHE_FORMAT = 1  # raise when the stored tables change shape
WORD_CACHE_TABLES = ("candidates", "lemmas")  # (word, case sensitive) -> ((tag, score), ...); (word, tag) -> lemma
# The file is rewritten when the new analyses are at least this share of its entries: writing an entry costs
# about 1 µs, analysing a word about 40 µs, so a run that adds a few words to a full file would lose time writing.
WORD_CACHE_NEW_SHARE = 0.01
# Typographic quotes are unknown to HanTa's model; it knows '"' (its own normalisation of `` and '').
QUOTE_MARKS = frozenset("„“”‚‘’»«›‹")

LOWER_BOUND = -1e6  # HanTa: paths below this log probability are dropped
WORD_BEAM = 3  # HanTa: within a word, states within 1 of the 4th best go on
SENTENCE_BEAM = 5  # HanTa: within a sentence, states within 1 of the 6th best go on
LONGEST_SUFFIX = 4  # HanTa guesses unknown morphemes from suffixes of up to 4 letters
LONGEST_LENGTH = 24  # HanTa's length model ends at 24 letters
WHOLE_WORD_PENALTY = 4.6  # HanTa: an unknown morpheme that is the whole word costs this much more
NEGATIVE_INFINITY = float("-inf")
# HanTa's analysis time grows with the square of a word's length (25 ms for an 80-letter URL); longer
# tokens are not analysed: their tag comes from the context alone and the lemma is the token itself.
LONGEST_WORD = 100


class Texts(NamedTuple):
    """Strings as arrays for compiled look-ups (`_find_text`): string n is codes[offsets[n]:offsets[n + 1]], as
    Unicode code points; `slots` is a hash table of string numbers (-1: empty), its size a power of two."""

    codes: numpy.ndarray
    offsets: numpy.ndarray
    slots: numpy.ndarray


def _texts(strings):
    """The `Texts` of a list of strings, numbered in its order."""
    offsets = numpy.cumsum([0] + [len(string) for string in strings])
    slots = numpy.full(1 << (2 * len(strings)).bit_length(), -1, dtype=numpy.int64)  # at most half full
    texts = _plain(Texts(_code_points("".join(strings)), offsets, slots))
    _fill_slots(texts)
    return texts


def _plain(value):
    """A NamedTuple of arrays (and of such NamedTuples) as plain tuples, which numba takes in faster: with the
    model and followers as NamedTuples, a call of `_word_search` would cost 3 µs more."""
    return tuple(map(_plain, value)) if isinstance(value, tuple) else value


def _code_points(text):
    """The Unicode code points of a string as an array: `_code_points("Maß")` -> array([77, 97, 223])."""
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


class FastHanoverTagger(HanoverTagger):
    """HanTa's `HanoverTagger` whose word analyses run as one compiled search over tables built once at loading.

    `analyze_forward` and `analyze_viterbi` search the same paths with the same probabilities as HanTa's, in
    `_word_search` (numba).
    """

    def __init__(self, filename):
        super().__init__(filename)
        # HanTa's tag numbers (some negative) as positions in arrays
        self.tag_positions = {number: position for position, number in enumerate(sorted(self.int2tag))}
        # The states (previous tag, tag) of HanTa's transitions and those they lead to, numbered.
        states = list(self.LP_trans)
        states += [(state[1], tag) for state, followers in self.LP_trans.items() for tag in followers]
        self.state_numbers = {state: number for number, state in enumerate(dict.fromkeys(states))}
        self.model = self._morpheme_model()
        self.followers = self._followers(self.LP_trans_nonfinal, lambda tag: True)
        self.final_followers = self._followers(self.LP_trans_final, lambda tag: True)
        self._reachable_followers = {}
        self.longest_lemma_ending = {tag: max(map(len, endings)) for tag, endings in self.lemmasuffixtable.items() if endings}
        self.nonstem_tags = {tag: frozenset(morpheme_tags) for tag, morpheme_tags in self.nonstemtags.items()}

    def _morpheme_model(self):
        """HanTa's P(morpheme | tag) as a `MorphemeModel` (a plain tuple)."""
        known_tags = {}  # morpheme -> [(tag position, log p), ...]
        for tag, morphemes in self.LP_m_t.items():
            for morpheme, log_p in morphemes.items():
                known_tags.setdefault(morpheme, []).append((self.tag_positions[tag], log_p))
        open_tags = [tag for tag in self.LP_hapax_t if tag in self.LP_s_t]
        suffixes = list(self.LP_s_t[open_tags[0]])  # every open tag has the same suffixes, "" included
        tag_count = len(self.tag_positions)
        guess_base = numpy.full((tag_count, LONGEST_LENGTH + 1), NEGATIVE_INFINITY)
        suffix_log_ps = numpy.full((tag_count, len(suffixes)), NEGATIVE_INFINITY)
        for tag in open_tags:
            position = self.tag_positions[tag]
            guess_base[position] = [self.Int_t + self.LP_hapax_t[tag] + log_p
                                    for log_p in self.LP_len_t[tag][:LONGEST_LENGTH + 1]]
            suffix_log_ps[position] = [self.LP_s_t[tag][suffix] for suffix in suffixes]
        return _plain(MorphemeModel(
            _texts(list(known_tags)),
            numpy.cumsum([0] + [len(tags) for tags in known_tags.values()]),
            numpy.array([tag for tags in known_tags.values() for tag, _ in tags]),
            numpy.array([log_p for tags in known_tags.values() for _, log_p in tags]),
            max(map(len, known_tags)),
            numpy.array([self.tag_positions[tag] for tag in open_tags]),
            guess_base,
            _texts(suffixes),
            suffix_log_ps,
            suffixes.index(""),
            numpy.array([tag for _, tag in self.state_numbers]),
            self.state_numbers[EMPTY, START],
        ))

    def _followers(self, transitions, keep):
        """The `Followers` (a plain tuple) of each state in `transitions` (state -> [(tag, log p), ...]) whose tag
        is kept."""
        starts, open_starts = [0], [0]
        tags, states, log_ps, open_entries = [], [], [], []
        for state in self.state_numbers:
            for tag, log_p in transitions.get(state, ()):
                if keep(tag):
                    if tag in self.LP_hapax_t and tag in self.LP_s_t:  # an open word class
                        open_entries.append(len(tags))
                    tags.append(self.tag_positions[tag])
                    states.append(self.state_numbers[state[1], tag])
                    log_ps.append(log_p)
            starts.append(len(tags))
            open_starts.append(len(open_entries))
        integers = [numpy.array(values, dtype=numpy.int64) for values in (starts, tags, states)]
        return _plain(Followers(*integers, numpy.array(log_ps, dtype=numpy.float64), numpy.array(open_starts),
                                numpy.array(open_entries, dtype=numpy.int64)))

    def _tag_word(self, word, cutoff=5, casesensitive=True, conditional=False):
        """HanTa's `_tag_word`: the candidate tags of a word with their log probabilities, best first."""
        return self.tag_words([word], [casesensitive], cutoff, conditional)[0]

    def tag_words(self, words, casesensitive, cutoff=5, conditional=False):
        """HanTa's `_tag_word` of each word (`casesensitive`: a flag per word), with the same scores (the same
        additions, in the same order) and ranking; the words HanTa has not precomputed are analysed in one call.

            hanta().tag_words(["Haus", "sagte"], [True, False], cutoff=5, conditional=True)
        """
        normalized = [self.normalize(word) for word in words]
        analysed = self._forward_analyses([word for word in dict.fromkeys(normalized) if word not in self.cache])
        case_log_ps, tag_log_ps = self.LP_case_t, self.LP_wtag
        results = []
        for word, normal, case_sensitive in zip(words, normalized, casesensitive):
            upcase = case_sensitive and word[0].isupper()
            ranked = self.cache.get(normal)  # HanTa's precomputed analyses of frequent words, not cut off
            cut = ranked is None
            scored = []
            for tag, log_p in analysed[normal] if cut else ranked:
                if tag != UNKNOWN:
                    if case_sensitive:
                        log_p += case_log_ps[tag][upcase]
                    if conditional:
                        log_p -= tag_log_ps[tag]
                scored.append((tag, log_p))
            scored.sort(key=itemgetter(1), reverse=True)
            if cut and scored:
                limit = scored[0][1] - cutoff
                scored = [(tag, log_p) for tag, log_p in scored if log_p >= limit] if cutoff else scored[:1]
            results.append(scored)
        return results

    def analyze_forward(self, word):
        """Log probabilities of the tags of a word, best first (as HanTa's `analyze_forward`)."""
        return self._forward_analyses([word])[word]

    def _forward_analyses(self, words):
        """`analyze_forward` of each word, by word, all searched in one compiled call."""
        codes = _code_points("".join(words))
        offsets = numpy.cumsum([0] + [len(word) for word in words])
        final_tags, final_scores, ends = _forward_searches(codes, offsets, self.strict, self.model, self.followers,
                                                           self.final_followers)
        final_tags, final_scores = final_tags.tolist(), final_scores.tolist()
        analyses = {}
        start = 0
        for word, end in zip(words, ends.tolist()):
            results = {}
            for at in range(start, end):
                tag, log_p = -final_tags[at], final_scores[at]
                results[tag] = numpy.logaddexp(results[tag], log_p) if tag in results else log_p
            analyses[word] = sorted(results.items(), key=itemgetter(1), reverse=True) or [(UNKNOWN, 0)]
            start = end
        return analyses

    def analyze_viterbi(self, word, targetpos):
        """The morphemes of a word with a given tag, as (tag, end) pairs (as HanTa's `analyze_viterbi`)."""
        return [tuple(step) for step in self._morpheme_path(word, targetpos)]

    def _morpheme_path(self, word, targetpos):
        """`analyze_viterbi`'s (tag, end) pairs as lists."""
        followers = self._followers_towards(targetpos)
        target = self.tag_positions.get(targetpos)  # None: a tag HanTa lacks, no analysis
        if target is not None:
            path = _morpheme_search(_code_points(word), self.model, followers, self.final_followers, target)
            if len(path):
                return path.tolist()
        return [[UNKNOWN, len(word)], [END_UNKNOWN, len(word) + 1]]

    def _analyze(self, word, pos, taglevel=1):
        """HanTa's `_analyze`: (lemma, tag) at taglevel 1, in fewer steps; other levels are HanTa's own."""
        if taglevel != 1:
            return super()._analyze(word, pos, taglevel)
        word = word.lower()
        postag = -pos
        if postag in self.atomic_class:
            morphemes = [(pos, len(word)), (postag, len(word) + 1)]
        else:
            morphemes = self._morpheme_path(word, postag)
        str_postag = self.int2tag[-morphemes[-1][0]]
        morphlist = []
        start = 0
        for tag, end in morphemes:
            if tag > 0:
                morphlist.append((word[start:end], tag))
            start = end
        # HanTa's `relevant_morpheme`; when no morpheme is relevant, all are (its two fallbacks)
        not_stems = self.nonstem_tags.get(str_postag.split("(")[0], ())
        stem_morphemes = [(morpheme, tag) for morpheme, tag in morphlist if tag not in not_stems] or morphlist
        last_morpheme, last_tag = stem_morphemes[-1]
        str_tag = self.int2tag[last_tag]
        if last_tag in self.stemdict and (str_tag[:2] == str_postag[:2] or str_tag.startswith("SUF")):
            last_morpheme = self.stemdict[last_tag].get(last_morpheme, last_morpheme)
        return self.makelemma([morpheme for morpheme, _ in stem_morphemes[:-1]] + [last_morpheme], str_postag), str_postag

    def makelemma(self, stem_morphemes, pos):
        """The lemma from the stem's morphemes and the lemma suffix of its longest known ending (as HanTa's
        `makelemma`), with the longest ending per tag computed once instead of at every call."""
        lemma = "".join(stem_morphemes)
        main_tag = pos.split("(")[0]
        endings = self.lemmasuffixtable.get(main_tag)
        suffix = ""
        if endings:
            longest = self.longest_lemma_ending[main_tag]
            if len(lemma) + 1 < longest:
                longest = len(lemma)
            marked = "#" + lemma  # '#' marks the start of the word
            suffix = next(
                (endings[marked[-length:]] for length in range(longest + 1, 0, -1) if marked[-length:] in endings),
                "",
            )
        if self.tag2int.get(pos, 0) in self.capitalizedlemmata:
            lemma = lemma[0].upper() + lemma[1:]
        return lemma + suffix

    def _followers_towards(self, targetpos):
        """The `Followers` of each state among the tags from which `targetpos` can be reached."""
        if targetpos not in self._reachable_followers:
            reachable = self.reachability.get(targetpos, frozenset())
            self._reachable_followers[targetpos] = self._followers(self.LP_trans_nonfinal, lambda tag: tag in reachable)
        return self._reachable_followers[targetpos]


@lru_cache(maxsize=None)
def hanta():
    """The fast HanTa tagger for German, loaded once per process."""
    return FastHanoverTagger(HANTA_MODEL)


@lru_cache(maxsize=None)
def tag_tables():
    """HanTa tag -> STTS tag and STTS tag -> Universal POS tag, from the resource files, checked for gaps."""
    stts_of = _tsv_columns("hanta_to_stts.tsv")
    upos_of = _tsv_columns("stts_to_upos.tsv")
    tagger = hanta()
    hanta_tags = {tagger.int2tag[-number] for number in tagger.int2tag if number < 0 and number != -UNKNOWN}
    missing = sorted(hanta_tags - set(stts_of)) + sorted(set(stts_of.values()) - set(upos_of))
    if missing:
        raise ResourceError(f"no STTS or UPOS tag for {missing}: add them to hanta_to_stts.tsv and stts_to_upos.tsv")
    return stts_of, upos_of


def _tsv_columns(name):
    """The first two tab-separated columns of a resource as a dict."""
    table = {}
    for line in word_list(name):
        columns = line.split("\t")
        if len(columns) < 2:
            raise ResourceError(f"{name}: line {line!r} needs two tab-separated columns")
        table[columns[0]] = columns[1]
    return table


def stts_tag(hanta_tag):
    """The STTS tag for a HanTa tag: `stts_tag("VV(FIN)")` -> 'VVFIN'."""
    return tag_tables()[0][hanta_tag]


def upos_tag(stts):
    """The Universal POS tag for an STTS tag: `upos_tag("NE")` -> 'PROPN'."""
    return tag_tables()[1][stts]


def hanta_word(text):
    """The form HanTa is given for a token: typographic quotes become '"'."""
    return '"' if text in QUOTE_MARKS else text


def candidates(word, case_sensitive):
    """HanTa's candidate tags of a word form with their scores, as `tag_sent` uses them.

        candidates("sagte", True)    # ((tag number, log probability), ...)
    """
    return many_candidates([(word, case_sensitive)])[0]


def many_candidates(keys):
    """`candidates` of each (word form, case sensitive) key; those not stored are analysed together.

        many_candidates([("Haus", True), ("sagte", False)])
    """
    analysed = iter(word_analyses().get_many("candidates", [key for key in keys if len(key[0]) <= LONGEST_WORD],
                                             _analysed_candidates))
    results = []
    for word, _ in keys:
        scored = next(analysed) if len(word) <= LONGEST_WORD else ()  # too long to analyse: any tag
        results.append(any_tag() if _unknown(scored) else scored)
    return results


def _analysed_candidates(keys):
    """HanTa's candidates of (word, case sensitive) keys as plain tuples (to be stored)."""
    tagged = hanta().tag_words([word for word, _ in keys], [case_sensitive for _, case_sensitive in keys],
                               cutoff=5, conditional=True)
    return [tuple((int(tag), float(score)) for tag, score in scored) for scored in tagged]


def _unknown(scored):
    """Whether HanTa could not analyse a word, which it then lets take any tag."""
    return not scored or (len(scored) == 1 and scored[0][0] == UNKNOWN)


@lru_cache(maxsize=None)
def any_tag():
    return tuple((tag, 0.0) for tag in hanta().LP_wtag if tag != END)


class SentenceModel(NamedTuple):
    """HanTa's second-order model of tag sequences (`LP_trans_word`) as arrays for the compiled search."""

    numbers: numpy.ndarray  # HanTa's tag number at each tag position (EMPTY, START and END included)
    positions: dict  # tag number -> position
    # transitions[previous * len(numbers) + tag, next]: log P(next | previous, tag), -inf where HanTa has none
    transitions: numpy.ndarray


@lru_cache(maxsize=None)
def sentence_model():
    """HanTa's transitions between tags as a dense table, built once per process (58 tags, 1.5 MB)."""
    transitions = hanta().LP_trans_word
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

        tagger = sentence_tagger()
        tagger.tag([tagger.form_number(word) for word in ["Putin", "kam", "."]], sentence_starts=[0])

    A form's candidates are looked up (`candidates`) once for each case, as HanTa ignores the case of a
    sentence's first word. Key k = form number * 2 + case sensitive: its candidates are
    candidate_tags[candidate_starts[k]:candidate_ends[k]] (positions in `sentence_model()`), end -1 until looked up.
    """

    def __init__(self):
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
            self.candidate_starts = _longer(self.candidate_starts, 2 * len(self.forms))
            self.candidate_ends = _longer(self.candidate_ends, 2 * len(self.forms))
        new_keys = numpy.unique(keys[self.candidate_ends[keys] < 0]).tolist()
        if new_keys:
            self._look_up(new_keys)
        model = sentence_model()
        tags = _best_tags(
            self.candidate_tags, self.candidate_scores, self.candidate_starts, self.candidate_ends, keys,
            numpy.append(sentence_starts, len(words)), model.transitions,
            model.positions[EMPTY] * len(model.numbers) + model.positions[START], model.positions[END],
        )
        return model.numbers[tags]

    def _look_up(self, keys):
        """Store the candidates of new keys, all in one step; a tag that no transition leads to is left out, as
        HanTa never picks it."""
        positions = sentence_model().positions
        tags, scores, ends = [], [], []
        for scored in many_candidates([(self.forms[key // 2], key % 2 == 1) for key in keys]):
            for tag, score in scored:
                if tag in positions:
                    tags.append(positions[tag])
                    scores.append(score)
            ends.append(len(tags))
        start, end = self.candidate_count, self.candidate_count + len(tags)
        if end > len(self.candidate_tags):
            self.candidate_tags = _longer(self.candidate_tags, end)
            self.candidate_scores = _longer(self.candidate_scores, end)
        self.candidate_tags[start:end] = tags
        self.candidate_scores[start:end] = scores
        ends = numpy.array(ends, dtype=numpy.int64) + start
        self.candidate_ends[keys] = ends
        self.candidate_starts[keys] = numpy.append(start, ends[:-1])
        self.candidate_count = end


_sentence_tagger = None


def sentence_tagger():
    """The SentenceTagger of this process; a new, empty one after `clear_word_caches` or when it holds
    `WORD_CACHE_SIZE` forms (the memory it needs stays bounded)."""
    global _sentence_tagger
    if _sentence_tagger is None or len(_sentence_tagger.forms) >= WORD_CACHE_SIZE:
        _sentence_tagger = SentenceTagger()
    return _sentence_tagger


def tag_numbers(words):
    """HanTa's tag numbers for the words of one sentence (as `HanoverTagger.tag_sent_viterbi`).

        tag_numbers(["Putin", "kam", "."])    # [tag number, tag number, tag number]
    """
    tagger = sentence_tagger()
    return tagger.tag([tagger.form_number(word) for word in words], [0] if words else []).tolist()


def _compiled(function):
    """`function` compiled by numba on its first call and kept in numba's cache (`__pycache__` beside this file,
    else numba's folder in the user's cache), so that later processes load it; compiled anew in each process,
    silently, when neither folder is writable."""
    try:
        return numba.njit(cache=True)(function)
    except RuntimeError:  # numba found no writable folder for its cache
        return numba.njit(function)


@_compiled
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
                bound = _beam_bound(scores[row_start:row_end], best_scores)
            needed = row_end + row_size * (end_candidate - first_candidate)
            if needed > len(states):
                states, scores = _longer(states, needed), _longer(scores, needed)
                backpointers = _longer(backpointers, needed)
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


@_compiled
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
            bound = _beam_bound(scores[going_on[:row_size]], best_scores)
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


@_compiled
def _forward_searches(codes, offsets, strict, model, followers, final_followers):
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
            final_tags, final_scores = _longer(final_tags, count + len(tags)), _longer(final_scores, count + len(tags))
        final_tags[count:count + len(tags)] = tags
        final_scores[count:count + len(tags)] = scores
        count += len(tags)
        ends[number] = count
    return final_tags[:count], final_scores[:count], ends


@_compiled
def _morpheme_search(word, model, followers, final_followers, target):
    """The path of `_word_search` towards the final tag at position `target` (empty if there is none), with
    unknown morphemes only when the known ones give no analysis (as HanTa's `analyze_viterbi`)."""
    final_tags, _, path = _word_search(word, True, model, followers, final_followers, target)
    if len(final_tags) == 0:
        final_tags, _, path = _word_search(word, False, model, followers, final_followers, target)
    return path


@_compiled
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


@_compiled
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


@_compiled
def _next_hash(text_hash, code):
    """The hash of a string one code point longer (a polynomial in the code points, wrapping around)."""
    return text_hash * 1_000_003 + code


@_compiled
def _hash(codes):
    """The hash of a string given as code points (see `_next_hash`)."""
    text_hash = 0
    for code in codes:
        text_hash = _next_hash(text_hash, code)
    return text_hash


@_compiled
def _first_slot(text_hash, mask):
    """Where a hash table of size mask + 1 puts a string first (then the next free slot)."""
    return (text_hash ^ (text_hash >> 23)) & mask


@_compiled
def _fill_slots(texts):
    """Enter each string of `texts` in its hash table (`_find_text` looks them up)."""
    codes, offsets, slots = texts
    mask = len(slots) - 1
    for number in range(len(offsets) - 1):
        slot = _first_slot(_hash(codes[offsets[number]:offsets[number + 1]]), mask)
        while slots[slot] >= 0:
            slot = (slot + 1) & mask
        slots[slot] = number


@_compiled
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


@_compiled
def _same_codes(one, other):
    """Whether two arrays of code points of the same length are equal."""
    for at in range(len(one)):
        if one[at] != other[at]:
            return False
    return True


@_compiled
def _beam_bound(scores, best_scores):
    """HanTa's beam: the len(best_scores)th best of `scores` less 1 (`best_scores` is room for the best)."""
    best_scores[:] = NEGATIVE_INFINITY
    for score in scores:
        if score > best_scores[-1]:
            at = len(best_scores) - 1
            while at > 0 and best_scores[at - 1] < score:
                best_scores[at] = best_scores[at - 1]
                at -= 1
            best_scores[at] = score
    return best_scores[-1] - 1


@_compiled
def _longer(array, size):
    """A copy of `array` with room for at least `size` elements (twice as many, so that growing is rare); the
    new ones are -1, which in `candidate_ends` means "not looked up yet"."""
    longer = numpy.full(max(size, 2 * len(array)), -1, dtype=array.dtype)
    longer[:len(array)] = array
    return longer


@lru_cache(maxsize=WORD_CACHE_SIZE)
def analysis(text, tag):
    """(STTS tag, UPOS tag, lemma) of a token text that HanTa tagged with tag number `tag`."""
    tagger = hanta()
    stts = stts_tag(tagger.int2tag[tag])
    if len(text) > LONGEST_WORD or text in QUOTE_MARKS:
        return stts, upos_tag(stts), text
    lemma = word_analyses().get("lemmas", (text, tag), lambda: tagger._analyze(text, tag, taglevel=1)[0])
    return stts, upos_tag(stts), surface_spelling(text, lemma)


def surface_spelling(text, lemma):
    """Keep the text's spelling where the lemma agrees with it: 'IS' -> 'IS' (HanTa: 'Is'), 'Kreml-Angaben' ->
    'Kreml-Angabe' (HanTa: 'Kreml-angabe'); lower-case lemmas only before a hyphen: 'US-geführte' -> 'US-geführt'."""
    if text == lemma or not (lemma[:1].isupper() or "-" in text):
        return lemma  # nothing to keep, or only a lower-case lemma's part after a hyphen
    same = 0
    for text_char, lemma_char in zip(text, lemma):
        if text_char.lower() != lemma_char.lower():
            break
        same += 1
    if not lemma[:1].isupper():
        same = text.rfind("-", 0, same) + 1
    return text[:same] + lemma[same:]


# ---------------------------------------------------------------------------------------------------------
# HanTa's word analyses on disk, so that a new process does not analyse the words of earlier runs again


def word_cache_path():
    """The file of stored word analyses, or None when `BLICKWINKEL_CACHE_DIR` is set to "" (no disk cache).

    The folder is `$BLICKWINKEL_CACHE_DIR` if set, else `$XDG_CACHE_HOME/blickwinkel`, else `~/.cache/blickwinkel`.
    """
    folder = os.environ.get("BLICKWINKEL_CACHE_DIR")
    if folder is None:
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "blickwinkel"
    elif not folder:
        return None
    return Path(folder) / WORD_CACHE_FILE


@lru_cache(maxsize=None)
def analyses_version():
    """A digest of all a stored analysis depends on: a stored file with another digest is not used.

    HanTa's version and model, the code that analyses (this module) and the tag tables, and the file format.
    """
    digest = hashlib.sha256(f"{WORD_CACHE_FORMAT} HanTa {version('HanTa')} {HANTA_MODEL}".encode())
    for path in (Path(__file__), resource_path("hanta_to_stts.tsv"), resource_path("stts_to_upos.tsv")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


class WordAnalyses:
    """HanTa's analyses by table ('candidates', 'lemmas') and key: those read from the file of earlier runs,
    and those this process used or made, in the order of their first use (the most recent are kept on disk)."""

    def __init__(self, path):
        self.path = path
        self.earlier = _read_analyses(path)
        self.stored = sum(map(len, self.earlier.values()))  # entries in the file
        self.used = {table: OrderedDict() for table in WORD_CACHE_TABLES}
        self.added = 0  # analyses made since the file was last written

    def get(self, table, key, analyse):
        """The value of a key: this process's, else the file's, else `analyse()`."""
        return self.get_many(table, [key], lambda missing: [analyse()])[0]

    def get_many(self, table, keys, analyse):
        """The values of distinct keys (as `get`); those neither in this process nor in the file come from one
        call `analyse(missing keys)`, which returns their values in that order."""
        used, earlier = self.used[table], self.earlier[table]
        values = [used.get(key) for key in keys]
        for at, key in enumerate(keys):
            if values[at] is None:
                values[at] = earlier.pop(key, None)
        missing = [at for at, value in enumerate(values) if value is None]
        if missing:
            for at, value in zip(missing, analyse([keys[at] for at in missing])):
                values[at] = value
            self.added += len(missing)
        for key, value in zip(keys, values):
            if key not in used:
                self._use(used, key, value)
        return values

    @staticmethod
    def _use(used, key, value):
        """Keep a new entry among those used, forgetting the oldest beyond `WORD_CACHE_SIZE`."""
        used[key] = value
        if len(used) > WORD_CACHE_SIZE:
            used.popitem(last=False)

    def save(self):
        """Write the file if this process made enough new analyses (`WORD_CACHE_NEW_SHARE`), merged with the
        file as other processes may have left it; written to a temporary file and then renamed, so that a reader
        never sees half a file (of two processes writing at once, the last one wins)."""
        if self.path is None or not self.added or self.added < WORD_CACHE_NEW_SHARE * self.stored:
            return
        on_disk = _read_analyses(self.path, warn=False)  # a damaged file was reported when it was read
        tables = {}
        for table, used in self.used.items():
            merged = {key: value for key, value in on_disk[table].items() if key not in used}
            merged.update(used)
            tables[table] = dict(itertools.islice(merged.items(), max(0, len(merged) - WORD_CACHE_SIZE), None))
        content = {"version": analyses_version(), **tables}
        temp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")  # one per process writing at once
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp.write_bytes(pickle.dumps(content, protocol=5))
            os.replace(temp, self.path)
        except OSError as error:
            temp.unlink(missing_ok=True)
            warnings.warn(f"could not store word analyses in {self.path} ({error}): the next run analyses the "
                          "words again; set BLICKWINKEL_CACHE_DIR to a writable folder, or to '' to store none",
                          BlickwinkelWarning, stacklevel=2)
            return
        self.added = 0
        self.stored = sum(map(len, tables.values()))


class _PlainUnpickler(pickle.Unpickler):
    """Reads only plain data (dicts, tuples, strings, numbers): a file that names a class or function is refused."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def _read_analyses(path, warn=True):
    """The tables of a stored file; empty if there is none, or it is of another version, or unreadable."""
    empty = {table: {} for table in WORD_CACHE_TABLES}
    if path is None or not path.is_file():
        return empty
    try:
        with path.open("rb") as file:
            content = _PlainUnpickler(file).load()
        if content["version"] != analyses_version():
            return empty  # made by another HanTa or another version of this code: analysed anew and replaced
        return {table: dict(content[table]) for table in WORD_CACHE_TABLES}
    except Exception as error:  # noqa: BLE001 - unpickling a damaged file can raise almost anything
        if warn:
            warnings.warn(f"ignored the stored word analyses in {path}: the file is damaged ({type(error).__name__}: "
                          f"{error}); it will be replaced", BlickwinkelWarning, stacklevel=2)
        return empty


_word_analyses = None


def word_analyses():
    """The stored word analyses of this process, read from `word_cache_path()` on first use."""
    global _word_analyses
    if _word_analyses is None:
        _word_analyses = WordAnalyses(word_cache_path())
    return _word_analyses


@atexit.register
def save_word_analyses():
    """Store the word analyses made in this process (done at exit and after `parse_many`; cheap if none)."""
    if _word_analyses is not None:
        _word_analyses.save()


def clear_word_caches():
    """Forget all word analyses in memory (not on disk): the next word is analysed as in a new process,
    which reads the file again (and `BLICKWINKEL_CACHE_DIR` with it). Unsaved analyses are lost."""
    global _word_analyses, _sentence_tagger
    _word_analyses = _sentence_tagger = None
    analysis.cache_clear()

