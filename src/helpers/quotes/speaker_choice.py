"""The learned speaker choice: for each quotation, candidate speakers proposed by the rules around its cue,
ranked by a small logistic model (a conditional logit: one score per candidate, the highest one wins).

    choice = SpeakerChoice.load()                         # resources/speaker_model.json
    found = choice(reading, actor_mentions(doc), found)   # the same quotations, each with the chosen speaker

Candidates (`speaker_candidates`): the rules' own choice, the subject of the cue verb, the noun phrase after
and before the cue (laut X, X zufolge), a name in apposition before it, the previous quotation's speaker, the
actor mentions of the cue's sentence (and of the sentence before, for a quotation without a cue), and nobody
(a speaker carried over from the quotation before is kept). Features (`candidate_features`)
say which rules proposed a candidate, where it stands from the cue, its words' STTS tags, the article or
preposition before it, whether it is an actor mention and of which type, the quote type. The model is data:
`blickwinkel train-quotes` makes it (`helpers.evaluation.speaker_training`).
"""

import bisect
import json
import math
from dataclasses import dataclass, replace
from pathlib import Path

from helpers.errors import ResourceError
from helpers.german import stts
from helpers.quotes.found import FoundQuote
from helpers.quotes.noun_phrases import (
    apposition_before, noun_phrase_after, noun_phrase_before, sentence_subject_before, skip_fillers,
)
from helpers.quotes.words import word_offsets

MODEL_FILE = Path(__file__).resolve().parents[1] / "resources" / "speaker_model.json"
NOBODY = None  # the candidate "no speaker"
MENTIONS_LOOKED_BACK = 3  # mentions rarely nest: of those starting before a span ends, the last three may overlap it


@dataclass(frozen=True)
class Candidate:
    """A possible speaker of a quotation: character offsets (or None for nobody) and its features."""

    span: tuple | None
    features: dict


def speaker_candidates(reading, actors, found: list[FoundQuote]) -> list[list[Candidate]]:
    """For each quotation (in text order), its candidate speakers with their features; the rules' choice first.
    `reading`: the article as `helpers.quotes.finder.read_article` reads it; `actors`: the actor mentions
    sorted by start (`helpers.quotes.linking.actor_mentions`)."""
    mentions = [(m.start_char, m.end_char, m.label_) for m in actors]
    mention_starts = [m[0] for m in mentions]
    starts = reading.words.starts
    previous_speaker = None
    candidates = []
    for quote in found:
        proposed = _proposals(reading, quote, mentions, mention_starts, previous_speaker)
        anchor = bisect.bisect_left(starts, quote.cue.start) if quote.cue is not None else None
        here = [Candidate(span, candidate_features(reading, quote, span, rules, anchor, mentions, mention_starts))
                for span, rules in proposed.items()]
        candidates.append(here)
        if quote.speaker:
            previous_speaker = quote.speaker
    return candidates


def _proposals(reading, quote, mentions, mention_starts, previous_speaker):
    """{span: set of rule names} for one quotation, the rules' own choice first and nobody last. A speaker
    carried over from the quotation before is the only candidate: the quotation continues that speaker's words."""
    if quote.carried_over and quote.speaker:
        return {quote.speaker: {"rules"}}
    proposed = {}

    def propose(span, rule):
        if span is not None and (span[1] <= quote.start or span[0] >= quote.end or rule == "rules"):
            proposed.setdefault(span, set()).add(rule)

    propose(quote.speaker, "rules")
    sentence = reading.article.sentences[quote.sentence]
    if quote.cue is not None:
        words, _ = reading.sentence(sentence)
        cue = next((i for i, word in enumerate(words) if word.start == quote.cue.start), None)
        if cue is not None:
            propose(word_offsets(words, sentence_subject_before(words, cue)), "subject")
            propose(word_offsets(words, noun_phrase_after(words, skip_fillers(words, cue + 1))), "after")
            propose(word_offsets(words, noun_phrase_before(words, cue - 1)), "before")
            propose(word_offsets(words, apposition_before(words, cue)), "apposition")
    propose(previous_speaker, "previous")
    # the sentence before only for a quotation without a cue: with a cue, its mentions left dev speaker F1 at 58.5
    first = sentence.start if quote.cue is not None else reading.article.sentences[max(quote.sentence - 1, 0)].start
    for start, end, _ in mentions[bisect.bisect_left(mention_starts, first):
                                  bisect.bisect_left(mention_starts, sentence.end)]:
        propose((start, end), "mention")
    proposed.pop(NOBODY, None)
    proposed[NOBODY] = {"nobody"}
    return proposed


