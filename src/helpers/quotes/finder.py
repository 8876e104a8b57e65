"""Finding the quotations of an article, sentence by sentence: direct and partial quotes in quotation marks,
indirect and reported speech, and sentences that continue a speaker.

    find_quotes(read_article(doc, cue_starts))      # [FoundQuote(type='direct', start=..., speaker=(...)), ...] in text order

Only the lead and the body are read: titles, headings and the questions of a Q&A piece are the journalist's.
"""

import bisect
import re
from dataclasses import dataclass, field, replace
from itertools import compress

from spacy.tokens import Doc

from helpers.article import Article
from helpers.german import stts
from helpers.quotes.cues import clause_subject, find_cues, verb_cue_words
from helpers.quotes.found import MARKED_TYPES, FoundQuote, mark_nested
from helpers.quotes.indirect import continue_speaker, indirect_quotes, quote_referred_back
from helpers.quotes.lexicon import clause_grammar, ends_with_any, speech_cues
from helpers.quotes.marks import quotation_spans
from helpers.quotes.noun_phrases import noun_phrase_after, skip_fillers
from helpers.quotes.reported import continues_hearsay
from helpers.quotes.words import (
    DocWords, doc_words, has_reported_speech_verb, last_content_word, only_konjunktiv_ii, sentence_words,
    word_offsets,
)

MAX_CARRY_GAP = 2  # a Konjunktiv I sentence continues a speaker named at most this many sentences before
MAX_SCARE_QUOTE_WORDS = 2  # "sogenannte „Experten“": one or two words in quotation marks without a speaker
MAX_QUOTED_NAME_WORDS = 4  # der „New York Times“: capitalised words after an article, a name rather than a quote
QUOTED_PARTS = {"body", "lead"}


@dataclass(frozen=True)
class ArticleWords:
    """What the rules read of an article: its structure, its words, its quotation marks and cue candidates."""

    article: Article
    words: DocWords
    marks: list  # (start, end) of every quotation in quotation marks
    cue_starts: frozenset  # offsets of the words that may be cues
    read: dict = field(default_factory=dict, repr=False, compare=False)  # sentence index: what `sentence` gave
    triggers: list = field(default_factory=list, repr=False, compare=False)  # see `may_quote`

    def __post_init__(self):
        words, modals = self.words, clause_grammar()["hearsay_modal_forms"]
        self.triggers.extend(sorted(
            set(self.cue_starts).union(compress(words.starts, words.konjunktiv),
                                       compress(words.starts, map(modals.__contains__, words.texts)))))

    def may_quote(self, sentence) -> bool:
        """Whether any rule can find a quotation in a sentence: only where a quotation mark, a cue candidate,
        a verb in Konjunktiv I or a hearsay modal stands (every rule of `find_quotes` starts from one of
        these), so that the words of the other sentences (most of an article) are never read."""
        first = bisect.bisect_left(self.triggers, sentence.start)
        return (first < len(self.triggers) and self.triggers[first] < sentence.end) or \
            any(start < sentence.end and end > sentence.start for start, end in self.marks)

    def has_words(self, sentence) -> bool:
        """Whether `sentence` gives any words (it is not empty, nor all dateline), without reading them."""
        words = self.words
        first = bisect.bisect_right(words.ends, sentence.start)
        last = bisect.bisect_left(words.starts, sentence.end)
        dateline = self.article.dateline
        return last > first and not (dateline and words.starts[last - 1] < dateline[1])

    def sentence(self, sentence):
        """The words of a sentence, marked where quoted, and the quotations that overlap it; never the words of
        the dateline ("Berlin (dpa) - Merkel sagte": the speaker is Merkel). Read once per sentence: the speaker
        choice reads the sentences of the cues again."""
        if sentence.index not in self.read:
            self.read[sentence.index] = self._sentence(sentence)
        return self.read[sentence.index]

    def _sentence(self, sentence):
        quoted_here = [span for span in self.marks if span[0] < sentence.end and span[1] > sentence.start]
        words = sentence_words(self.words, sentence, quoted_here)
        dateline = self.article.dateline
        if dateline and words and words[0].start < dateline[1]:
            words = [word for word in words if word.start >= dateline[1]]
        return words, quoted_here


def read_article(doc: Doc, cue_starts: frozenset) -> ArticleWords:
    """What the rules read of a Doc made by the pipeline (its `doc._.article`): words, quotation marks, cues."""
    article = doc._.article
    marks = [span for paragraph in article.paragraphs
             for span in quotation_spans(article.text, paragraph.start, paragraph.end, article.source or article.id)]
    return ArticleWords(article, doc_words(doc), marks, cue_starts)


