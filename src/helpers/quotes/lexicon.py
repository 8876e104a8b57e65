"""The speech-cue lexicon and the clause grammar of the quotation rules, read from resource files.

    speech_cues()["verbs"]["sagen"]          # {'kind': 'speech', 'forms': 'sagt sagte ...'}
    clause_grammar()["clause_openers"]       # frozenset({'dass', 'daß', 'ob'})

`speech_cues.yaml`: speech, thought and writing verbs, nouns and prepositions of reported speech, anonymous
sources, title nouns. `quote_grammar.yaml`: the function words that shape a clause (des, dass, von, wie).
"""

from functools import lru_cache

from helpers.errors import ResourceError
from helpers.resources import read_yaml


@lru_cache(maxsize=None)
def speech_cues() -> dict:
    """The cue lexicon, checked and turned into lookup tables."""
    lexicon = read_yaml("speech_cues.yaml")
    required = {"verbs", "nouns", "reported", "anonymous", "pronouns", "title_nouns"}
    if not isinstance(lexicon, dict) or not required <= set(lexicon):
        raise ResourceError(f"speech_cues.yaml needs the sections {sorted(required)}: restore the bundled file")
    verb_forms, split_forms = {}, {}
    for lemma, entry in lexicon["verbs"].items():
        for form in str(entry.get("forms", "")).split():
            verb_forms[form] = (lemma, entry)
        for form in str(entry.get("split_forms", "")).split():
            split_forms.setdefault(form, []).append((lemma, entry))
        if "split_forms" in entry and "particle" not in entry:
            raise ResourceError(f"speech_cues.yaml: verb {lemma!r} has split_forms but no particle: add one")
    return {
        "verbs": {lemma.lower(): entry for lemma, entry in lexicon["verbs"].items()},
        "verb_forms": verb_forms,
        "split_forms": split_forms,
        # every word form that may be a cue by itself (a speech verb may also be one by its lemma), and the verb
        # of a form whose particle may be written apart before it ("bekannt gegeben" for "bekanntgegeben")
        "cue_forms": frozenset(verb_forms) | frozenset(split_forms) | frozenset(lexicon["reported"])
        | frozenset(form[len(entry["particle"]):] for form, (_, entry) in verb_forms.items()
                    if form[len(entry.get("particle", form)):] and form.startswith(entry.get("particle", form))),
        "nouns": tuple(noun.lower() for noun in lexicon["nouns"]),
        "reported": lexicon["reported"],
        "anonymous": tuple(noun.lower() for noun in lexicon["anonymous"]),
        "pronouns": frozenset(lexicon["pronouns"]),
        "title_nouns": tuple(noun.lower() for noun in lexicon["title_nouns"]),
    }


@lru_cache(maxsize=None)
def clause_grammar() -> dict:
    """The function words of `quote_grammar.yaml`, checked, as sets."""
    grammar = read_yaml("quote_grammar.yaml")
    required = {"genitive_determiners", "clause_openers", "agent_prepositions", "joining_conjunctions",
                "source_clause_openers", "expletives", "first_person", "passive_auxiliaries", "cue_reflexives",
                "cue_correlates", "cue_phrases", "passive_participles",
                "nominative_pronouns", "non_nominative_determiners", "name_articles",
                "back_references", "plural_articles", "plural_verb_endings", "hearsay_modals", "partitive_pronouns",
                "attached_prepositions", "attached_with_article", "time_nouns", "genitive_plural_endings"}
    if not isinstance(grammar, dict) or not required <= set(grammar):
        raise ResourceError(f"quote_grammar.yaml needs the sections {sorted(required)}: restore the bundled file")
    endings = {"plural_verb_endings", "genitive_plural_endings"}
    words = {section: frozenset(grammar[section]) for section in required - endings - {"cue_phrases"}}
    words.update({section: tuple(grammar[section]) for section in endings})  # for str.endswith
    # as written at a sentence start or in capitals too: looked up for every word of an article, where lowering
    # each word first took 0.035 s of the quote component's 0.49 s on the 700 Wikinews train articles
    words["hearsay_modal_forms"] = frozenset(form for modal in grammar["hearsay_modals"]
                                             for form in (modal, modal.capitalize(), modal.upper()))
    words["cue_phrases"] = tuple(tuple(phrase.lower().split()) for phrase in grammar["cue_phrases"])  # word by word
    return words


def ends_with_any(word: str, endings: tuple) -> bool:
    """Whether a word (any case) is one of the endings (a tuple, lower case) or ends with one: 'Diplomaten' ends
    with 'diplomat'. `str.endswith` of the tuple: a loop over the endings in Python took 0.09 s of the quote
    component's 2.2 s (profiled) on the 700 Wikinews train articles."""
    return word.lower().endswith(endings)
