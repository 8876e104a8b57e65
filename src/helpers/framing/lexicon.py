"""The frame lexicon: categories of cues, read from `resources/frames.yaml` (or a user's file of that layout)
and checked, so that a mistake in the file is reported with what to fix before any article is read.

    lexicon = load_lexicon()                        # resources/frames.yaml
    lexicon.categories["relationship"].label        # 'Beziehungsmetaphern'
    [cue.name for cue in lexicon.cues[:3]]          # ['Zwangsehe', 'Ehe', 'Vernunftehe']
    lexicon_table()                                 # one row per cue, with its category's label and source

The layout of the file is documented in the header of `resources/frames.yaml`.
"""

from dataclasses import dataclass
from functools import cached_property, lru_cache

import pandas as pd

from helpers.errors import ResourceError
from helpers.resources import read_yaml

DEFAULT_LEXICON = "frames.yaml"

CATEGORY_KEYS = {"label", "frame", "group", "definition", "source", "cues", "literal_context"}
REQUIRED_CATEGORY_KEYS = ("label", "definition", "source")
GROUPS = ("news_frame", "language", "metaphor")  # what kind of category: a generic news frame, a kind of
# language (cooperation, conflict, hedging) or a metaphor field
LITERAL_SCOPES = ("sentence", "paragraph", "article")
CUE_KEYS = {"cue", "patterns", "compound", "span", "parts", "not_with", "example"}
COMPOUND_MODES = ("both", "head", "modifier", "none")
SPANS = ("words", "sentence")
PARTS = ("title", "lead", "question", "heading", "body")
ELEMENT_KEYS = {"lemma", "tag", "text", "gap", "sentence_final"}


@dataclass(frozen=True)
class Element:
    """One word of a cue pattern: what its lemma (or, failing that, its written form), STTS tag or written
    form must be, and how many other words may stand before it (`gap`)."""

    lemmas: frozenset | None = None
    tags: frozenset | None = None
    texts: frozenset | None = None
    gap: int = 0
    sentence_final: bool = False


@dataclass(frozen=True)
class Cue:
    """A cue of the lexicon: its name (column `cue_lemma`), category, and the word sequences that are it."""

    category: str
    frame: str | None
    name: str
    patterns: tuple  # of tuples of Elements
    compound: str = "both"
    span: str = "words"
    parts: frozenset | None = None
    not_with: frozenset | None = None  # lemmas or written words that make the cue not count in its sentence

    @cached_property
    def single_lemma(self) -> str | None:
        """The lemma of a one-word cue without tag or text conditions ("Koalition"), else None."""
        if len(self.patterns) == 1 and len(self.patterns[0]) == 1:
            element = self.patterns[0][0]
            if element.lemmas and len(element.lemmas) == 1 and not (element.tags or element.texts):
                return next(iter(element.lemmas))
        return None


@dataclass(frozen=True)
class LiteralContext:
    """Words in whose presence (in the same sentence, paragraph or article) a category's cues are meant
    literally and do not count: war metaphors in an article about a real war."""

    lemmas: frozenset
    scope: str


@dataclass(frozen=True)
class Category:
    """A category of cues with its German label, generic news frame (or None), group, definition and source."""

    name: str
    label: str
    frame: str | None
    group: str | None
    definition: str
    source: str
    literal_context: LiteralContext | None = None


@dataclass(frozen=True)
class CompoundRules:
    """How nouns are split into parts (see the `compounds` section of frames.yaml)."""

    min_rest: int
    linking_elements: tuple  # longest first
    derivational_suffixes: frozenset
    exclusions: dict  # word -> reason


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: the key of the matchers built from it
class FrameLexicon:
    """The categories and cues of a frame lexicon, in the order of its file (the order decides which of two
    cues on the same words names them)."""

    categories: dict  # name -> Category
    cues: tuple
    compounds: CompoundRules


@lru_cache(maxsize=None)
def load_lexicon(name_or_path: str = DEFAULT_LEXICON) -> FrameLexicon:
    """The frame lexicon from a bundled resource name or the path of your own YAML file (same layout).

        load_lexicon("my_frames.yaml").categories
    """
    data = read_yaml(name_or_path)
    if not isinstance(data, dict) or not isinstance(data.get("categories"), dict):
        raise ResourceError(f"{name_or_path} has no 'categories' mapping: see resources/frames.yaml for the layout")
    categories, cues = {}, []
    for name, entry in data["categories"].items():
        where = f"{name_or_path}, category {name}"
        category_cues = _read_category_cues(entry, name, where)
        categories[name] = _read_category(entry, name, category_cues, where)
        cues.extend(category_cues)
    return FrameLexicon(categories=categories, cues=tuple(cues), compounds=_read_compound_rules(data, name_or_path))


