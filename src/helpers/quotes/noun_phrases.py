"""Noun phrases around a speech cue: who the speaker is, as the words of a sentence show it.

    noun_phrase_after(words, 3)        # (3, 6): "ein Sprecher des Ministeriums"
    noun_phrase_before(words, 2)       # (0, 2): "Frankreichs Verteidigungsminister Le Drian"

Word positions are indexes into a sentence's words (`helpers.quotes.words.sentence_words`); a phrase is
(first, last), both included.
"""

from helpers.german import stts
from helpers.quotes.lexicon import clause_grammar, ends_with_any, speech_cues

MAX_QUOTED_NAME_WORDS = 6  # words of a quoted name inside a speaker: die Wochenzeitung „Die Zeit“
MAX_BRACKET_WORDS = 6  # "(National Environment Management Authority, NEMA)"
MAX_ATTRIBUTE_WORDS = 8  # an extended attribute: "der für die Omo-Region zuständige Koordinator"
MAX_SUBJECT_WORDS = 20  # a speaker before its verb: "Der Leiter der UNO-Studie, Paulo Sérgio Pinheiro, sagte"


def sentence_subject_before(words, verb):
    """The whole first part of a main clause when the speech verb comes second and that part is a noun
    phrase: "Das Exilparlament im indischen Dharamshala erklärte", "Auch Feinstein argumentierte"."""
    first = 0
    while first < verb and words[first].tag in stts.FRAME_FILLERS | {stts.COORDINATION}:
        first += 1
    last = verb - 1
    while last > first and (words[last].tag in stts.FRAME_FILLERS or words[last].text == ","):
        last -= 1  # "Die Kanadier hingegen sagen", "Die Parteien, PPP und PML-N, hatten erklärt"
    if last - first > MAX_SUBJECT_WORDS or last < first:
        return None
    if any(w.tag in stts.FINITE_VERBS | stts.RELATIVE_PRONOUNS for w in words[first:verb]) \
            or not _names_only_quoted(words, first, last):
        return None  # not "Die Gruppe „Ener1“, zu der auch X gehört, …"
    starts_like_subject = words[first].tag in stts.NOUN_PHRASE and not is_object(words, first) or (
        words[first].tag == stts.PERSONAL_PRONOUN and words[first].text in speech_cues()["pronouns"]) or (
        _is_partitive(words, first))
    ends_like_subject = words[last].tag in stts.NOUN_PHRASE_HEADS | {stts.PERSONAL_PRONOUN} or words[last].text == ")" \
        or words[last].quoted and words[last].tag == stts.OTHER_PUNCTUATION  # die „Kampagne für ein Freies Tibet“
    return (first, last) if starts_like_subject and ends_like_subject else None


def _names_only_quoted(words, first, last):
    """Whether the words in quotation marks between `first` and `last` are short names inside a noun phrase ("Ein
    Sprecher der „Polizei von DeLand“", "Das „National Hurricane Centre“ der USA"), not a quotation: none is
    the first word, and each run of them is at most `MAX_QUOTED_NAME_WORDS` words without a finite verb, its
    first word capitalised (not "einer „running mate“ Clinton")."""
    run = 0
    for position in range(first, last + 1):
        word = words[position]
        if word.quoted and word.tag != stts.OTHER_PUNCTUATION:
            run += 1
            if position == first or run > MAX_QUOTED_NAME_WORDS or word.tag in stts.FINITE_VERBS \
                    or run == 1 and word.text[:1].islower():
                return False
        elif not word.quoted:
            run = 0
    return not words[first].quoted


def _is_partitive(words, first):
    """Whether a pronoun of a part opens the phrase at `first`, with the group it is part of: "Einer der
    Feuerwehrmänner sagte", "Viele der Demonstranten riefen"."""
    grammar = clause_grammar()
    return first + 1 < len(words) and words[first].text.lower() in grammar["partitive_pronouns"] \
        and words[first + 1].text.lower() in grammar["genitive_determiners"]


def is_object(words, first):
    """Whether the noun phrase starting at `first` opens with an article that is never nominative: "Den Schaden
    schätzt die Polizei auf …" (the subject, and speaker, follows the verb)."""
    return words[first].text.lower() in clause_grammar()["non_nominative_determiners"]


def clause_start(words, index):
    """The index of the word that opens the clause of `index`: a comma, colon or subordinator, else None. The
    comma after an apposition in a wie-clause does not open one: "Wie Steve Marshall, Sprecher der UN-Büros,
    in Bangkok mitteilte" (the clause opens with "Wie")."""
    for position in range(index - 1, -1, -1):
        if words[position].tag in stts.SUBORDINATORS or words[position].text in {",", ":"} or words[position].quoted:
            return _source_clause_over_apposition(words, position) if words[position].text == "," else position
    return None


def _source_clause_over_apposition(words, comma):
    """The index of the "wie" whose subject, with its apposition, ends right before `comma`, else `comma`."""
    openers = clause_grammar()["source_clause_openers"]
    opener = next((i for i in range(comma - 1, -1, -1) if words[i].text.lower() in openers
                   or words[i].quoted or words[i].tag in stts.FINITE_VERBS), None)
    if opener is None or words[opener].text.lower() not in openers or words[opener].quoted:
        return comma
    subject = noun_phrase_after(words, skip_fillers(words, opener + 1))
    return opener if subject and subject[1] == comma - 1 else comma


