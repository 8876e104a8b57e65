"""Konjunktiv I, the mood of reported speech: "Washington arbeite nicht mit Moskau zusammen".

    is_konjunktiv_i("arbeite", "arbeiten", "VVFIN")     # True
    is_konjunktiv_i("arbeitet", "arbeiten", "VVFIN")    # False

The irregular and frequent forms (sei, habe, könne) come from `resources/konjunktiv_forms.txt`, the
Konjunktiv II that stands in for it (wäre, würden) from `resources/konjunktiv_ii_forms.txt`; the regular 3rd
person singular is the stem of the infinitive plus -e (arbeiten -> arbeite, können -> könne), which differs
from the indicative.
Source: Duden – Die Grammatik (9th ed., 2016), "Konjunktiv I" and "Indirekte Rede".
"""

from functools import lru_cache

from helpers.german.stts import FINITE_VERBS
from helpers.resources import word_list


@lru_cache(maxsize=None)
def konjunktiv_forms():
    """The listed forms of `konjunktiv_forms.txt` and `konjunktiv_ii_forms.txt`, lower case."""
    return frozenset(word_list("konjunktiv_forms.txt")) | konjunktiv_ii_forms()


@lru_cache(maxsize=None)
def konjunktiv_ii_forms():
    """The Konjunktiv II forms that stand in for Konjunktiv I (`konjunktiv_ii_forms.txt`): wäre, hätten, würde."""
    return frozenset(word_list("konjunktiv_ii_forms.txt"))


def is_konjunktiv_i(text, lemma, tag):
    """Whether a finite verb (`text` as written, its `lemma` and STTS `tag`) is in Konjunktiv I or in the
    Konjunktiv II of reported speech."""
    if tag not in FINITE_VERBS:
        return False
    form = text.lower()
    if form in konjunktiv_forms():
        return True
    lemma = lemma.lower()
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1] if lemma.endswith(("ln", "rn")) else None
    return bool(stem) and form == stem + "e"
