"""The cues of a frame lexicon found in a Doc by spaCy's `PhraseMatcher` and `Matcher`.

    matcher = cue_matcher(nlp.vocab, load_lexicon())
    [(lexicon.cues[found.cue_number].name, found.tokens) for found in matcher(doc, DocColumns(doc))]

How the lexicon becomes matcher patterns (one matcher key per cue, pattern and variant):

- a pattern of one element with only lemmas ("Koalition") is a `PhraseMatcher` entry, once on LEMMA and once
  on ORTH: a lexicon lemma matches a word's lemma or, failing that, the word as written;
- any other pattern is a `Matcher` pattern: an element is a token ({"LEMMA": ...} or, as a variant,
  {"ORTH": ...}, with {"TAG": {"IN": ...}} for `tag` and {"ORTH": {"IN": ...}} for `text`), between two
  elements stands an optional whitespace token, and before an element with `gap: N` a wildcard {"OP": "*"}
  whose words are counted after matching ({"OP": "{0,N}"} would count whitespace tokens as words, and
  {"OP": "{0,2N+1}"}, room for them, multiplies the Matcher's states: "sollen … haben" took 0.95 s for 100
  Wikinews articles with {0,17}, 0.02 s with "*");
- a separable verb ("annähern", split by `helpers.german.separable_verbs`) is also matched separated: the
  finite full verb {"LEMMA": "nähern", "TAG": VVFIN or VVIMP}, the pattern's further elements, a wildcard that
  crosses no clause end, finite full verb or other particle, then {"LEMMA": "an", "TAG": "PTKVZ"}: a
  separated particle belongs to the nearest finite full verb before it in its clause;
- checked after matching (with the alignments of `with_alignments=True`): `sentence_final`, the words in a
  gap, and that a finite verb whose particle stands later in its clause is not taken for the verb without
  it ("er fordert Hilfe ein" is einfordern, not fordern; its particle, one of separable_particles.txt, is no
  word of its own).

At each word where a cue begins, its first pattern that matches there counts (the earliest words for that
pattern), as in the lexicon's order.
"""

from functools import lru_cache
from itertools import product
from typing import NamedTuple

import numpy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

from helpers.framing.doc_columns import DocColumns
from helpers.framing.lexicon import Element, FrameLexicon
from helpers.german.separable_verbs import particle_splits, separable_particles
from helpers.german.stts import CLAUSE_ENDS, FINITE_FULL_VERBS, SEPARATED_PARTICLE

# What a separated particle cannot reach back across to its verb: a clause end, another finite full verb
# (the nearer one takes it), another particle (its verb already has one).
PARTICLE_BARRIER = sorted(CLAUSE_ENDS | FINITE_FULL_VERBS | {SEPARATED_PARTICLE})
PARTICLE_BARRIER_IDS = frozenset(get_string_id(tag) for tag in PARTICLE_BARRIER)
VERB_OR_PARTICLE_IDS = frozenset(get_string_id(tag) for tag in FINITE_FULL_VERBS | {SEPARATED_PARTICLE})


class Found(NamedTuple):
    """A cue found in a Doc: the cue's number in the lexicon, and the token indexes of the words that matched
    (a separable verb's particle among them), in text order."""

    cue_number: int
    tokens: tuple


class _Layout(NamedTuple):
    """What a matcher key stands for: the cue and pattern, where its elements and particle are in the matcher
    pattern, and what `_words_if_valid` checks of its elements."""

    cue_number: int
    pattern_number: int
    elements: tuple  # per element of the lexicon pattern: (index of its token in the matcher pattern, how
    # it matched: "lemma", "text", "split" (a separated verb) or None (no lemma asked))
    particle: int | None  # index of the separated particle's token in the matcher pattern
    gaps: tuple = ()  # (element number, most words before it) of the elements with a gap
    sentence_final: tuple = ()  # the numbers of the elements only punctuation may follow in their sentence


@lru_cache(maxsize=8)
def cue_matcher(vocab: Vocab, lexicon: FrameLexicon) -> "CueMatcher":
    """The matchers of a lexicon for a vocabulary, built once."""
    return CueMatcher(vocab, lexicon)


