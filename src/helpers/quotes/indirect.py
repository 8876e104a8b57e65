"""Indirect and reported quotations: reported clauses around a speech verb, sentences attributed by laut or
zufolge, speech acts (`helpers.quotes.reported`), and Konjunktiv I or hearsay sentences that continue the
speaker named before.

    indirect_quotes(sentence, words, cues)
    continue_speaker(sentence, words, quotes_here, speaker, found, quotes_too=True)
"""

from dataclasses import replace

from helpers.german import stts
from helpers.german.quotation_marks import all_marks
from helpers.quotes.found import FoundQuote
from helpers.quotes.lexicon import clause_grammar
from helpers.quotes.noun_phrases import clause_start
from helpers.quotes.reported import is_hearsay, speech_act_span
from helpers.quotes.words import has_reported_speech_verb, last_content_word, sentence_end, word_offsets

MAX_FRAME_TAIL = 8  # words between a cue and the comma before its clause: "sagte Cook am Dienstag in Paris, …"


def indirect_quotes(sentence, words, cues) -> list[FoundQuote]:
    """Reported clauses after or before a speech verb, and sentences attributed by laut, zufolge, nach Angaben."""
    results = []
    for cue in cues:
        kind = "indirect" if cue.kind == "verb" else "reported"
        span = _clause_after(words, cue) or _clause_before(words, cue) if cue.kind == "verb" \
            else _sentence_without_frame(words, cue)
        if span is None and cue.kind == "verb" and cue.speaker \
                and not any(w.quoted or w.text in all_marks() for w in words):
            kind, span = "reported", speech_act_span(words, cue)  # "Die NASA nannte als Beispiel …"
        if span is None:
            continue
        start, end = span
        results.append(FoundQuote(kind, start, end, sentence.index, words[cue.index], cue.lemma,
                                  cue.offsets(words), word_offsets(words, cue.speaker)))
        break  # one attribution per sentence; a second cue is part of the first one's frame
    return results


def quote_referred_back(sentence, words, cues, previous) -> FoundQuote | None:
    """The sentence before, with the pronoun that refers back to it, as an indirect quotation of the speaker
    of a cue right after that pronoun: "Die FDP schließt eine Ampel aus. Dies bestätigte Westerwelle am Abend."
    `previous`: the sentence before, in the same paragraph."""
    if len(words) < 3 or words[0].text.lower() not in clause_grammar()["back_references"]:
        return None
    cue = next((cue for cue in cues if cue.kind == "verb" and cue.index == 1 and cue.speaker
                and cue.speaker[0] > 1), None)
    if cue is None:
        return None
    return FoundQuote("indirect", previous.start, words[0].end, previous.index, words[cue.index], cue.lemma,
                      cue.offsets(words), word_offsets(words, cue.speaker))



def _clause_after(words, cue):
    """'sagte Cook, Washington arbeite …' / 'Er sagte, dass …' / 'forderte, … zu beenden': the clause after
    the comma that ends the frame, when it is a dass-clause, in Konjunktiv I or a zu-infinitive."""
    position = cue.frame[1] + 1
    while position < len(words) and words[position].text not in {",", ":"}:
        too_far = position - cue.frame[1] > MAX_FRAME_TAIL
        if words[position].quoted and words[position - 1].tag in stts.PREPOSITIONS | stts.NOUN_PHRASE:
            while position + 1 < len(words) and words[position + 1].quoted:  # "sagte zum „Algemeen Dagblad“, …"
                position += 1
        elif words[position].quoted or words[position].tag in stts.FINITE_VERBS or too_far:
            return None
        position += 1
    first = position + 1
    last = last_content_word(words, first)
    if last < first or words[first].quoted or words[first].tag in stts.NOT_A_REPORTED_CLAUSE:
        return None
    opener = clause_start(words, cue.index)
    in_source_clause = opener is not None and words[opener].text.lower() in clause_grammar()["source_clause_openers"]
    zu_infinitive = any(w.tag in stts.ZU_INFINITIVES for w in words[first:last + 1])
    if words[first].text.lower() in clause_grammar()["clause_openers"] or in_source_clause or zu_infinitive \
            or has_reported_speech_verb(words, first, last):
        return words[first].start, words[last].end
    return None


