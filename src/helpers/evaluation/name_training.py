"""Train the learned name finder on GermEval-format annotations, and score it by cross-validation.

    blickwinkel train-names                                  # ../shared/data/germeval2014/NER-de-dev.tsv
    blickwinkel train-names --data my_names.tsv --out my_model.npz

    sentences = prepared_sentences(GERMEVAL_DEV)              # words, tags, the rules' labels, gold labels
    cross_validated(sentences)                                # rules and model, 5 folds, per class

Training needs python-crfsuite and spacy-lookups-data (`pip install python-crfsuite spacy-lookups-data`, in the
project's `test` extra): the Brown clusters and word probabilities of spaCy's German lookups data become word
features, and the lexicon of the `LEXICON_SIZE` most frequent words is stored in the model file. The trained
CRF is exported to numpy arrays (`helpers.actors.name_model`), which is all that finding names needs. Every
sentence is scored by a model that did not see it in training.
"""

import gzip
import hashlib
import json
import random
import tempfile
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import version
from pathlib import Path

import numpy
from spacy.attrs import TAG
from spacy.tokens import Doc

from helpers.actors import SPAN_KEY
from helpers.actors.gazetteers import Gazetteers
from helpers.actors.name_model import (MODEL_FILE, NAME_CLASSES, PADDING, RULE_OFFSETS, TAG_OFFSETS, WORD_OFFSETS,
                                       NameModel, WordLexicon, bio_labels, name_classes, names_of_labels,
                                       word_features)
from helpers.errors import PipelineError
from helpers.evaluation.names import GERMEVAL_DEV, read_germeval, score_rows
from helpers.pipeline import load_pipeline

SEED = 13
FOLDS = 5
# L1 and L2 penalties and iterations of crfsuite's L-BFGS; chosen by 5-fold cross-validation on NER-de-dev
SETTINGS = {"c1": 0.05, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}
LEXICON_SIZE = 1_000_000  # the most frequent words of the lookups data kept in the model file (all of them)
CLUSTER_PREFIXES = (4, 6, 10, 20)  # the bits of a word's Brown cluster path taken as features
LOOKUPS = "spacy_lookups_data"  # the package whose data the lexicon comes from (MIT licence)
LOOKUPS_FILES = ("de_lexeme_cluster.json.gz", "de_lexeme_prob.json.gz")
LICENCE = ("GermEval 2014 NER data (Benikova et al. 2014, NoSta-D guidelines), CC BY 4.0, "
           "https://sites.google.com/site/germeval2014ner/")


@dataclass
class Sentence:
    """One annotated sentence with what the pipeline says about it."""

    words: list
    tags: list  # STTS tags by HanTa
    rule_labels: list  # BIO labels of the rule finder's names (catalog and discovery)
    gold_labels: list  # BIO labels of the annotation, classes of NAME_CLASSES only


def prepared_sentences(path=GERMEVAL_DEV) -> list[Sentence]:
    """The sentences of a GermEval-format file, tagged and read by the rule finder.

        prepared_sentences("../shared/data/germeval2014/NER-de-dev.tsv")[0].gold_labels
    """
    nlp = load_pipeline()
    strings = nlp.vocab.strings
    annotated = read_germeval(path)
    docs = (Doc(nlp.vocab, words=words, spaces=[True] * len(words)) for words, _ in annotated)
    later = [name for name in ("blickwinkel_quotes", "blickwinkel_frames") if name in nlp.pipe_names]
    sentences = []
    with nlp.select_pipes(disable=later):
        for (words, names), doc in zip(annotated, nlp.pipe(docs, batch_size=256)):
            gold = [name for name in names if name[2] in NAME_CLASSES]
            sentences.append(Sentence(words, [strings[tag] for tag in doc.to_array(TAG).tolist()],
                                      bio_labels(name_classes(doc.spans[SPAN_KEY]), len(words)),
                                      bio_labels(gold, len(words))))
    return sentences


