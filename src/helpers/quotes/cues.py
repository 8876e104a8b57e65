"""Speech cues: the words by which a sentence says that someone said something, and where the speaker is.

    cue_starts = SpeechCueMatcher(nlp.vocab)(doc)      # where a cue may stand (spaCy's Matcher)
    find_cues(words, cue_starts)                       # [SpeechCue(index=3, lemma='sagen', kind='verb', ...)]

A cue is a speech verb (by its form, its lemma, or split from its particle: "teilte ... mit") or a word of
reported speech ("laut", "zufolge", "nach Angaben"), all listed in `speech_cues.yaml`.
"""

from dataclasses import dataclass
from itertools import compress, count
from operator import attrgetter

from spacy.attrs import IDX, LEMMA, LOWER, TAG
from spacy.tokens import Doc
from spacy.vocab import Vocab

from helpers.errors import ResourceError
from helpers.german import stts
from helpers.quotes.lexicon import clause_grammar, ends_with_any, speech_cues
from helpers.quotes.noun_phrases import (
    apposition_before, clause_start, is_object, noun_phrase_after, noun_phrase_before, quoted_name_after,
    sentence_subject_before, skip_fillers, starts_clause,
)
from helpers.quotes.words import SentenceWord


@dataclass(frozen=True)
class SpeechCue:
    """A cue word at `index` in the sentence's words, its lemma and where its speaker is (or None)."""

    index: int
    lemma: str
    kind: str  # 'verb' or 'reported'
    speaker: tuple | None  # (first word index, last word index) of the speaker
    frame: tuple  # (first, last) word index of cue and speaker together: the attribution, not the quote
    particle: int | None = None  # the index of a speech verb's separated particle ("teilte … mit")

    def word_indexes(self, words: list[SentenceWord]) -> tuple:
        """The indexes of all the cue's words in the sentence's `words`, in order (`verb_cue_words`); made only
        for the cues that introduce a quotation."""
        if self.kind != "verb":
            return (self.index,)
        return verb_cue_words(words, self.index, speech_cues()["verbs"][self.lemma], self.particle)

    def offsets(self, words: list[SentenceWord]) -> tuple:
        """The (start, end) character offsets of the cue's words."""
        return tuple((words[i].start, words[i].end) for i in self.word_indexes(words))


class SpeechCueMatcher:
    """The tokens of a Doc that may be speech cues: a word form of the lexicon (sagte, laut, zufolge) or a
    full verb with a speech verb's lemma (erklären).

    The test is three set lookups per token on the Doc's array of hashes, not spaCy's `Matcher`: a Matcher
    with these two one-token patterns (`LOWER IN …`, `TAG IN …` and `LEMMA IN …`) builds a Token object for
    every token and predicate and took 0.30 s of the quote component's 0.9 s on the 700 Wikinews train
    articles; numpy's `isin` on the array took 0.10 s, Python sets of the hashes 0.04 s, for the same tokens.
    """

    def __init__(self, vocab: Vocab):
        lexicon = speech_cues()
        lemmas = sorted(lexicon["verbs"])
        strings = vocab.strings
        self.forms = frozenset(strings.add(form) for form in lexicon["cue_forms"])
        self.verb_tags = frozenset(strings.add(tag) for tag in stts.FULL_VERBS)
        # lemmas are compared without case: a verb's lemma is lower case, but may be capitalised at a sentence start
        self.lemmas = frozenset(strings.add(lemma) for lemma in lemmas + [lemma.capitalize() for lemma in lemmas])

    def __call__(self, doc: Doc) -> frozenset[int]:
        """The character offsets at which the Doc's candidate cue tokens start."""
        forms, verb_tags, lemmas = self.forms, self.verb_tags, self.lemmas
        return frozenset(start for lower, tag, lemma, start in doc.to_array([LOWER, TAG, LEMMA, IDX]).tolist()
                         if lower in forms or tag in verb_tags and lemma in lemmas)


