"""Training the learned speaker choice (`helpers.quotes.speaker_choice`) on the gold speakers of the Wikinews
`train` articles (Petersen-Frey & Biemann, 2024; CC BY-NC-SA 4.0).

    examples, gold_tokens = speaker_examples(split_paths("train"))   # every found quotation's candidates, labelled
    weights = fit(examples, l2=30.0)                                 # {feature: weight}
    speaker_scores(examples, gold_tokens, weights)                   # speaker P/R/F1, as evaluate-quotes counts
    train_speakers()                                      # all of it; rewrites resources/speaker_model.json

A candidate is right when its tokens overlap the gold speaker of the gold quotation its quotation is paired
with (the pairing of `helpers.evaluation.quotes`); "nobody" is right when that gold quotation has no speaker or
the quotation is paired with none. The model is a conditional logit (a logistic regression over the candidates of
one quotation): it maximises the probability of the right candidates, with an L2 penalty, by scipy's L-BFGS,
from zero weights, so that a run on the same data gives the same model.
"""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy
from scipy.optimize import minimize
from tqdm import tqdm

from helpers.evaluation.quotes import Quotation, load_gold_document, pair_quotations, split_paths
from helpers.pipeline import article_doc, load_pipeline
from helpers.quotes.finder import find_quotes, read_article
from helpers.quotes.linking import actor_mentions
from helpers.quotes.speaker_choice import MODEL_FILE, speaker_candidates

# l2 chosen on dev speaker F1 among 3, 10, 30, 100, 300 (57.8-58.5, the rules 57.9; 58.5 at 30)
SETTINGS = {"l2": 30.0, "max_iterations": 500, "min_feature_count": 2}
LICENCE = ("German Wikinews quotation attribution data (Fynn Petersen-Frey and Chris Biemann, \"Dataset of "
           "Quotation Attribution in German News Articles\", LREC-COLING 2024), CC BY-NC-SA 4.0")


@dataclass(frozen=True)
class QuoteExample:
    """One found quotation's candidates: their features, tokens shared with the gold speaker and token counts."""

    features: list  # one {name: value} per candidate, the rules' choice first
    overlaps: list  # tokens each candidate shares with the paired gold quotation's speaker
    sizes: list  # tokens of each candidate


def speaker_examples(paths, progress: bool = True) -> tuple[list[QuoteExample], int]:
    """The labelled candidates of every quotation the rules find in the Wikinews files `paths`, and the number
    of gold speaker tokens in them (the denominator of speaker recall)."""
    nlp = load_pipeline(speaker_model=False)
    cue_matcher = nlp.get_pipe("blickwinkel_quotes").cue_matcher
    examples, gold_tokens = [], 0
    for path in tqdm(paths, desc="speaker candidates", unit="article", disable=not progress):
        document = load_gold_document(path)
        doc = nlp(article_doc(nlp, document.article))
        reading = read_article(doc, cue_matcher(doc))
        found = find_quotes(reading)
        gold = list(document.quotations)
        gold_tokens += sum(len(quotation.tokens("speaker")) for quotation in gold)
        predicted = [_quotation(document, quote) for quote in found]
        paired = dict(pair_quotations(predicted, gold))
        for index, candidates in enumerate(speaker_candidates(reading, actor_mentions(doc), found)):
            gold_speaker = gold[paired[index]].tokens("speaker") if index in paired else frozenset()
            tokens = [document.tokens_between(*candidate.span) if candidate.span else frozenset()
                      for candidate in candidates]
            overlaps = [len(found_tokens & gold_speaker) if candidate.span else int(not gold_speaker)
                        for found_tokens, candidate in zip(tokens, candidates)]
            examples.append(QuoteExample([c.features for c in candidates], overlaps, [len(t) for t in tokens]))
    return examples, gold_tokens


def _quotation(document, quote):
    cue = document.tokens_between(quote.cue.start, quote.cue.end) if quote.cue is not None else frozenset()
    speaker = document.tokens_between(*quote.speaker) if quote.speaker else frozenset()
    return Quotation(quote.type, {"quote": document.tokens_between(quote.start, quote.end) - cue - speaker})


