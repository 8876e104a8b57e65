"""German word formation for names: genitives, adjective endings, demonym plurals, ids made from names.

    genitive("Putin")              # ['Putins']
    adjective_forms("russisch")    # ['russisch', 'russische', ..., 'Russischem']
    demonym_forms("Russe")         # ['Russe', 'Russen']

Source: Duden – Die Grammatik (9th ed., 2016): genitive -s of proper names and of masculine and neuter
nouns; the strong and weak endings of adjectives; plurals of nouns naming inhabitants (Einwohnerbezeichnungen).
"""

import re
import unicodedata

ADJECTIVE_ENDINGS = ("", "e", "en", "er", "es", "em")
# Endings of feminine nouns and names, which have no genitive -s: Regierung, Türkei, Union, Ukraine
FEMININE_ENDINGS = ("ung", "ei", "heit", "keit", "schaft", "ion", "tät", "ie", "ik", "e")
APOSTROPHES = ("'", "’")
DEFINITE_ARTICLES = frozenset({"der", "die", "das", "des", "dem", "den"})
# letters of German names written in ASCII ids: 'Reiß' -> 'reiss', 'Dröge' -> 'droege'
ASCII_SPELLINGS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
# A demonym's ending -> the endings of its other forms: Russin -> Russinnen, Russe -> Russen, Berliner ->
# Berlinern, Berliners; a demonym with none of these endings adds -en (Afghane is caught by -e first).
DEMONYM_ENDINGS = (("in", ("nen",)), ("e", ("n",)), ("er", ("n", "s")), ("ar", ("n",)), ("i", ("s",)))
OTHER_DEMONYM_ENDINGS = ("en",)


def genitive(name):
    """The genitive of a name: 'Putin' -> ['Putins'], 'Paris' -> ["Paris'", 'Paris’'], 'Leo XIV.' -> []."""
    if name[-1:] in ".'’" or not name[-1:].isalpha():
        return []
    if name[-1] in "sßxz":
        return [name + apostrophe for apostrophe in APOSTROPHES]
    return [name + "s"]


def takes_genitive_s(name, is_person):
    """Whether a name has a genitive of its own: 'Putins', 'Russlands', 'Kremls' do; feminine names ('der
    Türkei', 'der Nato', 'der Bundesregierung') and names with an adjective ('des Islamischen Staates') do not.

        takes_genitive_s("Bundesregierung", is_person=False)    # False
    """
    if is_person:
        return True
    words = name.split()
    if any(word.endswith(ADJECTIVE_ENDINGS[1:]) for word in words[:-1]):
        return False
    return not words[-1].endswith(FEMININE_ENDINGS)


def adjective_forms(stem):
    """Every ending of an adjective, lower case and capitalised: 'russisch' -> russisch, russische, ... Russischem.

    The bare capitalised stem is left out: 'Russisch' is the language, not the country.
    """
    forms = [stem + ending for ending in ADJECTIVE_ENDINGS]
    return forms + [form[:1].upper() + form[1:] for form in forms[1:]]


def demonym_forms(noun):
    """A demonym with its plural and case forms: 'Russe' -> Russe, Russen; 'Russin' -> Russin, Russinnen."""
    endings = next((added for ending, added in DEMONYM_ENDINGS if noun.endswith(ending)), OTHER_DEMONYM_ENDINGS)
    return [noun] + [noun + ending for ending in endings]


def without_genitive_s(text):
    """'Leipzigs' -> 'Leipzig': a name without a final -s (which may be its genitive)."""
    return text[:-1] if text.endswith("s") else text


def without_genitive(word, known):
    """'Gabriels' -> 'Gabriel' if 'Gabriel' is in `known`; otherwise the word unchanged."""
    for ending in ("s",) + APOSTROPHES:
        if word.endswith(ending) and word[: -len(ending)] in known:
            return word[: -len(ending)]
    return word


def slug(name):
    """An id made from a name: 'Sigmar Gabriel' -> 'sigmar_gabriel', 'Mario Reiß' -> 'mario_reiss',
    'Élysée' -> 'elysee'."""
    german = "".join(ASCII_SPELLINGS.get(char, char) for char in name)
    ascii_name = unicodedata.normalize("NFKD", german).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")