def lexicon_of(lexicon: "FrameLexicon | str") -> FrameLexicon:
    """A loaded `FrameLexicon` as it is, or the one a resource name or path names."""
    return lexicon if isinstance(lexicon, FrameLexicon) else load_lexicon(lexicon)


def lexicon_table(lexicon: "FrameLexicon | str" = DEFAULT_LEXICON) -> pd.DataFrame:
    """One row per cue of the lexicon: category, cue_lemma, and the category's label, frame, group, definition
    and source.

        lexicon_table().groupby("group")["cue_lemma"].count()
    """
    frames = lexicon_of(lexicon)
    rows = []
    for cue in frames.cues:
        category = frames.categories[cue.category]
        rows.append({"category": cue.category, "cue_lemma": cue.name, "label": category.label,
                     "frame": category.frame, "group": category.group, "definition": category.definition,
                     "source": category.source})
    return pd.DataFrame(rows)


def category_table(lexicon: "FrameLexicon | str" = DEFAULT_LEXICON) -> pd.DataFrame:
    """One row per category of the lexicon: category, label, group, frame, definition, source and how many
    cues it has, in the lexicon's order.

        category_table()[["label", "group", "cues"]]
    """
    cues = lexicon_table(lexicon)
    counts = cues.groupby("category", sort=False).size()
    table = cues.drop_duplicates("category").drop(columns="cue_lemma").reset_index(drop=True)
    return table.assign(cues=table["category"].map(counts))


def category_labels(lexicon: "FrameLexicon | str" = DEFAULT_LEXICON) -> dict[str, str]:
    """Each category's German label: {"conflict": "Konflikt und Konfrontation", ...}."""
    return {name: category.label for name, category in lexicon_of(lexicon).categories.items()}


def _read_category_cues(entry, name, where):
    if not isinstance(entry, dict) or not entry.get("cues"):
        raise ResourceError(f"{where} has no cues: give a 'cues' list")
    unknown = set(entry) - CATEGORY_KEYS
    if unknown:
        raise ResourceError(f"{where}: unknown keys {sorted(unknown)}; a category may have {sorted(CATEGORY_KEYS)}")
    missing = [key for key in REQUIRED_CATEGORY_KEYS if key not in entry]
    if missing:
        raise ResourceError(f"{where} lacks {missing}: every category needs a label, definition and source")
    return [_read_cue(item, name, entry.get("frame"), where) for item in entry["cues"]]


def _read_category(entry, name, category_cues, where):
    group = entry.get("group")
    if group is not None and group not in GROUPS:
        raise ResourceError(f"{where}: group must be one of {list(GROUPS)}, not {group!r}")
    literal = entry.get("literal_context")
    return Category(name=name, label=entry["label"], frame=entry.get("frame"), group=group,
                    definition=entry["definition"], source=entry["source"],
                    literal_context=None if literal is None else _read_literal_context(literal, category_cues, where))


def _read_literal_context(entry, category_cues, where):
    if not isinstance(entry, dict) or set(entry) != {"lemmas", "scope"}:
        raise ResourceError(f"{where}: literal_context needs exactly the keys 'lemmas' and 'scope', e.g. "
                            f"{{lemmas: [Soldat, Front], scope: article}}, not {entry!r}")
    if entry["scope"] not in LITERAL_SCOPES:
        raise ResourceError(f"{where}: literal_context scope must be one of {list(LITERAL_SCOPES)}, "
                            f"not {entry['scope']!r}")
    lemmas = _word_list(entry["lemmas"], f"{where}: literal_context lemmas")
    # a cue that is itself a literal-context word would never count
    clashing = sorted(cue.name for cue in category_cues if cue.single_lemma in lemmas)
    if clashing:
        raise ResourceError(f"{where}: the cues {clashing} are also literal_context lemmas of their category, so "
                            "they would never count: remove them from one of the two lists")
    return LiteralContext(lemmas=lemmas, scope=entry["scope"])


def _word_list(value, what):
    """The words of a non-empty YAML list of single words, or a ResourceError that says `what` needs one."""
    if isinstance(value, list) and value and all(_is_word(word) for word in value):
        return frozenset(str(word).strip() for word in value)
    raise ResourceError(f"{what} must be a non-empty list of single words (lemmas or written forms), "
                        f"e.g. [Ehemann, heiraten], not {value!r}")


