"""The learned name finder: a linear-chain CRF over words, tags and the rules' own names, decoded with numpy.

    finder = NameModel.bundled()
    finder.names(texts, tags, rule_labels, sentence_starts)     # [(7, 9, 'PER'), (12, 13, 'LOCderiv')]

The model (`resources/name_model.npz`, made by `blickwinkel train-names` from GermEval 2014, see
`helpers.evaluation.name_training`; its settings, data checksum and licence in `name_model.json`) scores each
token for each BIO label (`B-PER`, `I-LOC`, `O`, ...) by features of three kinds:

- of the word *type* at the offsets -2..+2 (`word_features`: the word in lower case, affixes, its shape, the
  gazetteers' word lists, and from the `WordLexicon` stored in the model file its Brown cluster and how
  frequent it is in German), so the five offsets' scores of a word are summed once per process and kept;
- of the STTS tag at the offsets -1..+1;
- of the rule finder's BIO label (catalog and discovery, as `name_classes` reads them) at the offsets -1..+1.

Decoding adds the kept vectors per token and runs a Viterbi search over the label transitions (compiled with
numba). Training needs python-crfsuite; finding names needs only numpy and numba.
"""

import hashlib
import json
from functools import cached_property, lru_cache
from pathlib import Path

import numpy

from helpers.actors.gazetteers import Gazetteers
from helpers.german.word_forms import without_genitive_s
from helpers.pipeline.word_analyses import word_analyses
from helpers.resources import RESOURCE_DIR

MODEL_FILE = RESOURCE_DIR / "name_model.npz"
WORD_OFFSETS = (-2, -1, 0, 1, 2)
TAG_OFFSETS = (-1, 0, 1)
RULE_OFFSETS = (-1, 0, 1)
PADDING = "pad"  # the word feature of a position before the first or after the last token of a sentence
CLASS_OF_TYPE = {"person": "PER", "state": "LOC", "place": "LOC", "organisation": "ORG", "group": "ORG"}
NAME_CLASSES = ("PER", "LOC", "ORG", "PERderiv", "LOCderiv", "ORGderiv")
TYPE_OF_CLASS = {"PER": "person", "LOC": "place", "ORG": "organisation"}  # the actor type of a model's name


def word_features(word: str, gazetteers: Gazetteers, lexicon: "WordLexicon | None" = None) -> list[str]:
    """The features of a word type, the same at every offset.

        word_features("Twistringen", Gazetteers.bundled())   # ['w=twistringen', 'p3=twi', 's3=gen', ...]
    """
    lower = word.lower()
    head = word.rsplit("-", 1)[-1] if "-" in word[1:] else word
    features = ["w=" + lower, "p3=" + lower[:3], "s3=" + lower[-3:], "s4=" + lower[-4:], "sh=" + _shape(word)]
    if head is not word:
        features.append("hd=" + head.lower())  # "SPD-Chef": the part after the hyphen
    flags = [("particle", word in gazetteers.name_particles),
             ("place_preposition", word in gazetteers.place_prepositions)]
    if word[:1].isupper() or head is not word:  # the other lists hold capitalised words and endings only
        flags += [
            ("first_name", word in gazetteers.first_names),
            ("place", word in gazetteers.places or without_genitive_s(word) in gazetteers.places),
            ("town", word in gazetteers.towns),
            ("place_like", gazetteers.is_place_name(word)),
            ("organisation_word", gazetteers.is_organisation_word(word)),
            ("organisation_name", word in gazetteers.organisation_names),
            ("organisation_prefix", word in gazetteers.organisation_prefixes),
            ("organisation_class", gazetteers.is_organisation_class(word)),
            ("person_title", gazetteers.is_person_title(word)),
            ("month", word in gazetteers.month_names),
        ]
    features += ["g=" + name for name, present in flags if present]
    if lexicon is not None:
        features += lexicon.features(word)
    return features