class CueMatcher:
    """The PhraseMatchers of the lexicon's one-word cues (as Matcher patterns, the 163 of the first frames.yaml
    took 6.6 s for the 700 Wikinews train articles, as PhraseMatcher entries 0.03 s) and the Matchers of its
    other patterns, one Matcher per pattern, run on the sentences that hold a word of each of its elements,
    near its rarest word (`_windows_to_match`): spaCy's Matcher tries each of its patterns at every token, and
    a word of a pattern's rarest element (the one fewest patterns of the lexicon ask for: "Weg" in "auf dem Weg
    zu", not "auf") picks the sentences to look at. With the 414 patterns of the general lexicon, a Matcher per
    first word took 8.5 s for the 700 train articles, a Matcher per rarest word 2.8 s, a Matcher per pattern run
    where all its words stand 0.7 s."""

    def __init__(self, vocab: Vocab, lexicon: FrameLexicon):
        self.lexicon = lexicon
        self.words_by_lemma = PhraseMatcher(vocab, attr="LEMMA")
        self.words_as_written = PhraseMatcher(vocab, attr="ORTH")
        self.patterns = {}  # (cue number, pattern number) -> Matcher of the pattern's variants
        self.required = {}  # (cue number, pattern number) -> per element that asks for words, their string ids
        self.separated_verbs = Matcher(vocab)
        for tag in sorted(FINITE_FULL_VERBS):
            self.separated_verbs.add("separated verb", [[{"TAG": tag}] + _to_particle(sorted(separable_particles()))])
        self.layouts = {}  # matcher key (a string id) -> _Layout
        self.anchors = {}  # string id of a word or tag -> the patterns whose rarest element asks for it
        self.anchor_words = {}  # (cue number, pattern number) -> the string ids its rarest element asks for
        self.reach = {}  # (cue number, pattern number) -> (words before its anchor, words after it, whether a
        # separated particle may follow them), see `_note_reach`
        self.popularity = _popularity(lexicon)
        for cue_number, cue in enumerate(lexicon.cues):
            for pattern_number, pattern in enumerate(cue.patterns):
                self._add(vocab, cue_number, pattern_number, pattern)
        self.first_words = numpy.array(sorted(self.anchors), dtype=numpy.uint64)
        # what `_windows_to_match` checks, per pattern: the elements that ask for words, the anchor's last (a
        # sentence holds it by the time the check runs), so that most checks end at their first set
        self.required = {pattern: tuple(sorted((frozenset(words) for words in required if words),
                                               key=lambda words: bool(words & self.anchor_words[pattern])))
                         for pattern, required in self.required.items()}
        # the words and tags those checks look for: a sentence's words among them are all they need to know
        self.watched = numpy.array(sorted(set(self.anchors).union(
            *(words for required in self.required.values() for words in required))), dtype=numpy.uint64)
        self.watched_anchors = numpy.isin(self.watched, self.first_words)  # which of them an anchor asks for

    def _add(self, vocab, cue_number, pattern_number, pattern):
        """The matcher entries of one lexicon pattern: a one-word pattern's PhraseMatcher entries, and a Matcher
        pattern per way its elements may match (lemma, as written, separated verb) and value of its first."""
        first = pattern[0]
        if len(pattern) == 1 and first.lemmas and not (first.tags or first.texts or first.sentence_final):
            for matcher, via in ((self.words_by_lemma, "lemma"), (self.words_as_written, "text")):
                key = self._key(cue_number, pattern_number, via,
                                _Layout(cue_number, pattern_number, ((0, via),), None, *_checks(pattern)))
                matcher.add(key, [Doc(vocab, words=[lemma], lemmas=[lemma]) for lemma in sorted(first.lemmas)])
            choices = [[("split", split) for lemma in sorted(first.lemmas) for split in particle_splits(lemma)]]
        else:
            choices = [_choices(element) for element in pattern]
        anchor = self._anchor(pattern)
        for variant, chosen in enumerate(product(*choices)):
            self._note_required_words(cue_number, pattern_number, pattern, chosen)
            if sum(via == "split" for via, _ in chosen) > 1:
                continue  # one separated verb per pattern
            self._note_reach(cue_number, pattern_number, pattern, anchor, chosen)
            for tokens in _first_token_variants(_tokens(pattern, chosen)):
                roles = [role for _, role in tokens]
                layout = _Layout(cue_number, pattern_number,
                                 tuple((roles.index(("element", number)), via)
                                       for number, (via, _) in enumerate(chosen)),
                                 roles.index(("particle", None)) if ("particle", None) in roles else None,
                                 *_checks(pattern))
                key = self._key(cue_number, pattern_number, f"{variant}:{len(self.layouts)}", layout)
                for value in _words_of(tokens[roles.index(("element", anchor))][0]):
                    self.anchors.setdefault(value, set()).add((cue_number, pattern_number))
                    self.anchor_words.setdefault((cue_number, pattern_number), set()).add(value)
                if (cue_number, pattern_number) not in self.patterns:
                    self.patterns[cue_number, pattern_number] = Matcher(vocab)
                self.patterns[cue_number, pattern_number].add(key, [[token for token, _ in tokens]])

    def _note_required_words(self, cue_number, pattern_number, pattern, chosen):
        """Note the words each element of a pattern asks for (lemmas, as written, a separated verb's stem)."""
        required = self.required.setdefault((cue_number, pattern_number), [set() for _ in pattern])
        for words, element, (via, split) in zip(required, pattern, chosen):
            if element.lemmas or element.texts:
                words.update(get_string_id(word) for word in _element_words(element))
                if via == "split":
                    words.add(get_string_id(split[1]))

    def _note_reach(self, cue_number, pattern_number, pattern, anchor, chosen):
        """Note how far from its anchor a match of the pattern may reach: the words of its elements and gaps
        before and after it (a longer gap fails `_words_if_valid`), and for a separated verb on to its particle,
        the first clause end, finite full verb or particle after them (no word in between may be one)."""
        before = sum(1 + element.gap for element in pattern[1:anchor + 1])
        after = sum(1 + element.gap for element in pattern[anchor + 1:])
        separated = any(via == "split" for via, _ in chosen)
        known = self.reach.get((cue_number, pattern_number), (before, after, False))
        self.reach[cue_number, pattern_number] = (before, after, known[2] or separated)

    def _anchor(self, pattern):
        """The number of the element of a pattern that fewest patterns of the lexicon ask for (see the class
        docstring); an element that asks for words before one that asks only for a tag."""
        def rarity(number):
            words = _element_words(pattern[number])
            if not words:
                return (1, 0, 0)
            return (0, max(self.popularity[word] for word in words), -min(len(word) for word in words))
        return min(range(len(pattern)), key=rarity)

    def _key(self, cue_number, pattern_number, variant, layout):
        key = f"frame cue {cue_number}/{pattern_number}/{variant}"
        self.layouts[get_string_id(key)] = layout
        return key

    def __call__(self, doc: Doc, columns: DocColumns) -> list[Found]:
        """The cues in a Doc (its `columns`), in the lexicon's order and then in text order."""
        if len(doc) == 0:
            return []
        joins = {}  # sentence number -> the separated verbs of the sentence (see `_particle_joins`)
        candidates = [(self.layouts[key], (start,)) for matcher in (self.words_by_lemma, self.words_as_written)
                      for key, start, _ in matcher(doc)]
        for matcher, (first, last) in self._windows_to_match(columns):
            for key, start, _, alignment in matcher(doc[first:last], with_alignments=True, allow_missing=True):
                layout = self.layouts[key]
                positions = {index: first + start + offset for offset, index in enumerate(alignment)}
                tokens = tuple(positions[index] for index, _ in layout.elements)
                particle = () if layout.particle is None else (positions[layout.particle],)
                candidates.append((layout, tokens + particle))
        best = {}
        for layout, tokens in candidates:
            words = self._words_if_valid(layout, tokens, columns, joins)
            if words is None:
                continue
            place = (layout.cue_number, tokens[0])
            rank = (layout.pattern_number, words)
            if place not in best or rank < best[place]:
                best[place] = rank
        found, used = [], {}
        for (cue_number, _), (_, words) in sorted(best.items()):
            # a word counts once for a cue: of two of its patterns that match it ("entstand ... Schaden",
            # "Schaden von 80.000 Euro"), the match that begins first is kept
            if used.setdefault(cue_number, set()).isdisjoint(words):
                used[cue_number].update(words)
                found.append(Found(cue_number, words))
        return found

    def _windows_to_match(self, columns):
        """(Matcher, (first, end) token) for each pattern and stretch of a sentence where it may match: around
        the words (or tag) of the pattern's rarest element, as far as the pattern reaches (`_note_reach`), in a
        sentence that holds a word of each of its other elements (as written or as lemma). spaCy's Matcher makes
        a Token of each word it reads: on the 700 train articles, whole sentences were 114k tokens to read,
        these stretches 22k."""
        tokens, places = columns.tokens_among(self.watched)
        anchors = self.watched_anchors[places]
        in_sentence = {}  # sentence -> pattern -> the tokens of its anchor there
        for token, value in zip(tokens[anchors].tolist(), self.watched[places[anchors]].tolist()):
            patterns = in_sentence.setdefault(columns.sentence_of(token), {})
            for pattern in self.anchors[value]:
                patterns.setdefault(pattern, []).append(token)
        # the watched words and tags of each sentence: those of `values` from the sentence's first token on
        sentence_firsts = numpy.searchsorted(tokens, columns.sentence_starts).tolist() + [len(tokens)]
        values = self.watched[places].tolist()
        windows = []  # [pattern, first, end] where a word of each of the pattern's elements is in the sentence;
        # the stretches of one pattern's anchors that overlap, joined
        for sentence, patterns in in_sentence.items():
            words_here = set(values[sentence_firsts[sentence]:sentence_firsts[sentence + 1]])
            for pattern, anchor_tokens in patterns.items():
                for words in self.required[pattern]:
                    if words.isdisjoint(words_here):
                        break
                else:
                    before, after, separated = self.reach[pattern]
                    for token in anchor_tokens:
                        first, end = columns.word_window(token, before, after)
                        if separated:
                            end = columns.through_next_tag(end - 1, PARTICLE_BARRIER_IDS)
                        if windows and windows[-1][0] == pattern and first < windows[-1][2]:
                            windows[-1][2] = max(windows[-1][2], end)
                        else:
                            windows.append([pattern, first, end])
        return [(self.patterns[pattern], (first, end)) for pattern, first, end in windows]

    def _words_if_valid(self, layout, tokens, columns, joins):
        """The matched words (with the particle of a verb matched by tag or as written), or None where the
        match breaks a condition the matcher patterns cannot state."""
        element_tokens = tokens[:len(layout.elements)]
        for number, gap in layout.gaps:
            if columns.words_between(element_tokens[number - 1], element_tokens[number]) > gap:
                return None
        for number in layout.sentence_final:
            if not columns.only_punctuation_after(element_tokens[number]):
                return None
        words = tokens
        separated = self._particle_joins(element_tokens, columns, joins)
        if separated:
            verbs, particles = separated
            for token, (_, via) in zip(element_tokens, layout.elements):
                if token in particles or (token in verbs and via == "lemma"):
                    return None  # a separated particle is part of its verb; the verb with it is another verb
                if token in verbs and via != "split":
                    words = words + (verbs[token],)
        return tuple(sorted(words))

    def _particle_joins(self, tokens, columns, joins):
        """({verb: particle}, {particle: verb}) of the separated verbs in the sentence of `tokens`, or None when
        none of `tokens` is a finite full verb or a particle, or the sentence has no separated verb."""
        tags = columns.tags
        if all(tags[token] not in VERB_OR_PARTICLE_IDS for token in tokens):
            return None
        sentence = columns.sentence_of(tokens[0])
        if sentence not in joins:
            first, end = columns.sentence_bounds_of(sentence)
            pairs = [(first + start, first + stop - 1)
                     for _, start, stop in self.separated_verbs(columns.doc[first:end], allow_missing=True)]
            joins[sentence] = (dict(pairs), {particle: verb for verb, particle in pairs}) if pairs else None
        return joins[sentence]