def _clause_before(words, cue):
    """'Washington arbeite nicht mit Moskau zusammen, sagte Cook.': the clause before a final frame (which may
    open with "wie": "…, wie die Polizei mitteilte."), also when it ends with quoted words: "Die Politik könne
    die Bedingungen schaffen, „dass mehr Wachstum entsteht“, erklärte Thumann" (the partial quote is nested)."""
    first_of_frame = cue.frame[0]
    if first_of_frame and words[first_of_frame - 1].text != ",":  # the frame may open with a cue word:
        first_of_frame = min(first_of_frame, *cue.word_indexes(words))  # "…, hat X gesagt", "…, wie X mitteilte"
    if first_of_frame < 2 or words[first_of_frame - 1].text != ",":
        return None
    rest = words[cue.frame[1] + 1:]
    if any(w.text == "," for w in rest) or any(w.tag in stts.FINITE_VERBS for w in rest):
        return None
    last = first_of_frame - 2
    if words[0].quoted:
        return None  # a quote in quotation marks („…“, sagte X); one at the end of the journalist's clause is nested
    return words[0].start, words[last].end


def _sentence_without_frame(words, cue):
    """The sentence attributed by 'laut X', 'X zufolge', 'nach Angaben von X', without that frame at its edges."""
    first, last = 0, last_content_word(words, 0)
    frame_first, frame_last = cue.frame
    if frame_first <= first:
        first = frame_last + 1
        while first <= last and words[first].tag == stts.COMMA:
            first += 1
    elif frame_last >= last:
        last = frame_first - 1
        while last >= first and words[last].tag == stts.COMMA:
            last -= 1
    if last - first < 2 or all(w.quoted for w in words[first:last + 1]):
        return None
    return words[first].start, words[last].end


def continue_speaker(sentence, words, here, speaker, found, quotes_too, hearsay=False) -> list[FoundQuote]:
    """A sentence without a cue of its own continues the speaker named shortly before (carried_over=True):
    the sentence itself and the quotes in it when it is in Konjunktiv I (an indirect quotation) or passes on
    hearsay with "soll" (a reported one, see `helpers.quotes.reported.is_hearsay`), and the direct quotes
    right after another quote of that speaker (not a partial one, a few quoted words in the journalist's own
    sentence: of the 88 speaker tokens so carried over on the Wikinews train split, 5 were right). Such sentences of one kind in a row become one
    quotation. With `speaker` None (nobody named shortly before) a Konjunktiv I sentence is still reported
    speech, of a source the text names elsewhere: an indirect quotation without a speaker. `hearsay`: whether a
    hearsay sentence continues here: the speaker is one that hearsay continues
    (`helpers.quotes.reported.continues_hearsay`) and that of the quotation before (else the hearsay has no
    speaker), or, without a speaker, the sentence follows a quotation."""
    kind = "indirect" if has_reported_speech_verb(words) else \
        "reported" if hearsay and is_hearsay(words) else None
    if kind == "reported" and not (found and found[-1].speaker == speaker):
        speaker = None  # hearsay continues the speaker of the quotation before, not any name a cue came with
    reported = kind is not None and not any(q.type == "direct" for q in here)
    carried = [replace(q, speaker=speaker, carried_over=True)
               if speaker and (reported or quotes_too and q.type == "direct") else q for q in here]
    if not reported:
        return carried
    last = sentence_end(words, 0)
    continued = FoundQuote(kind, words[0].start, words[last].end, sentence.index, speaker=speaker,
                           carried_over=speaker is not None)
    before = found[-1] if found else None
    if before and before.cue is None and before.type == kind and before.speaker == speaker \
            and before.sentence == sentence.index - 1:
        continued = replace(found.pop(), end=continued.end, sentence=sentence.index)
    return [*carried, continued]
