"""Score the quotation finder against the German Wikinews quotation data (Petersen-Frey & Biemann, 2024).

    scores = evaluate("dev")                     # finds the quotations of every article of the split
    scores.query("scope == 'all'")               # precision, recall, F1 per role (quote, cue, speaker, joint)

The data (`../shared/data/wikinews-quotes/<split>/<id>.json`, format in its README) is read at run time.
The scoring follows the dataset authors' convention: in every article, predicted and gold quotations are
paired one-to-one so that the total token overlap of the quote spans is largest; precision and recall are
then the overlapping tokens over all predicted and all gold tokens, per role (quote span, cue, speaker) and
jointly (the three roles pooled). Tokens are the dataset's own tokens; a character span covers every token
it overlaps.

Per gold quote type (Direct, Indirect, Reported, FreeIndirect, IndirectFreeIndirect), recall counts the gold
quotations of that type and precision the predictions paired with them; a prediction paired with nothing
only lowers the precision of the scope 'all'.
"""

import bisect
import json
from dataclasses import dataclass
from pathlib import Path

import numpy
import pandas as pd
from scipy.optimize import linear_sum_assignment
from tqdm import tqdm

from helpers.analysis import analyze
from helpers.article.formats import article_from_json
from helpers.errors import ArticleError
from helpers.quotes.lexicon import speech_cues
from helpers.resources import SHARED_DATA
from helpers.tables.quotes import cue_offsets

DATA_DIR = SHARED_DATA / "wikinews-quotes"
ROLES = ("quote", "cue", "speaker")
SPLITS = ("train", "dev")


@dataclass(frozen=True)
class Quotation:
    """One quotation as sets of token ids per role, e.g. `Quotation("Direct", {"quote": {4, 5}, ...})`."""

    type: str
    roles: dict

    def tokens(self, role):
        return self.roles.get(role, frozenset())


@dataclass(frozen=True)
class GoldDocument:
    """An article of the gold data: the `Article`, its token offsets and its gold quotations."""

    article: object
    token_starts: tuple
    token_ends: tuple
    quotations: tuple

    def tokens_between(self, start, end):
        """The ids of the tokens that overlap the character span [start, end)."""
        if start is None or end is None or pd.isna(start) or pd.isna(end) or end <= start:
            return frozenset()
        first = bisect.bisect_right(self.token_ends, start)
        last = bisect.bisect_left(self.token_starts, end)
        return frozenset(range(first, last))


def load_gold_document(path):
    """An article of the Wikinews quotation data with its gold quotations: `load_gold_document("dev/11059.json")`."""
    path = Path(path)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ArticleError(
            f"{path} could not be read as a Wikinews quotation file ({error}): check the path"
        ) from error
    article = article_from_json(record, default_id=path.stem, source=str(path))
    tokens = sorted(record["tokens"], key=lambda token: token["id"])
    if [token["id"] for token in tokens] != list(range(len(tokens))):
        raise ArticleError(f"{path} has token ids with gaps: the scorer needs ids 0..n-1 in text order")
    quotations = tuple(
        Quotation(
            type=annotation.get("type") or "unknown",
            roles={role: frozenset((annotation.get(role) or {}).get("tokenIds", ())) for role in ROLES},
        )
        for annotation in record.get("annotations", ())
    )
    return GoldDocument(
        article=article,
        token_starts=tuple(token["charBegin"] for token in tokens),
        token_ends=tuple(token["charEnd"] for token in tokens),
        quotations=quotations,
    )


def split_paths(split, data_dir=None, limit=None):
    """The JSON files of a split ('train' or 'dev'), sorted by name, at most `limit` of them."""
    if split not in SPLITS:
        raise ArticleError(f"unknown split {split!r}: use one of {SPLITS}")
    folder = Path(data_dir or DATA_DIR) / split
    paths = sorted(folder.glob("*.json"))
    if not paths:
        raise ArticleError(
            f"no Wikinews quotation files in {folder}: put the data set there or pass data_dir"
        )
    return paths[:limit] if limit else paths


def predicted_quotations(table, document):
    """The rows of a `quotes()` table as token sets (the cue: all its words, `cue_spans`); a quote's own cue
    and speaker never count as quoted, except in a sentence that is itself a speech act ("Die Gewerkschaft
    kündigte einen Streik an": a reported quotation whose cue is a verb inside its span): there the verb counts
    as quoted, not as cue, because the data marks such a sentence as a Reported quotation without a cue."""
    verbs = speech_cues()["verbs"]
    quotations = []
    for row in table.itertuples(index=False):
        span = document.tokens_between(row.start, row.end)
        cue = frozenset().union(*(document.tokens_between(start, end) for start, end in cue_offsets(row.cue_spans)))
        if row.type == "reported" and row.cue_lemma in verbs:
            cue -= span
        speaker = document.tokens_between(row.speaker_start, row.speaker_end)
        quote = span - cue - speaker
        quotations.append(Quotation(type=row.type, roles={"quote": quote, "cue": cue, "speaker": speaker}))
    return quotations