class WordLexicon:
    """Brown clusters and log probabilities of the most frequent German words (spaCy's lookups data, read by
    `blickwinkel train-names`), kept in the model file so that finding names needs no other data.

        WordLexicon(["Merkel"], [40], [-10], (4, 6)).features("Merkel")   # ['lp=-10', 'c4=0001', 'c6=000101']
    """

    def __init__(self, words: list[str] | bytes, clusters, log_probs, prefixes):
        # words: a list, or as in the model file one UTF-8 text, a line each; its index of a million words is
        # made only when a word's features are first asked for (a process that reads all word vectors from the
        # stored word analyses never needs it), and the numbers are kept in arrays, not in lists of objects
        self._words = words
        self.clusters = numpy.asarray(clusters, dtype=numpy.uint32)
        self.log_probs = numpy.asarray(log_probs, dtype=numpy.int8)
        self.prefixes = tuple(int(prefix) for prefix in prefixes)

    @cached_property
    def rows(self) -> dict:
        """word -> its row in the arrays."""
        words = self._words.decode("utf-8").split("\n") if isinstance(self._words, bytes) else self._words
        return {word: row for row, word in enumerate(words)}

    def features(self, word: str) -> list[str]:
        """The word's binned log probability ('lp=rare' for a word not in the list) and the first bits of its
        cluster path at each length of `prefixes`."""
        row = self.rows.get(word)
        if row is None:
            return ["lp=rare"]
        features = [f"lp={int(self.log_probs[row])}"]
        cluster = int(self.clusters[row])
        if cluster:  # 0: a word the clustering saw too rarely to place
            path = format(cluster, "b")[::-1]  # spaCy stores a path's bits, reversed, as an integer
            features += [f"c{prefix}={path[:prefix]}" for prefix in self.prefixes]
        return features

    @classmethod
    def from_arrays(cls, arrays) -> "WordLexicon | None":
        """The lexicon stored in a model's arrays; None for a model trained without one."""
        if "lexicon_words" not in arrays:
            return None
        return cls(arrays["lexicon_words"].tobytes(), arrays["lexicon_clusters"], arrays["lexicon_log_probs"],
                   arrays["lexicon_prefixes"].tolist())

    def arrays(self) -> dict:
        """The lexicon as arrays for the model file (words as one UTF-8 text, a line each)."""
        words = "\n".join(self.rows).encode("utf-8")
        return {"lexicon_words": numpy.frombuffer(words, dtype=numpy.uint8),
                "lexicon_clusters": numpy.array(self.clusters, dtype=numpy.uint32),
                "lexicon_log_probs": numpy.array(self.log_probs, dtype=numpy.int8),
                "lexicon_prefixes": numpy.array(self.prefixes, dtype=numpy.int8)}


def _shape(word):
    """'Merkel' -> 'Xx', 'SPD-Chef' -> 'X-Xx', '2015' -> 'd', 'al-Assad' -> 'x-Xx': character classes, runs
    collapsed, at most six of them."""
    shape = []
    for character in word:
        kind = "X" if character.isupper() else "x" if character.islower() else "d" if character.isdigit() \
            else character
        if not shape or shape[-1] != kind:
            shape.append(kind)
    return "".join(shape[:6])


def name_classes(spans) -> list[tuple[int, int, str]]:
    """The actor mentions of a Doc as names (first token, end token, class), as GermEval 2014 marks names: a
    role before a name is left out, demonyms and adjectives are the class + 'deriv', a metonym ("Kreml") is the
    place; compounds, bare roles, descriptions ("der Konzern", "des Innenministeriums") and things of type other
    are no names.

        name_classes(doc.spans["actors"])        # [(1, 3, 'PER')] for "Kreml-Chef Wladimir Putin"
    """
    names = []
    for span in spans:
        extensions = span._
        name_class = name_class_of(extensions.mention_kind, span.label_, extensions.derived)
        if name_class is None:
            continue
        start = span.start
        if extensions.name_start is not None:
            start = next(token.i for token in span if token.idx == extensions.name_start)
        names.append((start, span.end, name_class))
    return names


def name_class_of(kind: str, actor_type: str, derived: bool) -> str | None:
    """The GermEval class of a mention (its kind, actor type and whether it is derived), None for no name.

        name_class_of("demonym", "state", True)      # 'LOCderiv'
    """
    if kind in ("compound", "role", "description") or actor_type not in CLASS_OF_TYPE:
        return None  # "IS-Hochburg", "der Kreml-Chef", "der Konzern", "des Innenministeriums": no names
    name_class = "LOC" if kind == "metonym" else CLASS_OF_TYPE[actor_type]
    return name_class + "deriv" if derived else name_class


def bio_labels(names, length: int) -> list[str]:
    """BIO labels of names (first token, end token, class): [(1, 3, 'PER')], 4 -> ['O', 'B-PER', 'I-PER', 'O']."""
    labels = ["O"] * length
    for start, end, name_class in names:
        labels[start:end] = ["B-" + name_class] + ["I-" + name_class] * (end - start - 1)
    return labels


def names_of_labels(labels) -> list[tuple[int, int, str]]:
    """The names of BIO labels: ['O', 'B-PER', 'I-PER'] -> [(1, 3, 'PER')]; an I- without its B- starts a name."""
    names = []
    opened, last = None, -2  # the first token and class of the name not yet closed; the last label read
    for position, label in [(position, label) for position, label in enumerate(labels) if label != "O"]:
        inside = opened is not None and position == last + 1 and label.startswith("I-") and label[2:] == opened[1]
        if opened is not None and not inside:
            names.append((opened[0], last + 1, opened[1]))
            opened = None
        if label.startswith(("B-", "I-")) and not inside:
            opened = (position, label[2:])
        last = position
    if opened is not None:
        names.append((opened[0], last + 1, opened[1]))
    return names