def find_quotes(reading: ArticleWords) -> list[FoundQuote]:
    """The quotations of an article as `read_article` reads it, sorted by start, longest first."""
    article, cue_starts = reading.article, reading.cue_starts
    found = []
    previous = None  # (sentence index, paragraph index, speaker offsets) of the last sentence that named a speaker
    for sentence in article.sentences:
        paragraph = article.paragraph_at(sentence.start)
        if not (paragraph and paragraph.kind in QUOTED_PARTS and reading.has_words(sentence)):
            previous = None
            continue
        if not reading.may_quote(sentence):
            continue  # nothing to find, and the speaker named before still continues
        words, quoted_here = reading.sentence(sentence)
        cues = find_cues(words, cue_starts)
        here = _direct_quotes(reading, sentence, words, cues, quoted_here)
        here += indirect_quotes(sentence, words, cues)
        before = article.sentences[sentence.index - 1] if sentence.index else None
        if all(map(_is_speech_act, here)) and before and article.paragraph_at(before.start) is paragraph \
                and _found_without_source(found, before) is not None:
            referred = quote_referred_back(sentence, words, cues, before)  # "… . Dies bestätigte X."
            if referred:
                del found[_found_without_source(found, before):]
                here = [referred]
        # a speaker named here continues into the next sentences; "demnach" only points back to one named before
        speakers = [word_offsets(words, cue.speaker) for cue in cues
                    if cue.speaker not in {None, (cue.index, cue.index)}]
        near = previous and sentence.index - previous[0] <= MAX_CARRY_GAP and paragraph.index - previous[1] <= 1
        with_cue = any(q.cue for q in here)
        own = None if with_cue else \
            _reported_after_colon(sentence, words) or _reported_after_main_clause(sentence, words)
        if own is not None:
            here.append(own)
        elif not with_cue and near:
            if previous[0] < sentence.index - 1:  # a name the sentence right before is about comes first
                named = _subject_of_sentence_before(reading, words, before, paragraph, found)
                previous = (sentence.index - 1, paragraph.index, named) if named else previous
            here = continue_speaker(sentence, words, here, previous[2], found,
                                    quotes_too=previous[0] == sentence.index - 1,
                                    hearsay=continues_hearsay(article.text[slice(*previous[2])]))
            speakers = []  # "Allerdings habe Russland die USA informiert": still the previous speaker's words
        elif not with_cue:  # far from a named speaker: the subject of the sentence before, if any
            subject = _subject_of_sentence_before(reading, words, before, paragraph, found)
            if subject is not None or not only_konjunktiv_ii(words):
                here = continue_speaker(sentence, words, here, subject, found, quotes_too=False,
                                        hearsay=bool(found) and found[-1].sentence == sentence.index - 1)
        found.extend(here)
        speakers = [q.speaker for q in here if q.speaker and not (q.cue and q.speaker == (q.cue.start, q.cue.end))] \
            or speakers
        if speakers:
            previous = (sentence.index, paragraph.index, speakers[-1])
    found.sort(key=lambda quote: (quote.start, -quote.end, quote.type in MARKED_TYPES))  # the outer one first
    return mark_nested(found)


def _found_without_source(found, before):
    """The index in `found` from which the quotations found so far lie in the sentence `before` and name no
    source of their own: unmarked quotations without a cue (a Konjunktiv I sentence continuing an earlier
    speaker) or speech acts ("Ein Erdbeben hat 65 Menschenleben gefordert"). A pronoun referring back to that
    sentence names its source instead: "… . Dies bestätigte Premierminister John Key." None when a quotation
    found there has a cue of its own or is marked, or when one reaches into it from an earlier sentence."""
    first = len(found)
    while first and found[first - 1].end > before.start:
        quote = found[first - 1]
        if quote.start < before.start or quote.type in MARKED_TYPES or not (quote.cue is None or _is_speech_act(quote)):
            return None
        first -= 1
    return first


def _is_speech_act(quote):
    """Whether a quotation is a sentence that is itself a speech act ("Die Gewerkschaft kündigte einen Streik an"):
    a reported one whose cue is a speech verb, not laut or zufolge."""
    return quote.type == "reported" and quote.cue_lemma in speech_cues()["verbs"]


