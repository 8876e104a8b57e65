"""Speakers and actors: which actor mention a quotation's speaker refers to, and whether it is anonymous.

    link_speakers(doc, found)      # for each quotation, the Span of doc.spans["actors"] its speaker names, or None
    with_whole_name(quote, mention)   # the speaker's words reach to the end of the name they link to
    speaker_kind("Diplomaten")     # 'anonymous'
"""

import bisect
import re
from functools import lru_cache

from dataclasses import replace

from spacy.tokens import Doc, Span

from helpers.actors import SPAN_KEY as ACTORS
from helpers.quotes.found import MARKED_TYPES, FoundQuote
from helpers.quotes.lexicon import ends_with_any, speech_cues
from helpers.quotes.pronouns import Antecedents, person_genders, pronoun_is_plural


@lru_cache(maxsize=4096)  # the same speakers recur, in an article and across a corpus
def speaker_kind(speaker_text: str | None) -> str:
    """'anonymous' for Diplomaten, Élyséekreisen, Beobachter, else 'unknown' (until linked to an actor)."""
    words = re.findall(r"[\w-]+", speaker_text) if speaker_text else []
    return "anonymous" if any(ends_with_any(word, speech_cues()["anonymous"]) for word in words) else "unknown"


def link_speakers(doc: Doc, found: list[FoundQuote], text: str | None = None,
                  mentions: list[Span] | None = None) -> list[Span | None]:
    """For each quotation (in text order), the actor mention its speaker refers to, or None.

    A speaker is the actor whose mention overlaps the speaker's words; of several, the last person
    ("Putin-Sprecher Dmitri Peskow" -> Peskow), else the first mention ("Sprecher des Auswärtigen Amts").
    A pronoun speaker (er, sie) is the person (or for "sagten sie" the group) it agrees with, named shortly
    before (`helpers.quotes.pronouns`); "demnach" and "wonach" the previous speaker. Anonymous speakers are
    linked too but stay anonymous. `text`: the Doc's text, if the caller has it (`doc.text` joins all tokens
    anew each time); `mentions`: `actor_mentions(doc)`, if the caller has them.
    """
    mentions = actor_mentions(doc) if mentions is None else mentions
    if not mentions:
        return [None] * len(found)
    pronouns = speech_cues()["pronouns"]
    anaphors = {word for word, rule in speech_cues()["reported"].items() if rule.get("position") == "self"}
    starts = [mention.start_char for mention in mentions]
    text = doc.text if text is None else text
    antecedents = None  # made at the first pronoun speaker
    speakers = []  # the mentions linked so far, in text order
    linked = []
    for quote in found:
        mention = None
        if quote.speaker:
            speaker = text[slice(*quote.speaker)]
            if speaker in pronouns:
                plural = pronoun_is_plural(doc, *quote.speaker, quote.cue.text if quote.cue is not None else None)
                antecedents = antecedents or Antecedents(
                    mentions, person_genders(mentions), _sentence_starts(doc),
                    sorted((marked.start, marked.end) for marked in found if marked.type in MARKED_TYPES))
                mention = antecedents.find(quote.speaker[0], speaker, plural, speakers)
            elif speaker.lower() in anaphors:  # "Demnach": the source named before
                mention = speakers[-1] if speakers else None
            else:
                start, end = quote.speaker
                mention = _overlapping_mention(mentions[:bisect.bisect_left(starts, end)], start)
        if mention is not None:
            speakers.append(mention)
        linked.append(mention)
    return linked


def _sentence_starts(doc: Doc) -> list[int]:
    """The start offsets of the article's sentences (of the Doc's, without an article)."""
    article = doc._.article
    return [sentence.start for sentence in article.sentences] if article is not None and article.sentences \
        else [sentence.start_char for sentence in doc.sents]


def actor_mentions(doc: Doc) -> list[Span]:
    """The actor mentions of a Doc (doc.spans["actors"]) sorted by start."""
    mentions = list(doc.spans[ACTORS]) if ACTORS in doc.spans else []
    return sorted(mentions, key=lambda mention: mention.start_char)


def _overlapping_mention(mentions_before_end, start):
    """Of the mentions (in text order) that start before a speaker's end, the last person among those that
    end after its start, else the first of those that is not a state's adjective ("die chinesische
    Nachrichtenagentur Xinhua" -> Xinhua), else the first."""
    overlapping = [mention for mention in mentions_before_end if mention.end_char > start]
    people = [mention for mention in overlapping if mention.label_ == "person"]
    names = [mention for mention in overlapping if not mention._.derived]
    return people[-1] if people else names[0] if names else overlapping[0] if overlapping else None


def with_whole_name(quote: FoundQuote, mention: Span | None) -> FoundQuote:
    """The quotation with its speaker's words reaching to the end of the linked mention when the name goes on
    after them ("GDL-Chef Mario" -> "GDL-Chef Mario Reiß": the noun phrase stopped at a surname tagged as a common
    noun), unless the longer speaker would reach into the quotation."""
    if quote.speaker is None or mention is None:
        return quote
    start, end = quote.speaker
    if not start <= mention.start_char < end < mention.end_char:
        return quote
    if start < quote.end and mention.end_char > quote.start:
        return quote
    return replace(quote, speaker=(start, mention.end_char))
