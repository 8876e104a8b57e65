"""German (and foreign) quotation marks: which mark closes which, and when a mark is not a quotation mark.

    closers_of()["„"]                  # frozenset({'“', '”', '"'})
    is_apostrophe("geht’s", 4)         # True

The pairs come from `resources/quotation_marks.yaml` (Duden, "Anführungszeichen"). The typewriter mark "
is its own closer: whether it opens or closes is decided from the spaces around it.
"""

import re
from functools import lru_cache

from helpers.errors import ResourceError
from helpers.resources import read_yaml

BRACKETS_AFTER_A_SENTENCE = ")]"  # "... (so der Minister.)" may end a sentence
BEFORE_A_SENTENCE = "'(-–"  # besides opening quotation marks, a sentence may begin with these


@lru_cache(maxsize=None)
def closers_of():
    """Each opening quotation mark -> the marks that may close it."""
    pairs = read_yaml("quotation_marks.yaml").get("pairs")
    if not isinstance(pairs, dict) or not pairs:
        raise ResourceError("quotation_marks.yaml needs a `pairs` mapping: restore the bundled file")
    closers = {opener: frozenset(marks) for opener, marks in pairs.items()}
    if any(len(mark) != 1 for opener, marks in closers.items() for mark in (opener, *marks)):
        raise ResourceError("quotation_marks.yaml: every quotation mark is one character; restore the bundled file")
    return closers


@lru_cache(maxsize=None)
def all_marks():
    """Every opening and closing quotation mark."""
    return frozenset(closers_of()) | {mark for marks in closers_of().values() for mark in marks}


@lru_cache(maxsize=None)
def closing_marks():
    """The marks that may close a quotation."""
    return frozenset(mark for marks in closers_of().values() for mark in marks)


@lru_cache(maxsize=None)
def typographic_marks():
    """The quotation marks other than the typewriter mark ": „ “ ” ‚ ‘ ’ » « › ‹."""
    return all_marks() - {'"'}


@lru_cache(maxsize=None)
def any_mark():
    """A regular expression that finds any quotation mark, so that a text is searched, not read char by char."""
    return re.compile("[" + "".join(re.escape(mark) for mark in sorted(all_marks())) + "]")


def sentence_closers():
    """What may follow the period that ends a sentence: closing marks, the apostrophe, brackets."""
    return "".join(sorted(closing_marks())) + "'" + BRACKETS_AFTER_A_SENTENCE


def sentence_openers():
    """What a sentence may begin with before its first letter: opening marks, the apostrophe, a bracket, dashes."""
    return "".join(sorted(closers_of())) + BEFORE_A_SENTENCE


def is_apostrophe(text, offset):
    """’ between letters (geht’s) is an apostrophe, not a quotation mark."""
    return text[offset] in "’'" and 0 < offset < len(text) - 1 and text[offset - 1].isalpha() \
        and text[offset + 1].isalpha()


def may_open(text, offset, mark):
    """A typewriter mark " opens only before a word; typographic opening marks always may."""
    if mark != '"':
        return True
    before = text[offset - 1] if offset > 0 else " "
    after = text[offset + 1] if offset + 1 < len(text) else " "
    return not after.isspace() and (before.isspace() or before in "([{/–-—:„‚»«")


def may_close(text, offset, mark):
    """A typewriter mark " closes only after a word."""
    if mark != '"':
        return True
    return offset > 0 and not text[offset - 1].isspace()