class NameModel:
    """The CRF's weights as numpy arrays, with the word vectors computed so far. `digest`: the model file's
    sha256, under which the word vectors are kept with the stored word analyses for the next process (None:
    kept in this process only)."""

    def __init__(self, arrays, gazetteers: Gazetteers, digest: str | None = None):
        self.labels = [str(label) for label in arrays["labels"]]
        self.transitions = arrays["transitions"].astype(numpy.float64)
        self.gazetteers, self.digest = gazetteers, digest
        self.lexicon = WordLexicon.from_arrays(arrays)
        self.feature_rows = {str(name): row for row, name in enumerate(arrays["word_names"])}
        # one row more, of zeros, for the features the model does not know
        self.word_weights = _dense(arrays, "word", len(self.feature_rows) + 1, len(WORD_OFFSETS), len(self.labels))
        self.tag_rows = _Rows(arrays["tag_names"])
        self.tag_weights = _dense(arrays, "tag", len(self.tag_rows) + 1, len(TAG_OFFSETS), len(self.labels))
        self.rule_rows = _Rows(arrays["rule_names"])
        self.rule_weights = _dense(arrays, "rule", len(self.rule_rows) + 1, len(RULE_OFFSETS), len(self.labels))
        self.word_rows = {}  # word type -> its row in self.word_vectors
        # float32, as stored: half the memory the decoder reads per token, and a word scores the same whether its
        # vector was summed in this process or read from the stored word analyses
        self.word_vectors = numpy.zeros((1024, len(WORD_OFFSETS), len(self.labels)), dtype=numpy.float32)
        self.padding = self.word_weights[self.feature_rows.get(PADDING, len(self.feature_rows))]
        one = numpy.zeros(1, dtype=numpy.int64)  # a sentence of one word, to load (or compile) the decoder now
        _compiled_decode()(self.word_vectors, self.padding, one, self.tag_weights, one, self.rule_weights, one,
                           self.transitions, one, one + 1)

    @classmethod
    def bundled(cls) -> "NameModel":
        """The model shipped in the package (one per process)."""
        return _bundled_model()

    @classmethod
    def from_file(cls, path, gazetteers: Gazetteers | None = None) -> "NameModel":
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        with numpy.load(path, allow_pickle=False) as arrays:
            return cls(dict(arrays), gazetteers or Gazetteers.bundled(), digest)

    def labels_of(self, texts, tags, rule_labels, sentence_starts) -> list[str]:
        """The BIO label of each token (texts, STTS tags and the rules' BIO labels of a Doc; sentence_starts:
        the first token of each sentence, in order, the first 0)."""
        rows = self.word_rows
        new = [text for text in set(texts) if text not in rows]
        if new:
            self._add_words(new)
        ends = list(sentence_starts[1:]) + [len(texts)]
        best = _compiled_decode()(self.word_vectors, self.padding, _row_numbers(texts, rows), self.tag_weights,
                                  _row_numbers(tags, self.tag_rows), self.rule_weights,
                                  _row_numbers(rule_labels, self.rule_rows), self.transitions,
                                  numpy.array(sentence_starts, dtype=numpy.int64), numpy.array(ends, dtype=numpy.int64))
        return list(map(self.labels.__getitem__, best.tolist()))

    def names(self, texts, tags, rule_labels, sentence_starts) -> list[tuple[int, int, str]]:
        """The names the model finds: (first token, end token, class)."""
        return names_of_labels(self.labels_of(texts, tags, rule_labels, sentence_starts))

    def _add_words(self, texts):
        """Keep the vectors of a Doc's new words: those stored by an earlier process, the others summed."""
        if self.digest is None:
            vectors = self._summed(texts)
        else:
            keys = [(self.digest, text) for text in texts]
            stored = word_analyses().get_many("name_vectors", keys, lambda missing: [
                vector.tobytes() for vector in self._summed([text for _, text in missing]).astype(numpy.float32)])
            vectors = numpy.frombuffer(b"".join(stored), dtype=numpy.float32).reshape(-1, *self.padding.shape)
        start = len(self.word_rows)
        while start + len(texts) > len(self.word_vectors):
            self.word_vectors = numpy.concatenate([self.word_vectors, numpy.zeros_like(self.word_vectors)])
        self.word_vectors[start:start + len(texts)] = vectors
        self.word_rows.update((text, start + number) for number, text in enumerate(texts))

    def _summed(self, texts):
        """The weights of each word's features summed (offset, label), all words in one numpy call."""
        feature_rows, unknown, gazetteers, lexicon = self.feature_rows, len(self.feature_rows), self.gazetteers, \
            self.lexicon
        rows, firsts = [], []
        for text in texts:
            firsts.append(len(rows))
            rows.append(unknown)  # so that no word has an empty sum
            rows += [feature_rows[feature] for feature in word_features(text, gazetteers, lexicon)
                     if feature in feature_rows]
        return numpy.add.reduceat(self.word_weights[rows], firsts)


