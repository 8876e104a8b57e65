"""Reported speech without a reported clause: a sentence that is itself a speech act ("Die Gewerkschaft
kündigte einen Streik an", "Snowden hat weitere Enthüllungen angekündigt"), and a sentence that passes on what
a source said with the hearsay modal ("Der Täter soll geflohen sein"), which continues the quotation before it
(`helpers.quotes.indirect.continue_speaker`).

    speech_act_span(words, cue)      # (start, end) of the whole sentence, or None
    is_hearsay(words)                # True for "Dabei sollen zwei Menschen verletzt worden sein."

Both read the verb of the main clause (`main_clause_verb`): the first finite verb that no subordinating word
("weil", "die", "um") comes before; a speech act's cue is that verb or the participle or infinitive of it.
"""

from helpers.german import stts
from helpers.quotes.lexicon import clause_grammar, speech_cues
from helpers.quotes.linking import speaker_kind
from helpers.quotes.words import sentence_end

# weil, die, deren, um, wer, wo (not "als": "Als Grund nannte er …")
NOT_A_MAIN_CLAUSE = frozenset({"KOUS", "PRELS", "PRELAT", "KOUI", "PWS", "PWAV"})


def main_clause_verb(words) -> int | None:
    """The index of the finite verb of the sentence's main clause, or None when a subordinate clause (or a
    quotation) comes before it: 'Nachdem …, kündigte X an' is left alone."""
    for index, word in enumerate(words):
        if word.quoted or word.tag in NOT_A_MAIN_CLAUSE:
            return None
        if word.tag in stts.FINITE_VERBS:
            return index
    return None


def speech_act_span(words, cue) -> tuple[int, int] | None:
    """The whole sentence when the speech verb `cue` (a `SpeechCue` whose lexicon entry `reports`) is the verb
    of the main clause: finite ("Die EU forderte den Rücktritt"), or the participle of the clause's
    auxiliary ("Snowden hat weitere Enthüllungen angekündigt", "Der Schaden wurde von der Polizei auf eine
    Million beziffert").
    """
    if not speech_cues()["verbs"][cue.lemma].get("reports"):
        return None
    verb = main_clause_verb(words)
    if verb is None:
        return None
    if verb != cue.index and not (words[cue.index].tag in stts.NON_FINITE_FULL_VERBS and verb < cue.index
                                  and words[verb].tag == stts.AUXILIARY
                                  and words[cue.index - 1].tag not in stts.ZU_INFINITIVES):
        return None  # "konnte mit den Entführten sprechen", "sind zu beklagen": not the act itself
    last = sentence_end(words, 0)
    return words[0].start, words[last].end


def is_hearsay(words) -> bool:
    """Whether the main clause's finite verb is the hearsay modal ("soll", "sollen"): what a source says, not
    what the text asserts ("Er soll das Geld genommen haben", "Die Steuer soll sinken"); not when the sentence
    opens with it, as a condition does ("Sollte der Antrag angenommen werden, …")."""
    verb = main_clause_verb(words)
    return verb is not None and verb > 0 and words[verb].text.lower() in clause_grammar()["hearsay_modals"]


def continues_hearsay(speaker_text: str) -> bool:
    """Whether a hearsay sentence right after a quotation of this speaker continues it: yes for a named
    speaker, not for an anonymous source ("nach Angaben von Diplomaten"). Of the 119 FreeIndirect quotations
    of the Wikinews train split 1 has an anonymous speaker (of its 1415 indirect ones 21)."""
    return speaker_kind(speaker_text) != "anonymous"