def candidate_features(reading, quote, span, rules, anchor, mentions, mention_starts) -> dict:
    """The features of one candidate as {name: value}; names carry their value where it is a category."""
    kind = f"type={quote.type}"
    if span is None:
        return {"nobody": 1.0, f"nobody|{kind}": 1.0, f"nobody|cue={quote.cue is not None}": 1.0,
                f"nobody|rules_speaker={quote.speaker is not None}": 1.0}
    words = reading.words
    first = bisect.bisect_left(words.starts, span[0])
    last = max(bisect.bisect_left(words.starts, span[1]) - 1, first)
    features = {f"rule={rule}": 1.0 for rule in rules}
    features.update({kind: 1.0, f"head={words.tags[last]}": 1.0, f"first={words.tags[first]}": 1.0,
                     "length": math.log1p(last - first)})
    if words.tags[first] in stts.DETERMINERS:
        features[f"determiner={words.texts[first].lower()}"] = 1.0  # der, den, dem: the case of the phrase
    if first > 0 and words.tags[first - 1] in stts.PREPOSITIONS:
        features[f"preposition={words.texts[first - 1].lower()}"] = 1.0  # laut, von, mit
    if anchor is None:
        anchor, features["no_cue"] = bisect.bisect_left(words.starts, quote.start), 1.0
    side = "after" if first > anchor else "before"
    distance = first - anchor if side == "after" else anchor - last
    features.update({f"side={side}": 1.0, f"distance|{side}": math.log1p(max(distance, 0))})
    sentence = reading.article.sentence_at(span[0])
    features["same_sentence" if sentence is not None and sentence.index == quote.sentence else "other_sentence"] = 1.0
    label = _mention_type(mentions, mention_starts, span)
    if label is not None:
        features.update({"actor": 1.0, f"actor={label}": 1.0})
    return features


def _mention_type(mentions, mention_starts, span):
    """The type (person, organisation, …) of the last actor mention that overlaps a span, or None."""
    before_end = bisect.bisect_left(mention_starts, span[1])
    for start, end, label in reversed(mentions[max(before_end - MENTIONS_LOOKED_BACK, 0):before_end]):
        if end > span[0]:
            return label
    return None


class SpeakerChoice:
    """The trained ranking of candidate speakers: a weight per feature name (from `speaker_model.json`)."""

    def __init__(self, weights: dict):
        self.weights = weights

    @classmethod
    def load(cls, path=MODEL_FILE) -> "SpeakerChoice":
        """The model of a JSON file made by `blickwinkel train-quotes` (its "weights": {feature: weight})."""
        path = Path(path)
        try:
            return cls(json.loads(path.read_text(encoding="utf-8"))["weights"])
        except (OSError, ValueError, KeyError) as error:
            raise ResourceError(f"speaker model {path} could not be read ({error}): rerun "
                                "`blickwinkel train-quotes` or load the pipeline with speaker_model=False") from error

    def score(self, candidate: Candidate) -> float:
        weight = self.weights.get
        return sum([weight(name, 0.0) * value for name, value in candidate.features.items()])

    def __call__(self, reading, actors, found: list[FoundQuote]) -> list[FoundQuote]:
        """The quotations with the best-scored candidate as speaker (the rules' choice wins a tie)."""
        chosen = []
        for quote, candidates in zip(found, speaker_candidates(reading, actors, found)):
            best = max(candidates, key=self.score).span if len(candidates) > 1 else candidates[0].span
            chosen.append(quote if best == quote.speaker else replace(quote, speaker=best))
        return chosen