def _checks(pattern):
    """The `gaps` and `sentence_final` of a lexicon pattern's `_Layout`."""
    return (tuple((number, element.gap) for number, element in enumerate(pattern) if number and element.gap),
            tuple(number for number, element in enumerate(pattern) if element.sentence_final))


def _choices(element: Element) -> list:
    """How an element may match: by lemma, as written, or (a separable verb) separated from its particle."""
    if not element.lemmas:
        return [(None, None)]
    choices = [("lemma", None)]
    if not element.texts or element.lemmas & element.texts:
        choices.append(("text", None))
    if not element.tags or element.tags & FINITE_FULL_VERBS:
        choices += [("split", split) for lemma in sorted(element.lemmas) for split in particle_splits(lemma)]
    return choices


def _tokens(pattern, chosen):
    """The matcher tokens of a lexicon pattern for one choice per element, each with its role: ("element", n),
    ("particle", None) or ("filler", None)."""
    tokens = []
    particle = None
    for number, (element, (via, split)) in enumerate(zip(pattern, chosen)):
        if number:
            filler = {"IS_SPACE": True, "OP": "?"} if not element.gap else {"OP": "*"}
            tokens.append((_behind(filler, particle), ("filler", None)))
        token = _element_token(element, via, split)
        tokens.append((_behind(token, particle), ("element", number)))
        if via == "split":
            particle = split[0]
    if particle is not None:
        tokens += [(token, ("particle" if "LEMMA" in token else "filler", None)) for token in _to_particle(particle)]
    return tokens