def apposition_before(words, index):
    """'Frank Biermann, Vorsitzender der DJU im Münsterland, sagte': a name and its apposition between commas
    before a verb, the apposition without a verb of its own."""
    if index < 4 or words[index - 1].text != ",":
        return None
    comma = next((i for i in range(index - 2, 0, -1) if words[i].text == ","), None)
    if comma is None or any(w.tag in stts.FINITE_VERBS or w.quoted for w in words[comma + 1:index - 1]):
        return None
    outer = noun_phrase_before(words, comma - 1)
    if outer is None or not starts_clause(words, outer[0]) or words[comma + 1].tag not in stts.NOUN_PHRASE:
        return None
    return (outer[0], index - 2)


def skip_fillers(words, index):
    """The first index from `index` on that is not an adverb, particle or `es` (\"sagte jedoch\", \"hieß es\")."""
    while index < len(words) and (words[index].tag in stts.FRAME_FILLERS
                                  or words[index].text.lower() in clause_grammar()["expletives"]):
        index += 1
    return index


def starts_clause(words, index):
    if index == 0:
        return True
    previous = words[index - 1]
    return previous.tag in stts.CLAUSE_BOUNDARIES or previous.quoted \
        or previous.text.lower() in clause_grammar()["source_clause_openers"]


def noun_phrase_after(words, index):
    """(first, last) index of the noun phrase that starts at `index`, with genitive and `von` attachments and
    names in quotation marks: "ein Sprecher des Ministeriums", "Angaben von Diplomaten", "die „Netzeitung“";
    None when no noun or name follows."""
    if index >= len(words) or words[index].quoted:
        return None
    if words[index].tag == stts.PERSONAL_PRONOUN and words[index].text in speech_cues()["pronouns"]:
        return (index, index)
    last = None
    position = index
    while position < len(words):
        word = words[position]
        after_head = last is not None and last == position - 1
        if word.quoted:
            name_end = _quoted_name_end(words, position)
            if name_end is None or after_head and not ends_with_any(words[last].text, speech_cues()["title_nouns"]):
                break  # "laut Gall „auch in Zukunft“": a quote, not a name, follows the speaker
            last = position = name_end
        elif after_head and _starts_new_noun_phrase(words[last], word):
            break  # "sagte Cook den Journalisten", "laut Donald Terry kein Grund"
        elif word.tag in stts.NOUN_PHRASE:
            last = position if word.tag in stts.NOUN_PHRASE_HEADS else last
        elif last is None and position > index and (attribute := _extended_attribute_end(words, position)):
            position = attribute  # "der für die Region zuständige Koordinator": on to its adjective
        elif after_head and word.text == "(" and _bracket_end(words, position) is not None:
            last = position = _bracket_end(words, position)  # "Wolfgang Jüttner (SPD)"
        elif after_head and word.text == "," and _apposition_end(words, position) is not None:
            last = position = _apposition_end(words, position)  # "Olli Rehn, EU-Erweiterungskommissar,"
        elif after_head and (attached := _attached_phrase(words, last, position)) is not None:
            last = position = attached  # "der Chef der Bundesagentur für Arbeit", "die Regierung in Lomé"
        elif after_head and word.text in clause_grammar()["joining_conjunctions"] and position + 1 < len(words) \
                and words[position + 1].tag in stts.NOUN_PHRASE:
            pass  # "Jan Giesel und David Perteck"
        elif not (after_head and word.text.lower() in clause_grammar()["agent_prepositions"]):
            break
        position += 1
    if last is None:
        return None
    return (index, last)


def _extended_attribute_end(words, index):
    """The index of the adjective or participle that ends an extended attribute opened by the preposition at
    `index` after an article: "der für die Omo-Region zuständige Koordinator", "die zur Stanford University
    gehörende Hoover Institution", "die in New York City geborene Lopez"; None otherwise."""
    if words[index].tag not in stts.PREPOSITIONS or words[index - 1].tag not in stts.DETERMINERS:
        return None
    for position in range(index + 1, min(index + MAX_ATTRIBUTE_WORDS, len(words) - 1)):
        word = words[position]
        if word.quoted or word.tag not in stts.NOUN_PHRASE | stts.PREPOSITIONS | stts.LOWER_CASE_WORDS:
            return None
        if word.tag == stts.ATTRIBUTIVE_ADJECTIVE and words[position + 1].tag in stts.NOUN_PHRASE_HEADS:
            return position
    return None


