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
from functools import lru_cache
from itertools import repeat
from operator import itemgetter, mul
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
_word_start = itemgetter(0)  # SentenceWord.start, for bisecting a sentence's words


@dataclass(frozen=True)
class Candidate:
    """A possible speaker of a quotation: character offsets (or None for nobody) and its features."""

    span: tuple | None
    features: dict


def speaker_candidates(reading, actors, found: list[FoundQuote]) -> list[list[Candidate]]:
    """For each quotation (in text order), its candidate speakers with their features; the rules' choice first.
    `reading`: the article as `helpers.quotes.finder.read_article` reads it; `actors`: the actor mentions
    sorted by start (`helpers.quotes.linking.actor_mentions`)."""
    mentions, mention_starts = _mentions(actors)
    return [[Candidate(span, candidate_features(reading, quote, span, rules, anchor, mentions, mention_starts))
             for span, rules in proposed.items()]
            for quote, proposed, anchor in _proposed(reading, found, mentions, mention_starts)]


def _mentions(actors):
    """The actor mentions as (start, end, type), and their starts."""
    mentions = [(m.start_char, m.end_char, m.label_) for m in actors]
    return mentions, [m[0] for m in mentions]


def _proposed(reading, found, mentions, mention_starts):
    """Each quotation with its candidates {span: rule names} (`_proposals`) and the index of its cue's word (None
    without a cue), so that the speaker choice builds the features only where there is a choice."""
    starts = reading.words.starts
    previous_speaker = None
    for quote in found:
        anchor = bisect.bisect_left(starts, quote.cue.start) if quote.cue is not None else None
        yield quote, _proposals(reading, quote, mentions, mention_starts, previous_speaker), anchor
        if quote.speaker:
            previous_speaker = quote.speaker


def _proposals(reading, quote, mentions, mention_starts, previous_speaker):
    """{span: set of rule names} for one quotation, the rules' own choice first and nobody last. A speaker
    carried over from the quotation before is the only candidate: the quotation continues that speaker's words."""
    if quote.carried_over and quote.speaker:
        return {quote.speaker: {"rules"}}
    proposed = {} if quote.speaker is None else {quote.speaker: {"rules"}}  # the rules' choice may overlap the quote
    quote_start, quote_end = quote.start, quote.end

    def propose(span, rule):
        if span is not None and (span[1] <= quote_start or span[0] >= quote_end):
            if span in proposed:
                proposed[span].add(rule)
            else:
                proposed[span] = {rule}

    sentence = reading.article.sentences[quote.sentence]
    if quote.cue is not None:
        words, _ = reading.sentence(sentence)
        cue = bisect.bisect_left(words, quote.cue.start, key=_word_start)
        if cue < len(words) and words[cue].start == quote.cue.start:
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
    proposed[NOBODY] = {"nobody"}
    return proposed


def candidate_features(reading, quote, span, rules, anchor, mentions, mention_starts) -> dict:
    """The features of one candidate as {name: value}; names carry their value where it is a category."""
    if span is None:
        return dict(_nobody_features(quote.type, quote.cue is not None, quote.speaker is not None))
    words = reading.words
    starts, tags = words.starts, words.tags
    first = bisect.bisect_left(starts, span[0])
    last = max(bisect.bisect_left(starts, span[1], first) - 1, first)
    features = {f"rule={rule}": 1.0 for rule in rules}
    features[f"type={quote.type}"] = 1.0
    features[f"head={tags[last]}"] = 1.0
    features[f"first={tags[first]}"] = 1.0
    features["length"] = math.log1p(last - first)
    if tags[first] in stts.DETERMINERS:
        features[f"determiner={words.texts[first].lower()}"] = 1.0  # der, den, dem: the case of the phrase
    if first > 0 and tags[first - 1] in stts.PREPOSITIONS:
        features[f"preposition={words.texts[first - 1].lower()}"] = 1.0  # laut, von, mit
    if anchor is None:
        anchor, features["no_cue"] = bisect.bisect_left(starts, quote.start), 1.0
    if first > anchor:
        features["side=after"], features["distance|after"] = 1.0, math.log1p(first - anchor)
    else:
        features["side=before"], features["distance|before"] = 1.0, math.log1p(max(anchor - last, 0))
    # the quotation's sentence holds the candidate's first character (the sentence `sentence_at` would find)
    sentence = reading.article.sentences[quote.sentence]
    features["same_sentence" if sentence.start <= span[0] < sentence.end else "other_sentence"] = 1.0
    label = _mention_type(mentions, mention_starts, span)
    if label is not None:
        features["actor"] = 1.0
        features[f"actor={label}"] = 1.0
    return features


@lru_cache
def _nobody_features(kind, has_cue, has_speaker):
    """The features of the candidate nobody, the same for every quotation of a type, with a cue or not and with
    a speaker of the rules or not (a copy for each candidate)."""
    return {"nobody": 1.0, f"nobody|type={kind}": 1.0, f"nobody|cue={has_cue}": 1.0,
            f"nobody|rules_speaker={has_speaker}": 1.0}


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

    def score(self, features: dict) -> float:
        """The score of a candidate of its features {name: value} (`candidate_features`)."""
        return sum(map(mul, map(self.weights.get, features, repeat(0.0)), features.values()))

    def __call__(self, reading, actors, found: list[FoundQuote]) -> list[FoundQuote]:
        """The quotations with the best-scored candidate as speaker (the rules' choice wins a tie)."""
        chosen = []
        mentions, mention_starts = _mentions(actors)
        for quote, proposed, anchor in _proposed(reading, found, mentions, mention_starts):
            if len(proposed) > 1:
                best = max(proposed, key=lambda span: self.score(candidate_features(
                    reading, quote, span, proposed[span], anchor, mentions, mention_starts)))
            else:
                best = next(iter(proposed))
            chosen.append(quote if best == quote.speaker else replace(quote, speaker=best))
        return chosen