def _to_particle(particle):
    """The rest of a separated verb after the verb: words up to the particle, in the clause, then the particle
    (one, or one of a list)."""
    lemma = {"IN": particle} if isinstance(particle, list) else particle
    return [{"TAG": {"NOT_IN": PARTICLE_BARRIER}, "OP": "*"}, {"LEMMA": lemma, "TAG": SEPARATED_PARTICLE}]


def _behind(token, particle):
    """A token between a separated verb and its particle may not be a clause end, verb or particle."""
    if particle is None:
        return token
    tags = token.get("TAG")
    if tags is None:
        return {**token, "TAG": {"NOT_IN": PARTICLE_BARRIER}}
    allowed = sorted(set(tags["IN"] if isinstance(tags, dict) else [tags]) - set(PARTICLE_BARRIER))
    return {**token, "TAG": {"IN": allowed}}


def _element_token(element, via, split):
    token = {"IS_SPACE": False}
    tags = set(element.tags) if element.tags else None
    written = set(element.texts) if element.texts else None
    if via == "lemma":
        token["LEMMA"] = _one_or_in(element.lemmas)
    elif via == "text":
        written = set(element.lemmas) & written if written is not None else set(element.lemmas)
    elif via == "split":
        token["LEMMA"] = split[1]
        tags = tags & FINITE_FULL_VERBS if tags is not None else set(FINITE_FULL_VERBS)
    if written is not None:
        token["ORTH"] = _one_or_in(written)
    if tags is not None:
        token["TAG"] = _one_or_in(tags)
    return token