def _attached_phrase(words, head, index):
    """The last word of a prepositional phrase at `index` that belongs to the noun phrase of the common noun at
    `head` ("die Sprecherin der Unionsfraktion im Bundestag"; `attached_prepositions` in quote_grammar.yaml), or
    None: after a name, for another preposition, with an article after most prepositions ("in einer Rede"), or
    for a phrase of time ("der Minister am Montag")."""
    grammar = clause_grammar()
    if words[head].tag != stts.COMMON_NOUN or words[index].text.lower() not in grammar["attached_prepositions"]:
        return None
    phrase = noun_phrase_after(words, index + 1)
    if phrase is None or words[phrase[0]].tag in stts.DETERMINERS \
            and words[index].text.lower() not in grammar["attached_with_article"]:
        return None
    inside = words[phrase[0]:phrase[1] + 1]
    phrase_head = next(w for w in inside if w.tag in stts.NOUN_PHRASE_HEADS)
    if phrase_head.text.lower() in grammar["time_nouns"] or any(w.tag == stts.NUMBER for w in inside):
        return None  # "am Montag", "in Zukunft", "im Jahr 2005", "am 3. Mai", "im Süden 6.000 Menschen"
    return phrase[1]


def _starts_new_noun_phrase(head, word):
    """Whether `word` after the noun or name `head` begins another noun phrase instead of continuing it."""
    if word.tag in stts.DETERMINERS:  # "des Ministeriums" continues, "den Journalisten" not
        if head.tag == stts.PROPER_NOUN:
            return True  # after a name "der" is a dative: "sagte Schnieder der Deutschen Presse-Agentur"
        return word.text.lower() not in clause_grammar()["genitive_determiners"]
    if word.tag in stts.QUANTIFIERS_AND_ADJECTIVES:  # "Frankreichs neuer Minister", "Angaben libanesischer Kreise"
        return not (head.tag == stts.PROPER_NOUN and head.text.endswith("s")
                    or head.tag == stts.COMMON_NOUN and word.text.endswith(clause_grammar()["genitive_plural_endings"]))
    return False  # a noun continues: "Kultusministerin Eisenmann", "die Hoover Institution" (HanTa: NN NN)


def _bracket_end(words, index):
    """The index of the ')' that closes a short bracket opened at `index` ("(SPD)"), else None."""
    for position in range(index + 1, min(index + MAX_BRACKET_WORDS + 2, len(words))):
        if words[position].text == ")":
            return position
        if words[position].quoted or words[position].tag in stts.FINITE_VERBS:
            return None
    return None


def _apposition_end(words, index):
    """The last word of a noun phrase in apposition after the comma at `index`, closed by a comma or the
    sentence end: ", EU-Erweiterungskommissar," — None when a clause follows ("sagte Cook, Washington arbeite")."""
    if index + 1 >= len(words) or words[index + 1].tag not in stts.NOUN_PHRASE:
        return None
    apposition = noun_phrase_after(words, index + 1)
    if apposition is None:
        return None
    after = apposition[1] + 1
    return apposition[1] if after == len(words) or words[after].text in {",", ".", ":"} else None


def quoted_name_after(words, index):
    """(first, last) index of a short name in quotation marks that starts at `index`, its words capitalised:
    "laut „Welt“", "laut „tagesschau.de“" — None for a quotation ("laut „wir kommen“")."""
    if index >= len(words) or not words[index].quoted:
        return None
    end = _quoted_name_end(words, index)
    if end is None or any(w.tag in stts.FINITE_VERBS for w in words[index:end + 1]):
        return None
    return (index, end) if all(not w.text[0].isalpha() or w.text[0].isupper() or "." in w.text
                               for w in words[index:end + 1]) else None


def _quoted_name_end(words, index):
    """The index of the last word of a short quoted name starting at `index` („Die Zeit“), else None."""
    end = index
    while end + 1 < len(words) and words[end + 1].quoted and end - index < MAX_QUOTED_NAME_WORDS:
        end += 1
    return end if end + 1 == len(words) or not words[end + 1].quoted else None


def noun_phrase_before(words, index):
    """(first, last) index of the noun phrase that ends at `index` ("der Minister", "die „Netzeitung“")."""
    if index < 0:
        return None
    if words[index].quoted:
        first_quoted = index
        while first_quoted > 0 and words[first_quoted - 1].quoted and index - first_quoted < MAX_QUOTED_NAME_WORDS:
            first_quoted -= 1
        if first_quoted == 0 or words[first_quoted - 1].quoted or words[first_quoted - 1].tag not in stts.NOUN_PHRASE:
            return None
        first = noun_phrase_before(words, first_quoted - 1)
        return (first[0] if first else first_quoted - 1, index)
    if words[index].tag == stts.PERSONAL_PRONOUN and words[index].text in speech_cues()["pronouns"]:
        return (index, index)
    if words[index].text == ")":  # "Wolfgang Jüttner (SPD) sagte"
        opening = next((i for i in range(index - 1, max(index - MAX_BRACKET_WORDS - 2, -1), -1)
                        if words[i].text == "("), None)
        before = noun_phrase_before(words, opening - 1) if opening else None
        return (before[0], index) if before else None
    if words[index].tag not in stts.NAME_TAGS:
        return None
    first = index
    while first > 0 and not words[first - 1].quoted and (
        words[first - 1].tag in stts.NOUN_PHRASE
        or words[first - 1].text.lower() in clause_grammar()["agent_prepositions"] and first - 2 >= 0
        and words[first - 2].tag in stts.NOUNS
    ):
        first -= 1
    return (first, index)
