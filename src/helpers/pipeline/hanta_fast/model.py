# SPDX-License-Identifier: LGPL-3.0-or-later
# Copyright (c) 2026 the Blickwinkel authors. A port of parts of HanTa by Christian Wartena
# (https://github.com/wartaal/HanTa, LGPL-3.0-or-later); see LICENSES/ at the root of the project.
"""`FastHanoverTagger`: HanTa's `HanoverTagger` whose word analyses run as one compiled search.

    tagger = FastHanoverTagger("morphmodel_ger.pgz")
    tagger.tag_words(["Putin", "sagte"], [True, True], cutoff=5, conditional=True)  # HanTa's `_tag_word` of each
    tagger.lemma("sagte", tagger.tag_number("VV(FIN)"))                               # 'sagen'

At loading it reads HanTa's model (`LP_trans`, `LP_m_t`, `LP_s_t`, `LP_len_t`, `LP_hapax_t`, `Int_t`, ...) into
the arrays of `word_search`; `_tag_word`, `analyze_forward`, `analyze_viterbi`, `_analyze` (at taglevel 1) and
`makelemma` are HanTa's, rewritten around that search, and give the same results to the last bit (HanTa 1.2.1).
The public methods at the end (`tag_words`, `lemma`, `tag_name`, `tag_number`, `pos_tags`) are all the rest of
Blickwinkel uses.
"""

from operator import itemgetter

import numpy
from HanTa.HanoverTagger import EMPTY, END_UNKNOWN, START, UNKNOWN, HanoverTagger

from helpers.pipeline.hanta_fast.arrays import NEGATIVE_INFINITY
from helpers.pipeline.hanta_fast.word_search import (
    LONGEST_LENGTH,
    Followers,
    MorphemeModel,
    code_points,
    forward_searches,
    morpheme_search,
    plain,
    texts_of,
)


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
        return plain(MorphemeModel(
            texts_of(list(known_tags)),
            numpy.cumsum([0] + [len(tags) for tags in known_tags.values()]),
            numpy.array([tag for tags in known_tags.values() for tag, _ in tags]),
            numpy.array([log_p for tags in known_tags.values() for _, log_p in tags]),
            max(map(len, known_tags)),
            numpy.array([self.tag_positions[tag] for tag in open_tags]),
            guess_base,
            texts_of(suffixes),
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
        return plain(Followers(*integers, numpy.array(log_ps, dtype=numpy.float64), numpy.array(open_starts),
                                numpy.array(open_entries, dtype=numpy.int64)))

    def _tag_word(self, word, cutoff=5, casesensitive=True, conditional=False):
        """HanTa's `_tag_word`: the candidate tags of a word with their log probabilities, best first."""
        return self.tag_words([word], [casesensitive], cutoff, conditional)[0]

    def tag_words(self, words, casesensitive, cutoff=5, conditional=False):
        """HanTa's `_tag_word` of each word (`casesensitive`: a flag per word), with the same scores (the same
        additions, in the same order) and ranking; the words HanTa has not precomputed are analysed in one call.

            tagger.tag_words(["Haus", "sagte"], [True, False], cutoff=5, conditional=True)
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
        codes = code_points("".join(words))
        offsets = numpy.cumsum([0] + [len(word) for word in words])
        final_tags, final_scores, ends = forward_searches(codes, offsets, self.strict, self.model, self.followers,
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
            path = morpheme_search(code_points(word), self.model, followers, self.final_followers, target)
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

    def lemma(self, word, tag):
        """HanTa's lemma of a word with the tag number `tag` (`_analyze` at taglevel 1, as `tag_sent` gives it)."""
        return self._analyze(word, tag, taglevel=1)[0]

    def tag_name(self, tag):
        """The name of a tag number of `tag_sent_viterbi`: 22 -> 'VV(FIN)'."""
        return self.int2tag[tag]

    def tag_number(self, name):
        """The tag number of a tag name: 'VV(FIN)' -> 22."""
        return self.tag2int[name]

    def pos_tags(self):
        """The names of all part-of-speech tags the model can give a word, 'UNKNOWN' left out."""
        return {self.int2tag[-number] for number in self.int2tag if number < 0 and number != -UNKNOWN}