def _is_word(value):
    """A YAML string or number (YAML reads 1914 as a number) that is one word."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return False
    word = str(value).strip()
    return bool(word) and " " not in word


def _read_cue(item, category, frame, where):
    if isinstance(item, str):
        item = {"cue": item}
    if not isinstance(item, dict) or not isinstance(item.get("cue"), str):
        raise ResourceError(f"{where}: cue {item!r} is neither a lemma string nor a mapping with 'cue'")
    where = f"{where}, cue {item['cue']}"
    unknown = set(item) - CUE_KEYS
    if unknown:
        raise ResourceError(f"{where}: unknown keys {sorted(unknown)}; use {sorted(CUE_KEYS)}")
    compound = item.get("compound", "both")
    if compound not in COMPOUND_MODES:
        raise ResourceError(f"{where}: compound must be one of {list(COMPOUND_MODES)}, not {compound!r}")
    span = item.get("span", "words")
    if span not in SPANS:
        raise ResourceError(f"{where}: span must be one of {list(SPANS)}, not {span!r}")
    parts = item.get("parts")
    if parts is not None and (not isinstance(parts, list) or not set(parts) <= set(PARTS)):
        raise ResourceError(f"{where}: parts must be a list of some of {list(PARTS)}, not {parts!r}")
    not_with = item.get("not_with")
    if not_with is not None:
        not_with = _word_list(not_with, f"{where}: not_with")
    cue = Cue(
        category=category,
        frame=frame,
        name=item["cue"],
        patterns=tuple(_read_pattern(pattern, where) for pattern in item.get("patterns") or [item["cue"]]),
        compound=compound,
        span=span,
        parts=frozenset(parts) if parts else None,
        not_with=not_with,
    )
    if not_with and cue.single_lemma in not_with:
        raise ResourceError(f"{where}: not_with lists the cue itself, so it would never count: remove it")
    return cue


def _read_pattern(pattern, where):
    if isinstance(pattern, str):
        pattern = pattern.split()
    if not isinstance(pattern, list) or not pattern:
        raise ResourceError(f"{where}: a pattern is a string of lemmas or a list of elements, not {pattern!r}")
    return tuple(_read_element(element, where) for element in pattern)


def _read_element(element, where):
    if isinstance(element, str):
        return Element(lemmas=_with_old_spellings([element]))
    if not isinstance(element, dict) or set(element) - ELEMENT_KEYS:
        raise ResourceError(f"{where}: pattern element {element!r} may only have the keys {sorted(ELEMENT_KEYS)}")
    gap = element.get("gap", 0)
    if not isinstance(gap, int) or isinstance(gap, bool) or gap < 0:
        raise ResourceError(f"{where}: gap must be a whole number of words (0 or more), not {gap!r}")
    sentence_final = element.get("sentence_final", False)
    if not isinstance(sentence_final, bool):
        raise ResourceError(f"{where}: sentence_final must be true or false, not {sentence_final!r}")

    def values(key):
        value = element.get(key)
        if value is None:
            return None
        return frozenset(str(v) for v in (value if isinstance(value, list) else [value]))

    lemmas = values("lemma")
    return Element(lemmas=None if lemmas is None else _with_old_spellings(lemmas), tags=values("tag"),
                   texts=values("text"), gap=gap, sentence_final=sentence_final)


def _with_old_spellings(lemmas):
    """The lemmas, and for each one ending in -ss its spelling before 1996 in -ß: the tagger lemmatises some
    inflected forms so ("Kompromisse", "Beschlüsse", "Prozesse": Kompromiß, Beschluß, Prozeß)."""
    return frozenset(lemmas) | {lemma[:-2] + "ß" for lemma in lemmas if lemma.endswith("ss")}


def _read_compound_rules(data, where):
    compounds = data.get("compounds") or {}
    exclusions = data.get("exclusions") or {}
    if not isinstance(compounds, dict) or not isinstance(exclusions, dict):
        raise ResourceError(f"{where}: 'compounds' and 'exclusions' must be mappings (see resources/frames.yaml)")
    links = sorted((str(link) for link in compounds.get("linking_elements", [""])), key=len, reverse=True)
    return CompoundRules(
        min_rest=int(compounds.get("min_rest", 3)),
        linking_elements=tuple(links),
        derivational_suffixes=frozenset(str(s).lower() for s in compounds.get("derivational_suffixes", [])),
        exclusions={str(word): str(reason) for word, reason in exclusions.items()},
    )