def fit(examples: list[QuoteExample], l2: float = SETTINGS["l2"], max_iterations: int = SETTINGS["max_iterations"],
        min_feature_count: int = SETTINGS["min_feature_count"]) -> dict:
    """The weights {feature: weight} of the conditional logit that best picks the right candidates."""
    learnable = [example for example in examples if any(example.overlaps) and len(example.features) > 1]
    counts = {}
    for example in learnable:
        for features in example.features:
            for name in features:
                counts[name] = counts.get(name, 0) + 1
    names = sorted(name for name, count in counts.items() if count >= min_feature_count)
    column = {name: index for index, name in enumerate(names)}
    rows = [features for example in learnable for features in example.features]
    matrix = numpy.zeros((len(rows), len(names)))
    for row, features in enumerate(rows):
        for name, value in features.items():
            if name in column:
                matrix[row, column[name]] = value
    right = numpy.array([overlap > 0 for example in learnable for overlap in example.overlaps], dtype=float)
    offsets = numpy.cumsum([0] + [len(example.features) for example in learnable])[:-1]
    group = numpy.repeat(numpy.arange(len(learnable)), [len(example.features) for example in learnable])

    def loss(weights):
        scores = matrix @ weights
        top = numpy.maximum.reduceat(scores, offsets)
        exps = numpy.exp(scores - top[group])
        total, positive = numpy.add.reduceat(exps, offsets), numpy.add.reduceat(exps * right, offsets)
        value = numpy.sum(numpy.log(total) - numpy.log(positive)) + l2 * weights @ weights
        gradient = matrix.T @ (exps / total[group] - exps * right / positive[group]) + 2 * l2 * weights
        return value, gradient

    result = minimize(loss, numpy.zeros(len(names)), jac=True, method="L-BFGS-B",
                      options={"maxiter": max_iterations})
    return {name: round(float(weight), 6) for name, weight in zip(names, result.x) if abs(weight) > 1e-9}


def speaker_scores(examples: list[QuoteExample], gold_tokens: int, weights: dict | None = None) -> dict:
    """Speaker precision, recall and F1 (tokens) of the best-scored candidates (weights None: the rules' choice),
    counted as `evaluate-quotes` counts them for the quotations found."""
    overlap = predicted = 0
    for example in examples:
        if weights is None:  # the rules' speaker, or nobody
            best = next((i for i, features in enumerate(example.features) if "rule=rules" in features),
                        len(example.features) - 1)
        else:
            scores = [sum(weights.get(name, 0.0) * value for name, value in features.items())
                      for features in example.features]
            best = scores.index(max(scores))
        chosen_is_nobody = "nobody" in example.features[best]
        overlap += 0 if chosen_is_nobody else example.overlaps[best]
        predicted += 0 if chosen_is_nobody else example.sizes[best]
    precision = overlap / predicted if predicted else 0.0
    recall = overlap / gold_tokens if gold_tokens else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def train_speakers(split: str = "train", data_dir=None, out=MODEL_FILE, settings: dict = SETTINGS,
                   limit: int | None = None, progress: bool = True) -> Path:
    """Train the speaker choice on a split of the Wikinews data and write it (weights, settings, the data's
    sha256 and licence) as JSON: `train_speakers(out="my_speakers.json")`."""
    paths = split_paths(split, data_dir, limit)
    examples, gold_tokens = speaker_examples(paths, progress=progress)
    weights = fit(examples, **settings)
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    model = {"data": f"wikinews-quotes/{split} ({len(paths)} articles)", "data_sha256": digest.hexdigest(),
             "data_licence": LICENCE, "settings": settings, "quotations": len(examples),
             "speaker_on_training_data": {"rules": speaker_scores(examples, gold_tokens),
                                          "model": speaker_scores(examples, gold_tokens, weights)},
             "weights": weights}
    out = Path(out)
    out.write_text(json.dumps(model, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return out