def find_cues(words: list[SentenceWord], cue_starts: frozenset[int]) -> list[SpeechCue]:
    """The speech cues among the unquoted words of a sentence, each with its speaker when one is found;
    `cue_starts` are where `SpeechCueMatcher` found a candidate."""
    lexicon = speech_cues()
    found = []
    # the indexes of the words at a candidate's offset, found without a Python step per word
    candidates = compress(count(), map(cue_starts.__contains__, map(attrgetter("start"), words)))
    for index in candidates:
        word = words[index]
        if word.quoted or word.tag in stts.NEVER_A_SPEECH_VERB:
            continue
        lemma, particle = _verb_cue(words, index, lexicon)
        if lemma:
            speaker = _verb_speaker(words, index, lemma)
            found.append(SpeechCue(index, lemma, "verb", speaker, cue_frame(index, speaker), particle))
            continue
        cue = _reported_cue(words, index, lexicon)
        if cue:
            found.append(cue)
    return found


def _verb_cue(words, index, lexicon):
    """The lemma of the speech verb at `index` (by word form, by lemma, or split from its particle, which may
    also stand right before it: "bekannt gegeben") and the index of its separated particle, or (None, None)."""
    word = words[index]
    if word.text[:1].isupper() and index > 0:
        return None, None  # capitalised inside a sentence: a noun ("Angaben"), not a verb
    form = word.text.lower()
    candidates = []
    if form in lexicon["verb_forms"]:
        candidates.append((*lexicon["verb_forms"][form], False))
    joined = words[index - 1].text.lower() + form if index else None  # "bekannt gegeben", "bekannt gab"
    if joined in lexicon["verb_forms"] and not words[index - 1].quoted:
        return lexicon["verb_forms"][joined][0], index - 1
    if stts.is_full_verb(word.tag) and word.lemma.lower() in lexicon["verbs"]:
        candidates.append((word.lemma.lower(), lexicon["verbs"][word.lemma.lower()], False))
    candidates += [(lemma, entry, True) for lemma, entry in lexicon["split_forms"].get(form, [])]
    for lemma, entry, split in candidates:
        particle = next((i for i in range(index + 1, len(words)) if words[i].text == entry["particle"]
                         and not words[i].quoted and _ends_clause(words, i)), None) if split else None
        if split and particle is None:
            continue  # "gab ... bekannt" needs its particle, at the end of the clause: not "gab es Kritik an ihm"
        if entry.get("needs") and entry["needs"] not in {w.text.lower() for w in words[max(index - 1, 0):index + 2]
                                                         if w is not word}:
            continue  # "heißt es"
        if index == 1 and words[0].text.lower() in clause_grammar()["expletives"] and not entry.get("needs"):
            continue  # "Es drohe eine Erderwärmung": the expletive "es" says nothing
        if entry.get("needs_in_clause") and (word.konjunktiv or not _in_clause(words, index, entry["needs_in_clause"])):
            continue  # "hält den Plan für falsch", not "hielt eine Rede" nor the reported "halte X für Y"
        return lemma, particle
    return None, None