def _subject_of_sentence_before(reading, words, before, paragraph, found):
    """The subject of the sentence before, in the same paragraph and without a quotation of its own, as the
    speaker of a Konjunktiv I sentence that no speaker named shortly before continues: "Das Robert-Koch-Institut
    sieht keine besondere Gefahr. Lediglich Personen mit Geflügel seien zu schützen." None otherwise."""
    if before is None or reading.article.paragraph_at(before.start) is not paragraph \
            or not has_reported_speech_verb(words) or found and found[-1].end > before.start:
        return None
    words_before, _ = reading.sentence(before)
    if not words_before or words_before[0].tag in stts.SUBORDINATORS or has_reported_speech_verb(words_before):
        return None
    verb = next((i for i, w in enumerate(words_before) if w.tag in stts.FINITE_VERBS and not w.quoted), None)
    subject = clause_subject(words_before, verb) if verb is not None else None
    if subject is None or not any(w.tag == stts.PROPER_NOUN for w in words_before[subject[0]:subject[1] + 1]):
        return None  # a name, not "Der Sprengsatz"
    return word_offsets(words_before, subject)


def _direct_quotes(reading, sentence, words, cues, quoted_here):
    """Quotations in quotation marks that start in this sentence. The cue of a quote of several sentences
    may follow its end: „… . …“, fügte Brown hinzu."""
    article = reading.article
    text = article.text
    results = []
    for start, end in quoted_here:
        if not sentence.start <= start < sentence.end:
            continue
        if _is_name_or_title(text, start, end, words):
            continue
        cue_words, cue_sentence = words, sentence
        cue = _cue_of_direct_quote(text, start, end, words, cues)
        if end > sentence.end and article.sentence_at(end - 1) is not None:
            end_sentence = article.sentence_at(end - 1)
            end_words, _ = reading.sentence(end_sentence)
            end_cue = _cue_of_direct_quote(text, start, end, end_words, find_cues(end_words, reading.cue_starts))
            if end_cue is not None and end_words[end_cue.frame[0]].start >= end:
                cue, cue_words, cue_sentence = end_cue, end_words, end_sentence
        kind = "direct" if _stands_alone(text, start, end, words, cue if cue_words is words else None) \
            else "partial"
        quote = FoundQuote(kind, start, end, cue_sentence.index)
        if cue is not None:
            quote = replace(quote, cue=cue_words[cue.index], cue_lemma=cue.lemma, cue_words=cue.offsets(cue_words),
                            speaker=word_offsets(cue_words, cue.speaker))
        elif (frame := _subject_before_colon(words, start)) is not None:
            quote = replace(quote, speaker=word_offsets(words, frame[1]), **_frame_cue(words, frame[0]))
        elif (name := _name_before_colon(words, start)) is not None:
            quote = replace(quote, speaker=word_offsets(words, name))
        elif len(re.findall(r"\w+", text[start:end])) <= MAX_SCARE_QUOTE_WORDS and kind == "partial" \
                and not has_reported_speech_verb(words):
            continue  # scare quotes: a word or two in quotation marks that nobody is said to have said
        results.append(quote)
    return results


def _reported_after_colon(sentence, words):
    """'Erdoğan nutzte das Treffen, um zu erinnern: Ohne Assad werde es keinen Frieden geben': Konjunktiv I
    after a colon is what the subject of the clause before it says, not the words of an earlier speaker."""
    colon = next((i for i, w in enumerate(words) if w.text == ":" and not w.quoted), None)
    if colon is None or colon + 1 >= len(words) or words[colon + 1].quoted:
        return None
    last = last_content_word(words, colon + 1)
    if last <= colon or not has_reported_speech_verb(words, colon + 1, last):
        return None
    frame = _subject_before_colon(words, words[colon + 1].start)
    if frame is None:
        return None
    return FoundQuote("indirect", words[colon + 1].start, words[last].end, sentence.index,
                      speaker=word_offsets(words, frame[1]), **_frame_cue(words, frame[0]))


def _reported_after_main_clause(sentence, words):
    """'Die DSW ist der Ansicht, dass das Gesetz zu geringer Produktivität führe': Konjunktiv I in the clause
    after an indicative main clause, whose verb is no known cue, is what the main clause's subject says or
    thinks (German marks reported speech by the mood, whatever the verb before it)."""
    if not any(word.konjunktiv for word in words):  # most sentences: nothing to look for
        return None
    comma = next((i for i, w in enumerate(words) if w.text == "," or w.quoted), None)
    if comma is None or comma < 2 or words[comma].quoted or words[0].tag in stts.SUBORDINATORS:
        return None
    verb = next((i for i in range(comma) if words[i].tag in stts.FINITE_VERBS), None)
    last = last_content_word(words, comma + 1)
    if verb is None or last <= comma or has_reported_speech_verb(words, 0, comma - 1) \
            or not has_reported_speech_verb(words, comma + 1, last) or words[comma + 1].quoted:
        return None
    subject = clause_subject(words, verb)
    if subject is None or subject[1] >= comma:
        return None
    return FoundQuote("indirect", words[comma + 1].start, words[last].end, sentence.index,
                      speaker=word_offsets(words, subject), **_frame_cue(words, verb))