def _one_or_in(values):
    """A plain value (the Matcher compares it in compiled code) or {"IN": [...]} (a Python call per token)."""
    values = sorted(values)
    return values[0] if len(values) == 1 else {"IN": values}


def _first_token_variants(tokens):
    """The tokens (with their roles) once per value of the first token's {"IN": [...]} conditions, so that
    the Matcher's test at every token of a sentence is compiled code."""
    first, role = tokens[0]
    keys = [key for key, value in first.items() if isinstance(value, dict) and "IN" in value]
    return [[({**first, **dict(zip(keys, values))}, role)] + tokens[1:]
            for values in product(*(first[key]["IN"] for key in keys))]


def _words_of(token):
    """The string ids of the lemmas, words or (failing both) tags a matcher token asks for, as a frozenset."""
    for names in (("LEMMA", "ORTH"), ("TAG",)):
        values = [value for name in names if name in token
                  for value in (token[name]["IN"] if isinstance(token[name], dict) else [token[name]])]
        if values:
            return frozenset(get_string_id(value) for value in values)
    raise ValueError(f"a pattern element asks for no word and no tag: {token}")


def _element_words(element):
    """The words (lemmas, or as written) an element of a lexicon pattern asks for."""
    return (element.lemmas or frozenset()) | (element.texts or frozenset())


def _popularity(lexicon):
    """How many patterns of a lexicon ask for each word in one of their elements."""
    counts = {}
    for cue in lexicon.cues:
        for pattern in cue.patterns:
            for word in {word for element in pattern for word in _element_words(element)}:
                counts[word] = counts.get(word, 0) + 1
    return counts