def verb_cue_words(words, index, entry, particle=None) -> tuple:
    """The indexes of a speech verb's cue words, in order: the verb at `index`, its separated `particle`, the
    auxiliary of a compound tense ("hat … gesagt", "war berichtet worden"), the word it `needs` ("heißt es"),
    a reflexive pronoun ("äußerte sich"), a correlate of a separable verb or of its `with` ("geht davon aus",
    "verwies darauf"), a phrase such as "mit den Worten", the word of `with` in its entry ("bezeichnete …
    als") and the opener of a wie-clause ("wie … erklärte").
    """
    grammar = clause_grammar()
    opener = clause_start(words, index)
    first, end = _verb_clause(words, index)
    if particle is None and words[index].tag in stts.FINITE_VERBS:  # a particle the lexicon does not list
        particle = next((i for i in range(index + 1, end) if words[i].tag == stts.SEPARATED_PARTICLE), None)
    cue = {index} | ({particle} if particle is not None else set())
    if words[index].tag in stts.NON_FINITE_FULL_VERBS:
        auxiliary = next((i for i in range(index - 1, first - 1, -1) if words[i].tag in stts.AUXILIARIES), None)
        if auxiliary is not None:
            cue.add(auxiliary)
        near = set(range(auxiliary if auxiliary is not None else index, index)) | {index + 1}
    else:
        near = {index + 1, index + 2}  # "äußerte sich", "äußerte er sich"
        for position in range(index + 1, end):  # "berichtet worden", "wie berichtet wurde"
            if words[position].text.lower() not in grammar["passive_participles"] \
                    and words[position].tag not in stts.AUXILIARIES:
                break
            cue.add(position)
    needs = entry.get("needs")
    lowered = [word.text.lower() for word in words]  # each word lowered once, not once per test
    for position in sorted(near):
        if first <= position < end and not words[position].quoted:
            text = lowered[position]
            correlate = text in grammar["cue_correlates"] and ("particle" in entry or text == entry.get("with"))
            if text in grammar["cue_reflexives"] or correlate or text == needs:
                cue.add(position)
    for phrase in grammar["cue_phrases"]:  # also after an object: "lobte er den Plan mit den Worten"
        after = next((i for i in range(max(cue) + 1, end - len(phrase) + 1)
                      if tuple(lowered[i:i + len(phrase)]) == phrase), None)
        if after is not None:
            cue.update(range(after, after + len(phrase)))
    governed = next((i for i in range(index + 1, end) if lowered[i] == entry.get("with")), None)
    if governed is not None:
        cue.add(governed)
    cue.update(i for i in range(first, end) if lowered[i] == entry.get("needs_in_clause"))
    if opener is not None and lowered[opener] in grammar["source_clause_openers"]:
        cue.add(opener)
    return tuple(sorted(cue))


def _verb_clause(words, index):
    """(first, end) word indexes of the clause of the verb at `index`: from the word after its comma, colon or
    subordinator to the next one (or a quote)."""
    opener = clause_start(words, index)
    end = next((i for i in range(index + 1, len(words)) if words[i].quoted or words[i].text in {",", ":"}
                or words[i].tag in stts.SUBORDINATORS), len(words))
    return (0 if opener is None else opener + 1), end


def _in_clause(words, index, word):
    """Whether `word` (lower case) stands in the clause of the verb at `index`: "hält X für", "hat X für … gehalten"."""
    first, end = _verb_clause(words, index)
    return any(words[i].text.lower() == word for i in range(first, end) if i != index)


def _ends_clause(words, index):
    """Whether the word at `index` is the last of its clause: the sentence ends, or punctuation or 'und' follows."""
    following = words[index + 1] if index + 1 < len(words) else None
    return following is None or stts.is_punctuation(following.tag) or following.tag == stts.COORDINATION


def _reported_cue(words, index, lexicon):
    word = words[index].text.lower()
    rule = lexicon["reported"].get(word)
    if rule is None:
        return None
    position = rule.get("position")
    if rule.get("after_comma") and (index == 0 or words[index - 1].text != ","):
        return None
    if position == "before":
        speaker = noun_phrase_after(words, index + 1) or quoted_name_after(words, index + 1)
        if speaker is None and rule.get("also_after"):
            before = noun_phrase_before(words, index - 1)  # "seiner Meinung nach"
            if before and ends_with_any(words[before[1]].text, lexicon["nouns"]):
                return SpeechCue(index, word, "reported", before, (before[0], index))
            return None
        if speaker is None:
            return None
        if rule.get("noun") and not any(ends_with_any(w.text, lexicon["nouns"])
                                        for w in words[speaker[0]:speaker[1] + 1]):
            return None
        return SpeechCue(index, word, "reported", speaker, (index, speaker[1]))
    if position == "after":
        speaker = noun_phrase_before(words, index - 1)
        return SpeechCue(index, word, "reported", speaker, cue_frame(index, speaker)) if speaker else None
    if position == "self":
        return SpeechCue(index, word, "reported", (index, index), (index, index))
    raise ResourceError(f"speech_cues.yaml: reported word {word!r} has position {position!r}: "
                        "use before, after or self")