def _subject_before_colon(words, start):
    """'Pinheiro sieht die Verantwortung beim Staat: „…“': the finite verb and the subject of the clause that a
    colon opens to a quote, even without a speech verb, or None."""
    before = [i for i, w in enumerate(words) if w.end <= start and not w.quoted]
    if not before or words[before[-1]].text != ":":
        return None
    verb = next((i for i in before if words[i].tag in stts.FINITE_VERBS), None)
    subject = clause_subject(words, verb) if verb is not None else None
    return (verb, subject) if subject else None


def _name_before_colon(words, start):
    """'BKA-Präsident Ziercke: „…“': a name, all the sentence has before the colon that opens a quote, speaks
    without a verb; (first, last) of the name, or None."""
    colon = next((i for i, w in enumerate(words) if w.end > start), len(words)) - 1
    if colon < 1 or words[colon].text != ":":
        return None
    name = noun_phrase_after(words, 0)
    if name is None or name[1] != colon - 1 or not any(w.tag == stts.PROPER_NOUN for w in words[:colon]):
        return None
    return name


def _frame_cue(words, verb):
    """The cue fields of a quotation introduced by a verb that is no speech verb of the lexicon ("sieht …:",
    "ist der Ansicht, dass …", "zeigte sich besorgt: …"): the verb, as the word that introduces it, with its
    reflexive or particle and a noun of speech after it ("der Ansicht")."""
    indexes = set(verb_cue_words(words, verb, {}))
    noun = noun_phrase_after(words, skip_fillers(words, verb + 1))
    if noun and ends_with_any(words[noun[1]].text, speech_cues()["nouns"]):
        indexes.update(range(noun[0], noun[1] + 1))  # "ist der Ansicht", "vertritt die Auffassung"
    offsets = tuple((words[i].start, words[i].end) for i in sorted(indexes))
    return {"cue": words[verb], "cue_lemma": words[verb].lemma, "cue_words": offsets}


def _is_name_or_title(text, start, end, words):
    """„Mistral“-Schiffe, die Zeitung „Bild“: quotation marks around a name, not a quotation."""
    following = text[end:end + 1]
    if following == "-" or following.isalpha():
        return True
    before = [w for w in words if w.end <= start and not w.quoted]
    if before and ends_with_any(before[-1].text, speech_cues()["title_nouns"]):
        return True
    inside = re.findall(r"\w[\w.-]*", text[start:end])
    capitalised = 0 < len(inside) <= MAX_QUOTED_NAME_WORDS and all(w[0].isupper() or w[0].isdigit() for w in inside)
    if capitalised and before and before[-1].text.lower() in clause_grammar()["name_articles"]:
        return True  # der „New York Times“, im „Spiegel“: capitalised words after a definite article are a name
    return not re.search(r"\w", text[start:end])


def _cue_of_direct_quote(text, start, end, words, cues):
    """The cue of a quote: right after it (", sagte X"), right before it ("X sagte:") or elsewhere unquoted."""
    after = [cue for cue in cues if words[cue.frame[0]].start >= end]
    before = [cue for cue in cues if words[cue.frame[1]].end <= start]
    if after and re.fullmatch(r"[\s,–—-]*", text[end:words[after[0].frame[0]].start]):
        return after[0]
    if before:
        return before[-1]
    return after[0] if after else None


def _stands_alone(text, start, end, words, cue):
    """A direct quote is a sentence or clause of its own; a partial quote is a few words in the journalist's text."""
    unquoted_before = [w for w in words if w.end <= start and not w.quoted]
    unquoted_after = [w for w in words if w.start >= end and not w.quoted]
    if not unquoted_before or unquoted_before[-1].text == ":":
        return True
    if unquoted_before[-1].text == "," and (not unquoted_after or unquoted_after[0].tag in stts.CLAUSE_ENDS):
        return True  # "sagte er, „…“." but not "Er sagte, „No-Go-Areas“ dürfe es nicht geben"
    return cue is not None and words[cue.frame[0]].start >= end \
        and re.fullmatch(r"[\s,–—-]*", text[end:words[cue.frame[0]].start]) is not None