def optimal_pairs(weights) -> list[tuple[int, int]]:
    """Row-column pairs with the largest total weight, each row and column used once (scipy's
    `linear_sum_assignment`, the Hungarian method).

        optimal_pairs([[3, 2], [3, 0]])     # [(0, 1), (1, 0)]: total 5 beats 3
    """
    if not len(weights) or not len(weights[0]):
        return []
    rows, columns = linear_sum_assignment(numpy.asarray(weights, dtype=float), maximize=True)
    return sorted(zip(rows.tolist(), columns.tolist()))


def pair_quotations(predicted, gold):
    """(predicted index, gold index) pairs of an article whose quote spans share at least one token.

    The pairing has the largest total overlap; among pairings with the same total, the one whose pairs are
    most alike (Jaccard), so that a partial quote pairs with the gold partial quote rather than with the gold
    indirect quote around it. The Jaccard part is below one per pair and the overlap is scaled by more than
    the number of pairs, so it never outweighs a token of overlap.
    """
    overlaps = [[len(p.tokens("quote") & g.tokens("quote")) for g in gold] for p in predicted]
    scale = len(predicted) + len(gold) + 1
    weights = [
        [overlap * scale + (overlap / len(p.tokens("quote") | g.tokens("quote")) if overlap else 0)
         for overlap, g in zip(row, gold)]
        for row, p in zip(overlaps, predicted)
    ]
    return [(i, j) for i, j in optimal_pairs(weights) if overlaps[i][j] > 0]


def overlap_counts(predicted, gold):
    """Token counts of one article: one row per scope ('all' and each gold type) and role."""
    pairs = pair_quotations(predicted, gold)
    rows = []
    for role in ROLES:
        rows.append({
            "scope": "all",
            "role": role,
            "overlap": sum(len(predicted[i].tokens(role) & gold[j].tokens(role)) for i, j in pairs),
            "predicted": sum(len(quotation.tokens(role)) for quotation in predicted),
            "gold": sum(len(quotation.tokens(role)) for quotation in gold),
        })
        for gold_type in sorted({quotation.type for quotation in gold}):
            typed_pairs = [(i, j) for i, j in pairs if gold[j].type == gold_type]
            rows.append({
                "scope": gold_type,
                "role": role,
                "overlap": sum(len(predicted[i].tokens(role) & gold[j].tokens(role)) for i, j in typed_pairs),
                "predicted": sum(len(predicted[i].tokens(role)) for i, _ in typed_pairs),
                "gold": sum(len(quotation.tokens(role)) for quotation in gold if quotation.type == gold_type),
            })
    return pd.DataFrame(rows, columns=["scope", "role", "overlap", "predicted", "gold"])


def score(counts):
    """Precision, recall and F1 per scope and role from summed token counts, plus the pooled 'joint' role.

        score(overlap_counts(predicted, gold))
    """
    totals = counts.groupby(["scope", "role"], as_index=False, sort=False)[["overlap", "predicted", "gold"]].sum()
    joint = totals.groupby("scope", as_index=False, sort=False)[["overlap", "predicted", "gold"]].sum()
    joint["role"] = "joint"
    totals = pd.concat([totals, joint], ignore_index=True)
    totals["precision"] = (totals["overlap"] / totals["predicted"]).where(totals["predicted"] > 0, 0.0)
    totals["recall"] = (totals["overlap"] / totals["gold"]).where(totals["gold"] > 0, 0.0)
    both = totals["precision"] + totals["recall"]
    totals["f1"] = (2 * totals["precision"] * totals["recall"] / both).where(both > 0, 0.0)
    scopes = ["all", *sorted(set(totals["scope"]) - {"all"})]
    totals["scope"] = pd.Categorical(totals["scope"], scopes, ordered=True)
    totals["role"] = pd.Categorical(totals["role"], [*ROLES, "joint"], ordered=True)
    totals = totals.sort_values(["scope", "role"]).astype({"scope": str, "role": str})
    columns = ["scope", "role", "precision", "recall", "f1", "overlap", "predicted", "gold"]
    return totals[columns].reset_index(drop=True)


def evaluate(split: str = "dev", limit: int | None = None, data_dir=None, pipeline=None,
             progress: bool = True) -> pd.DataFrame:
    """Find the quotations of a split of the Wikinews data and score them: one row per scope and role.

        evaluate("train", limit=50)
    """
    counts = []
    paths = split_paths(split, data_dir, limit)
    for path in tqdm(paths, desc=f"wikinews {split}", unit="article", disable=not progress):
        document = load_gold_document(path)
        predicted = predicted_quotations(analyze(document.article, pipeline=pipeline).quotes, document)
        counts.append(overlap_counts(predicted, list(document.quotations)))
    return score(pd.concat(counts, ignore_index=True))


def format_scores(scores):
    """The score table as aligned text with percentages, as the `evaluate-quotes` command prints it."""
    shown = scores.copy()
    for column in ("precision", "recall", "f1"):
        shown[column] = (100 * shown[column]).map("{:.1f}".format)
    return shown.to_string(index=False)
