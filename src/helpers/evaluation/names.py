"""How well the actor pipeline finds names in text nobody prepared a catalog for: GermEval 2014 NER.

    scores = evaluate_names()                  # ../shared/data/germeval2014/NER-de-dev.tsv
    scores.set_index("class").loc["all (typed)", "f1"]

The GermEval 2014 data (NoSta-D guidelines, Benikova et al. 2014) marks person, location and organisation
names (PER, LOC, ORG), their derivations (`deriv`: "russische", "Franzose" -> LOCderiv), names inside words
(`part`: "Russland-Krise") and other names (OTH). We score the outer annotation level against the actor
mentions, exact span match, for PER, LOC, ORG and their `deriv` forms; `part`, OTH and our compounds, bare
roles and names typed "other" are left out on both sides. Our mentions become classes as follows:
person -> PER, state and place -> LOC, organisation and group -> ORG; a metonym ("Moskau", "Kreml") is the
place it names -> LOC; demonyms and adjectives ("Russen", "russische", "Berliner") -> the class + "deriv".
A role before a name ("Kanzlerin Angela Merkel") is scored on the name alone, as GermEval marks it.
"""

from pathlib import Path

import pandas as pd
from spacy.tokens import Doc

from helpers.actors import SPAN_KEY
from helpers.actors.name_model import NAME_CLASSES, name_classes, names_of_labels
from helpers.errors import ResourceError
from helpers.pipeline import load_pipeline
from helpers.resources import SHARED_DATA

GERMEVAL_DEV = SHARED_DATA / "germeval2014" / "NER-de-dev.tsv"
SCORED_CLASSES = NAME_CLASSES
SCORE_COLUMNS = ["class", "gold", "predicted", "correct", "precision", "recall", "f1"]


def read_germeval(path=GERMEVAL_DEV) -> list[tuple[list[str], list[tuple[int, int, str]]]]:
    """The sentences of a GermEval 2014 file as (words, names) pairs; names are (first token, end token, class)
    of the outer level, e.g. (7, 9, 'PER').

        sentences = read_germeval()
    """
    path = Path(path)
    if not path.is_file():
        raise ResourceError(
            f"GermEval file {path} not found: give the path of NER-de-dev.tsv (GermEval 2014, CC BY 4.0)"
        )
    sentences = []
    words, tags = [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                sentences.append((words, names_of_labels(tags)))
            words, tags = [], []
            continue
        columns = line.split("\t")
        if len(columns) < 3:
            raise ResourceError(f"{path}: line {line!r} needs the columns number, token, tag")
        words.append(columns[1])
        tags.append(columns[2])
    return sentences


def predicted_names(doc: Doc) -> list[tuple[int, int, str]]:
    """The actor mentions of a Doc as GermEval names (first token, end token, class)."""
    return name_classes(doc.spans[SPAN_KEY])


def evaluate_names(path=GERMEVAL_DEV, pipeline=None, batch_size: int = 256) -> pd.DataFrame:
    """Precision, recall and F1 of name mentions per class, typed over all classes, and untyped (span only).

        evaluate_names("../shared/data/germeval2014/NER-de-dev.tsv")
    """
    nlp = pipeline or load_pipeline()
    sentences = read_germeval(path)
    docs = (Doc(nlp.vocab, words=words, spaces=[True] * len(words)) for words, _ in sentences)
    gold, predicted = set(), set()
    later = [name for name in ("blickwinkel_quotes", "blickwinkel_frames") if name in nlp.pipe_names]
    with nlp.select_pipes(disable=later):  # names need neither quotations nor frames
        for number, ((_, names), doc) in enumerate(zip(sentences, nlp.pipe(docs, batch_size=batch_size))):
            gold |= {(number, *name) for name in names if name[2] in SCORED_CLASSES}
            predicted |= {(number, *name) for name in predicted_names(doc)}
    return score_rows(gold, predicted)


def score_rows(gold: set, predicted: set) -> pd.DataFrame:
    """Precision, recall and F1 per class, typed and untyped, of names (sentence, start, end, class)."""
    rows = [_scores(name_class, {g for g in gold if g[3] == name_class}, {p for p in predicted if p[3] == name_class})
            for name_class in SCORED_CLASSES]
    rows.append(_scores("all (typed)", gold, predicted))
    rows.append(_scores("all (untyped)", {g[:3] for g in gold}, {p[:3] for p in predicted}))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def _scores(name_class, gold, predicted):
    correct = len(gold & predicted)
    precision = correct / len(predicted) if predicted else 0.0
    recall = correct / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return [name_class, len(gold), len(predicted), correct, round(precision, 3), round(recall, 3), round(f1, 3)]