def lookups_lexicon(size: int = LEXICON_SIZE, prefixes=CLUSTER_PREFIXES) -> WordLexicon:
    """The `size` most probable words of spaCy's German lookups data with their Brown cluster and log
    probability (cut to a whole number).

        lookups_lexicon(1000).features("und")     # ['lp=-3', 'c4=0101', ...]
    """
    try:
        folder = resources.files(LOOKUPS) / "data"
    except ModuleNotFoundError as error:
        raise PipelineError("training the name finder needs spacy-lookups-data: `pip install spacy-lookups-data` "
                            "(or `pip install -e '.[test]'`)") from error
    clusters, probs = (json.loads(gzip.decompress((folder / name).read_bytes())) for name in LOOKUPS_FILES)
    words = [word for word in sorted(probs, key=probs.get, reverse=True) if word and "\n" not in word][:size]
    return WordLexicon(words, [clusters.get(word, 0) for word in words], [int(probs[word]) for word in words],
                       prefixes)


def crf_items(sentence: Sentence, gazetteers: Gazetteers, known: dict,
              lexicon: WordLexicon | None = None) -> list[list[str]]:
    """The CRF features of each token, 'offset|feature' ('-1|w=kanzlerin', '0|tag=NE', '1|rule=I-PER');
    `known` keeps the word features computed so far."""
    types = []
    for word in sentence.words:
        if word not in known:
            known[word] = word_features(word, gazetteers, lexicon)
        types.append(known[word])
    length = len(sentence.words)
    items = []
    for position in range(length):
        features = []
        for offset in WORD_OFFSETS:
            other = position + offset
            features += [f"{offset}|{feature}" for feature in (types[other] if 0 <= other < length else [PADDING])]
        for offset in TAG_OFFSETS:
            if 0 <= position + offset < length:
                features.append(f"{offset}|tag={sentence.tags[position + offset]}")
        for offset in RULE_OFFSETS:
            if 0 <= position + offset < length:
                features.append(f"{offset}|rule={sentence.rule_labels[position + offset]}")
        items.append(features)
    return items


def train(sentences: list[Sentence], settings: dict = SETTINGS,
          lexicon: WordLexicon | None = None) -> tuple[dict, object]:
    """A CRF trained on the sentences: its weights as arrays (the format of `NameModel`, with the lexicon's)
    and the crfsuite tagger itself (to check the arrays against). `lexicon`: None for no lexicon features."""
    try:
        import pycrfsuite
    except ImportError as error:
        raise PipelineError("training the name finder needs python-crfsuite: `pip install python-crfsuite` "
                            "(or `pip install -e '.[test]'`)") from error
    gazetteers, known = Gazetteers.bundled(), {}
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params(settings)
    for sentence in sentences:
        trainer.append(crf_items(sentence, gazetteers, known, lexicon), sentence.gold_labels)
    with tempfile.TemporaryDirectory() as folder:
        model_path = str(Path(folder) / "names.crfsuite")
        trainer.train(model_path)
        tagger = pycrfsuite.Tagger()
        tagger.open(model_path)
    arrays = exported(tagger)
    if lexicon is not None:
        arrays.update(lexicon.arrays())
    return arrays, tagger


def exported(tagger) -> dict:
    """The weights of a crfsuite tagger as the arrays of `NameModel`: per kind of feature (word, tag, rule)
    sparse (row, offset, label, weight) triples, with the names of the rows."""
    info = tagger.info()
    labels = sorted(tagger.labels())
    label_index = {label: index for index, label in enumerate(labels)}
    transitions = numpy.zeros((len(labels), len(labels)), dtype=numpy.float32)
    for (before, after), weight in info.transitions.items():
        transitions[label_index[before], label_index[after]] = weight
    kinds = {"word": ({}, WORD_OFFSETS, []), "tag": ({}, TAG_OFFSETS, []), "rule": ({}, RULE_OFFSETS, [])}
    for (attribute, label), weight in info.state_features.items():
        offset, feature = attribute.split("|", 1)
        kind, _, name = feature.partition("=") if feature.startswith(("tag=", "rule=")) else ("word", "", feature)
        rows, offsets, triples = kinds[kind]
        row = rows.setdefault(name, len(rows))
        triples.append((row, offsets.index(int(offset)), label_index[label], weight))
    arrays = {"labels": numpy.array(labels), "transitions": transitions}
    for kind, (rows, _, triples) in kinds.items():
        arrays[kind + "_names"] = numpy.array(list(rows) or [""])
        columns = list(zip(*triples)) or [(), (), (), ()]
        for part, values, dtype in zip(("rows", "offsets", "labels", "weights"), columns,
                                       (numpy.int32, numpy.int8, numpy.int8, numpy.float32)):
            arrays[f"{kind}_{part}"] = numpy.array(values, dtype=dtype)
    return arrays