def cue_frame(index: int, speaker: tuple | None) -> tuple[int, int]:
    """(first, last) word index of a cue and its speaker together: the attribution, which is not quoted."""
    if speaker is None:
        return (index, index)
    return (min(index, speaker[0]), max(index, speaker[1]))


def _subject_of_first_conjunct(words, verb):
    """The subject of the clause before "und" when the verb right after it has none of its own: "Key hat sich
    vor Ort informiert und sprach von einer „vollständigen Zerstörung“" (Key speaks)."""
    if verb < 2 or words[verb - 1].text not in clause_grammar()["joining_conjunctions"]:
        return None
    first_verb = next((i for i in range(verb - 2) if words[i].tag in stts.FINITE_VERBS and not words[i].quoted), None)
    return sentence_subject_before(words, first_verb) if first_verb else None


def _verb_speaker(words, index, lemma):
    """The speaker of a speech verb: the noun phrase before it at the start of a clause, else the one after.

    With 'heißt es' the source is a prepositional phrase: "heißt es aus dem Amt", "Aus Élyséekreisen hieß es".
    """
    anchor = index
    if words[index].tag in stts.NON_FINITE_FULL_VERBS:  # "hat Cook gesagt", "Cook hatte erklärt"
        anchor = next((i for i in range(index - 1, -1, -1) if words[i].tag in stts.AUXILIARIES
                       and not words[i].quoted), index)
    elif index + 1 < len(words) and words[index + 1].text == ":":  # a participle tagged as finite:
        opener = clause_start(words, index)  # "hatte Merkel in einer Rede verkündet:"
        anchor = next((i for i in range(index - 1, -1 if opener is None else opener, -1)
                       if words[i].tag in stts.AUXILIARIES), index)
    else:  # "X, Sprecher von Y, wird mit den Worten zitiert": the auxiliary before it in its clause, if any
        position = next((i for i in range(index - 1, -1, -1) if words[i].quoted or words[i].tag in stts.FINITE_VERBS
                         or words[i].tag in stts.CLAUSE_BOUNDARIES), None)
        if position is not None and words[position].tag in stts.AUXILIARIES and not words[position].quoted:
            opener = clause_start(words, position)  # not the end of a clause before it: "Als … war sagte er:"
            anchor = position if opener is None or words[opener].tag not in stts.SUBORDINATORS else index
    if anchor != index and words[anchor].lemma in clause_grammar()["passive_auxiliaries"]:
        if speech_cues()["verbs"][lemma].get("passive_subject"):  # "X wird mit den Worten zitiert": X speaks
            subject = sentence_subject_before(words, anchor)
            return subject or noun_phrase_after(words, skip_fillers(words, anchor + 1))
        agent = next((i for i in range(anchor + 1, index)
                      if words[i].text.lower() in clause_grammar()["agent_prepositions"]), None)
        return noun_phrase_after(words, agent + 1) if agent is not None else None  # "von der Polizei bestätigt"
    before = noun_phrase_before(words, anchor - 1)
    after = skip_fillers(words, anchor + 1)
    if speech_cues()["verbs"][lemma].get("source") == "prepositional":
        if after < len(words) and words[after].tag in stts.PREPOSITIONS:
            return noun_phrase_after(words, after + 1)
        before = before or _phrase_before_relative_clause(words, anchor)  # "In dem Bericht, der …, heißt es"
        if before and before[0] > 0 and words[before[0] - 1].tag in stts.PREPOSITIONS:
            return before
        return None
    pronoun = _pronoun_subject(words, after)
    if pronoun:
        return pronoun  # "Nähere Einzelheiten gab er nicht bekannt": the fronted phrase is the object
    subject = sentence_subject_before(words, anchor) or _subject_of_first_conjunct(words, anchor)
    if _can_be_subject(words, subject, anchor):
        return subject
    if before and starts_clause(words, before[0]) and not is_object(words, before[0]):
        return before
    opener = clause_start(words, anchor)
    if opener is not None and words[opener].tag in stts.SUBORDINATORS:  # "wie der Minister am Dienstag erklärte"
        in_clause = noun_phrase_after(words, skip_fillers(words, opener + 1))
        if in_clause:
            return in_clause  # else the verb opens the main clause: "Als ihm … eröffnet worden war sagte er:"
    apposition = apposition_before(words, anchor) or _name_before_relative_clause(words, anchor)
    if apposition:
        return apposition
    following = noun_phrase_after(words, after)
    return None if following and is_object(words, following[0]) else following