class _Rows(dict):
    """Feature name -> its row in the weights; a name the model does not know has the row after the last (of
    zeros)."""

    def __init__(self, names):
        super().__init__((str(name), row) for row, name in enumerate(names))
        self.unknown = len(self)

    def __missing__(self, name):
        return self.unknown


def _row_numbers(values, rows) -> numpy.ndarray:
    """The row of each value (rows: value -> row, a `_Rows` for values that may be unknown)."""
    return numpy.fromiter(map(rows.__getitem__, values), dtype=numpy.int64, count=len(values))


def _dense(arrays, kind, rows, offsets, labels):
    """The weights of one kind of feature as a (feature, offset, label) array, from the file's sparse triples."""
    weights = numpy.zeros((rows, offsets, labels))
    weights[arrays[kind + "_rows"], arrays[kind + "_offsets"], arrays[kind + "_labels"]] = arrays[kind + "_weights"]
    return weights


@lru_cache(maxsize=1)
def _bundled_model():
    return NameModel.from_file(MODEL_FILE)


def model_settings() -> dict:
    """What the bundled model was trained on and how (`name_model.json`)."""
    return json.loads(MODEL_FILE.with_suffix(".json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _compiled_decode():
    """`_decode` compiled by numba, imported only when names are decoded (importing the pipeline loads no numba),
    and kept in numba's cache beside this file when it is writable."""
    import numba

    try:
        return numba.njit(cache=True)(_decode)
    except RuntimeError:  # numba found no writable folder for its cache
        return numba.njit(_decode)


def _decode(word_vectors, padding, word_rows, tag_weights, tag_rows, rule_weights, rule_rows, transitions,
            starts, ends):
    """The best label path of each sentence [starts[s], ends[s]): emission scores summed over the offsets,
    then Viterbi over `transitions` (from label, to label). Loops over single numbers, not array slices: numba
    makes a temporary array for each slice's `+=`, which took most of the decoding time (0.2 s of 0.25 s for the
    700 Wikinews `train` articles)."""
    count, labels = len(word_rows), transitions.shape[0]
    best = numpy.zeros(count, dtype=numpy.int64)
    word_reach, tag_reach = word_vectors.shape[1] // 2, tag_weights.shape[1] // 2
    longest = 0
    for sentence in range(len(starts)):
        longest = max(longest, ends[sentence] - starts[sentence])
    scores = numpy.zeros((longest, labels))
    back = numpy.zeros((longest, labels), dtype=numpy.int64)
    path, following = numpy.zeros(labels), numpy.zeros(labels)
    for sentence in range(len(starts)):
        start, end = starts[sentence], ends[sentence]
        length = end - start
        if length == 0:
            continue
        for position in range(start, end):
            at = position - start
            for label in range(labels):
                scores[at, label] = 0.0
            for offset in range(-word_reach, word_reach + 1):
                other = position + offset
                inside = start <= other < end
                for label in range(labels):
                    scores[at, label] += word_vectors[word_rows[other], offset + word_reach, label] if inside \
                        else padding[offset + word_reach, label]
            for offset in range(-tag_reach, tag_reach + 1):
                other = position + offset
                if start <= other < end:
                    for label in range(labels):
                        scores[at, label] += tag_weights[tag_rows[other], offset + tag_reach, label]
                        scores[at, label] += rule_weights[rule_rows[other], offset + tag_reach, label]
        for label in range(labels):
            path[label] = scores[0, label]
        for step in range(1, length):
            for label in range(labels):
                best_score, best_from = -numpy.inf, 0
                for before in range(labels):
                    score = path[before] + transitions[before, label]
                    if score > best_score:
                        best_score, best_from = score, before
                following[label] = best_score + scores[step, label]
                back[step, label] = best_from
            for label in range(labels):
                path[label] = following[label]
        label = 0
        for other in range(labels):
            if path[other] > path[label]:
                label = other
        for step in range(length - 1, -1, -1):
            best[start + step] = label
            label = back[step, label]
    return best