def folds(count: int, folds: int = FOLDS, seed: int = SEED) -> list[list[int]]:
    """The sentence numbers of each fold: shuffled with a fixed seed, dealt out in turn."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    return [sorted(order[fold::folds]) for fold in range(folds)]


def cross_validated(sentences: list[Sentence], settings: dict = SETTINGS, check: bool = True,
                    lexicon: WordLexicon | None = None) -> dict:
    """Rules and model scored on every sentence by a model trained on the other folds: {'rules': table,
    'model': table} (the tables of `score_rows`). `check`: the numpy decoder must give crfsuite's labels.
    `lexicon`: as `train`'s."""
    gold, rules, model = set(), set(), set()
    for fold in folds(len(sentences)):
        held_out = set(fold)
        arrays, tagger = train([s for n, s in enumerate(sentences) if n not in held_out], settings, lexicon)
        finder = NameModel(arrays, Gazetteers.bundled())
        known, gazetteers = {}, finder.gazetteers
        for number in fold:
            sentence = sentences[number]
            labels = finder.labels_of(sentence.words, sentence.tags, sentence.rule_labels, [0])
            if check and labels != tagger.tag(crf_items(sentence, gazetteers, known, lexicon)):
                raise PipelineError(f"the numpy decoder disagrees with crfsuite on sentence {number}: "
                                    "re-export the model (helpers.evaluation.name_training.exported)")
            gold |= {(number, *name) for name in names_of_labels(sentence.gold_labels)}
            rules |= {(number, *name) for name in names_of_labels(sentence.rule_labels)}
            model |= {(number, *name) for name in names_of_labels(labels)}
    return {"rules": score_rows(gold, rules), "model": score_rows(gold, model)}


def train_names(data=GERMEVAL_DEV, out=MODEL_FILE, settings: dict = SETTINGS) -> Path:
    """Train the name finder on all sentences of `data` and write the model (`out`, .npz) and beside it its
    settings, the data's sha256 and licence (.json).

        train_names("../shared/data/germeval2014/NER-de-dev.tsv", "name_model.npz")
    """
    data, out = Path(data), Path(out)
    sentences = prepared_sentences(data)
    lexicon = lookups_lexicon()
    arrays, _ = train(sentences, settings, lexicon)
    numpy.savez_compressed(out, **arrays)
    record = {
        "data": data.name,
        "data_sha256": hashlib.sha256(data.read_bytes()).hexdigest(),
        "data_licence": LICENCE if data.name.startswith("NER-de") else "see the data's own licence",
        "sentences": len(sentences),
        "settings": settings,
        "seed": SEED,
        "features": {"word": WORD_OFFSETS, "tag": TAG_OFFSETS, "rule": RULE_OFFSETS},
        "weights": {kind: int(len(arrays[kind + "_weights"])) for kind in ("word", "tag", "rule")},
        "word_lexicon": {"source": f"{LOOKUPS.replace('_', '-')} {version(LOOKUPS.replace('_', '-'))} (PyPI), "
                                   f"files {', '.join(LOOKUPS_FILES)}",
                         "licence": "MIT", "words": len(lexicon.rows), "cluster_prefixes": list(lexicon.prefixes)},
        "trained_by": "blickwinkel train-names",
    }
    out.with_suffix(".json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return out