def clause_subject(words, verb):
    """The subject of the main clause of the finite `verb`, even one that is no speech verb ("Pinheiro sieht
    die Verantwortung beim Staat: „…“"): a nominative pronoun after the verb, else the phrase before it,
    else the one after it; never a phrase that is not nominative ("Den Unmut der CDU brachte sie …")."""
    after = skip_fillers(words, verb + 1)
    pronoun = _pronoun_subject(words, after)
    if pronoun:
        return pronoun
    return next((phrase for phrase in (sentence_subject_before(words, verb), noun_phrase_after(words, after))
                 if _can_be_subject(words, phrase, verb)), None)


def _pronoun_subject(words, index):
    """(index, index) when the word at `index` is a pronoun that is only ever nominative ("gab er bekannt")."""
    if index < len(words) and words[index].text.lower() in clause_grammar()["nominative_pronouns"] \
            and not words[index].quoted:
        return (index, index)
    return None


def _can_be_subject(words, phrase, verb):
    """Whether a noun phrase (or None) can be the subject of the finite `verb`: not opened by a determiner that
    is never nominative, not a plural before a singular verb."""
    return phrase is not None and not is_object(words, phrase[0]) and not _disagrees_in_number(words, phrase, verb)


def _disagrees_in_number(words, phrase, verb):
    """Whether a plural noun phrase before a singular verb cannot be its subject: "Die Steuerpläne stellte der
    SPD-Vorsitzende in Frage" (a plural after "die" is written unlike its lemma, a feminine singular alike)."""
    head = next((words[i] for i in range(phrase[0], phrase[1] + 1) if words[i].tag in stts.NOUN_PHRASE_HEADS),
                words[phrase[1]])  # the first noun: "Die Hilfsorganisation Ärzte ohne Grenzen teilte mit"
    plural = words[phrase[0]].text.lower() in clause_grammar()["plural_articles"] and head.tag == stts.COMMON_NOUN \
        and head.text != head.lemma
    return plural and phrase[1] < verb and not words[verb].text.endswith(clause_grammar()["plural_verb_endings"])


def _name_before_relative_clause(words, verb):
    """The speaker before a relative clause that ends right before the verb: "Hubert Primus, der bei Stiftung
    Warentest … verantwortlich ist, wies den Vorwurf zurück", "Todor Kolarow, dessen Behörde … zuständig ist,
    sagte"."""
    speaker = _phrase_before_relative_clause(words, verb)
    return speaker if speaker and starts_clause(words, speaker[0]) else None


def _phrase_before_relative_clause(words, verb):
    """The noun phrase before a relative clause that ends with the comma right before the verb, or None."""
    if verb < 4 or words[verb - 1].text != ",":
        return None
    comma = next((i for i in range(verb - 2, 0, -1) if words[i].text == "," or words[i].quoted), None)
    if comma is None or words[comma].quoted or words[comma + 1].tag not in stts.RELATIVE_PRONOUNS:
        return None
    return noun_phrase_before(words, comma - 1)
