"""Sets of STTS part-of-speech tags by which the rules recognise German phrases and clauses.

    from helpers.german.stts import FINITE_VERBS
    token.tag_ in FINITE_VERBS

STTS: Schiller, Teufel, Stöckert & Thielen (1999), "Guidelines für das Tagging deutscher Textcorpora mit
STTS". The HanTa component writes these tags into `token.tag_` (`resources/hanta_to_stts.tsv`).
"""

# Verbs
FINITE_VERBS = frozenset({"VVFIN", "VAFIN", "VMFIN"})  # a finite verb of any kind: sagte, hat, kann
FINITE_FULL_VERBS = frozenset({"VVFIN", "VVIMP"})  # the verb a separated particle belongs to: nähern ... an
AUXILIARIES = frozenset({"VAFIN", "VMFIN"})  # hat, wird, kann: before a participle or infinitive at the end
AUXILIARY = "VAFIN"  # hat, wird, ist: not a modal
NON_FINITE_FULL_VERBS = frozenset({"VVPP", "VVINF"})  # gesagt, sagen: after an auxiliary
ZU_INFINITIVES = frozenset({"VVIZU", "PTKZU"})  # anzunähern, zu beenden
SEPARATED_PARTICLE = "PTKVZ"  # the particle of a separable verb at the end of its clause: an, mit, vor


FULL_VERBS = frozenset({"VVFIN", "VVINF", "VVPP", "VVIZU", "VVIMP"})  # neither an auxiliary nor a modal


def is_full_verb(tag):
    """VVFIN, VVINF, VVPP, VVIZU, VVIMP: a verb that is neither an auxiliary nor a modal."""
    return tag.startswith("VV")


# Nouns and noun phrases
COMMON_NOUN = "NN"
PROPER_NOUN = "NE"
NOUNS = frozenset({"NN", "NE"})  # common and proper nouns
NAMES = frozenset({"NE", "FM"})  # proper nouns and foreign words, which names often are
NAME_TAGS = frozenset({"NN", "NE", "FM"})  # a word that can end a name or a noun phrase naming someone
NOUN_PHRASE_HEADS = frozenset({"NN", "NE", "FM", "TRUNC", "CARD"})  # Minister, Cook, Ex-, 1860
# the words of a noun phrase that names a speaker: "Frankreichs neuer Verteidigungsminister Le Drian"
NOUN_PHRASE = frozenset({"ART", "PPOSAT", "PDAT", "PIAT", "PIDAT", "ADJA"}) | NOUN_PHRASE_HEADS
DETERMINERS = frozenset({"ART", "PPOSAT"})  # der, ein, sein
QUANTIFIERS_AND_ADJECTIVES = frozenset({"PIAT", "PIDAT", "CARD", "ADJA"})  # viele, beide, drei, neue
BEFORE_A_THING = frozenset({"ART", "ADJA"})  # der Transrapid, neue Astra: a name of a thing, not a person
ATTRIBUTIVE_ADJECTIVE = "ADJA"
PERSONAL_PRONOUN = "PPER"
NUMBER = "CARD"

# Words around a verb that do not end the clause's frame: adverbs, pronominal adverbs, particles, reflexives
FRAME_FILLERS = frozenset({"ADV", "PROAV", "PTKVZ", "PRF", "PTKNEG"})
COORDINATION = "KON"  # und, aber
PREPOSITIONS = frozenset({"APPR", "APPRART"})  # aus, im

# Clauses
SUBORDINATORS = frozenset({"KOUS", "PWAV", "KOKOM"})  # weil, wie, als: their verb stands at the clause end
# words after which no reported clause begins: a relative pronoun, um-zu, a comparison
RELATIVE_PRONOUN = "PRELS"  # der, die, das opening a relative clause
RELATIVE_PRONOUNS = frozenset({RELATIVE_PRONOUN, "PRELAT"})  # der, die, das; dessen, deren
NOT_A_REPORTED_CLAUSE = RELATIVE_PRONOUNS | {"KOUI", "KOKOM"}
# words after which a new clause, and so a new noun phrase, begins
CLAUSE_BOUNDARIES = frozenset({"$,", "$.", "$(", "KON", "KOUS", "PWAV", "PRELS"})

# Punctuation
COMMA = "$,"
SENTENCE_END = "$."
OTHER_PUNCTUATION = "$("  # quotation marks, brackets, dashes
SENTENCE_OPENERS = frozenset({SENTENCE_END, OTHER_PUNCTUATION})  # after them a word may be capitalised: ": Sagen"
LOWER_CASE_WORDS = frozenset({"ADV", "ADJD"})  # with the verbs (V…): written in lower case inside a clause
CLAUSE_ENDS = frozenset({"$,", "$."})
# words that can never be a speech verb: nouns, adjectives, punctuation
NEVER_A_SPEECH_VERB = frozenset({"NN", "NE", "ADJA", "$("})


def is_punctuation(tag):
    """$. $, $(: STTS marks every punctuation tag with a dollar sign."""
    return tag.startswith("$")
