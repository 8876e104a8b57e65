"""Noun cues inside German compounds: "Koalitionspartner" is a Koalition and a Partner.

    split_compound("Koalitionspartner")
    # [{'cue': Cue(Koalition), 'compound_part': 'Koalition', 'compound_split': 'Koalition|s|partner'},
    #  {'cue': Cue(Partner), 'compound_part': 'partner', 'compound_split': 'Koalitions|partner'}]

A noun cue matches a longer noun as its last part (head: Zwangs|ehe) or as its first part followed by a
linking element (modifier: Koalition|s|partner), when the rest is long enough; derivations (Gegner|schaft)
and the lexicon's exclusions (Ehe|mann, ehemalig) are not split. The rules are the `compounds` and
`exclusions` sections of frames.yaml.
"""

import re
from functools import lru_cache

from helpers.framing.lexicon import DEFAULT_LEXICON, FrameLexicon, lexicon_of

COMPOUND_CACHE_SIZE = 2**16  # words whose compound splits are kept (a few MB)


def split_compound(word: str, lexicon: FrameLexicon | str = DEFAULT_LEXICON) -> list[dict]:
    """The noun cues inside a German compound, each with the part that matched and the split marked with '|'.

        [(found["cue"].name, found["compound_split"]) for found in split_compound("Zwangsehe")]
        # [('Ehe', 'Zwangs|ehe')]

    `lexicon` is a resource name, a path or a loaded FrameLexicon.
    """
    return [{"cue": cue, "compound_part": part, "compound_split": split}
            for cue, part, split in compound_index(lexicon_of(lexicon)).splits(word)]


@lru_cache(maxsize=8)
def compound_index(lexicon: FrameLexicon) -> "CompoundIndex":
    """The compound index of a lexicon, built once."""
    return CompoundIndex(lexicon)


class CompoundIndex:
    """The noun cues that may match inside a compound, by their lower-cased names, and the words' splits.
    (Lower-cased, not casefolded: casefold turns ß into ss and moves the split, Sicherheit|smaßnahme.)"""

    def __init__(self, lexicon: FrameLexicon):
        self.rules = lexicon.compounds
        nouns = [cue for cue in lexicon.cues
                 if cue.compound != "none" and " " not in cue.name and cue.name[0].isupper()]
        # longest first: "Zwangsehe" before "Ehe"
        self.names = {}
        for rank, cue in enumerate(sorted(nouns, key=lambda cue: -len(cue.name))):
            self.names.setdefault(cue.name.lower(), []).append((rank, cue))
        # the exclusions as one regular expression: one search instead of a test for each of the 191 of
        # frames.yaml (the 1,900 noun forms of the 700 Wikinews train articles with a name inside: 0.013 s, 0.021 s)
        self.any_exclusion = re.compile("|".join(sorted(re.escape(word.lower()) for word in self.rules.exclusions))
                                        or "(?!)")
        # spaCy has no compound splitter. A word without a cue name inside has no split: one regular expression
        # over a letter tree of the names ("ko(?:alition|nflikt)") tells that in 0.8 µs a word (the 17,048
        # distinct nouns of the 700 Wikinews train articles: 0.014 s; 908 have a name inside)
        self.any_name = re.compile(_trie_pattern(_letter_tree(self.names)))
        self.splits = lru_cache(maxsize=COMPOUND_CACHE_SIZE)(self._splits)
        self._splits_by_id = {}

    def splits_of_forms(self, forms: set, strings) -> dict:
        """The splits of word forms given as spaCy string ids, by id (kept by id, a Doc's nouns cost a dictionary
        look-up each: 0.055 s for the 700 Wikinews train articles, by string through `splits` 0.10 s)."""
        known = self._splits_by_id
        if len(known) > COMPOUND_CACHE_SIZE:
            known.clear()
        for form in forms:
            if form not in known:
                known[form] = self.splits(strings[form])
        return known

    def _splits(self, word: str) -> tuple:
        """(cue, compound_part, compound_split) for each cue inside a word (see `split_compound`)."""
        folded = word.lower()
        if not self.any_name.search(folded) or self.any_exclusion.search(folded):
            return ()
        found = []
        pieces = word.split("-")
        offset = 0
        for piece in pieces:
            for cue, part_start, part_end, marked in self._split_piece(piece, hyphenated=len(pieces) > 1):
                found.append((cue, piece[part_start:part_end], word[:offset] + marked + word[offset + len(piece):]))
            offset += len(piece) + 1
        return tuple(found)

    def _split_piece(self, piece, hyphenated):
        """(cue, start, end, piece with '|' at the split) for the longest cue that is the whole piece (after a
        hyphen), else for the longest modifier and the longest head cue of the piece, if they do not overlap."""
        folded = piece.lower()
        names = self.names
        if hyphenated and folded in names:  # "IS-Terror": the hyphen already splits the word
            return [(names[folded][0][1], 0, len(piece), piece)]
        # only the cues the piece begins or ends with can split it, tried longest first
        beginning = sorted(ranked for length in range(1, len(folded) + 1) for ranked in names.get(folded[:length], ()))
        ending = sorted(ranked for length in range(1, len(folded) + 1) for ranked in names.get(folded[-length:], ()))
        modifier = next((split for _, cue in beginning if (split := self._modifier_split(piece, cue))), None)
        head = next((split for _, cue in ending if (split := self._head_split(piece, cue))), None)
        if modifier and head and modifier[2] > head[1]:
            return [modifier]
        return [split for split in (modifier, head) if split]

    def _head_split(self, piece, cue):
        lemma = cue.name.lower()
        rest = len(piece) - len(lemma)
        if cue.compound in {"both", "head"} and piece.lower().endswith(lemma) and rest >= self.rules.min_rest:
            return cue, rest, len(piece), f"{piece[:rest]}|{piece[rest:]}"
        return None

    def _modifier_split(self, piece, cue):
        folded, lemma = piece.lower(), cue.name.lower()
        if cue.compound not in {"both", "modifier"} or not folded.startswith(lemma):
            return None
        rest = folded[len(lemma):]
        min_rest = self.rules.min_rest
        # Gegner|schaft, Gewinn|er|s: a suffix with at most an inflection ending is a derivation, not a compound
        if any(rest.startswith(suffix) and len(rest) - len(suffix) < min_rest
               for suffix in self.rules.derivational_suffixes):
            return None
        for link in self.rules.linking_elements:
            if rest.startswith(link) and len(rest) - len(link) >= min_rest:
                cut = len(lemma) + len(link)
                marked = f"{piece[:len(lemma)]}|{link}|{piece[cut:]}" if link else f"{piece[:cut]}|{piece[cut:]}"
                return cue, 0, len(lemma), marked
        return None


def _letter_tree(names):
    tree = {}
    for name in names:
        node = tree
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here
    return tree


def _trie_pattern(node):
    """The regular expression of a letter tree: at each letter only the names going on with it are tried."""
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    pattern = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{pattern})?" if "" in node else pattern
