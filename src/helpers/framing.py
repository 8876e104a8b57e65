"""Framing cues: the words that frame a story, where they stand and whose words they are.

    cues = frame_cues(article)                    # one row per cue, with offsets, category and voice
    frame_profile(cues, by="section")             # cue counts per section and category
    keyword_in_context(article, cues, "Koalition")

The categories and their cues (relationship metaphors, cooperation, conflict, military, hedging and the
generic news frames of Semetko & Valkenburg 2000) live in `resources/frames.yaml`; this module only knows
how to find them: on the lemmas of the shared pipeline (`helpers.nlp.parse`), with separable verbs joined
to their particle ("nähern sich ... an" -> annähern), multi-word cues ("Seite an Seite") and nouns
matched inside German compounds ("Koalitions|partner").

A lexicon is compiled once (an index of the cues by the first word of their patterns, the compound cues by
name) and each article's table is computed once and kept with its Doc (`helpers.nlp.remembered`); only the
sentences with a word that may start or hold a cue are read word by word.
"""

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

import numpy
import pandas as pd
from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, ORTH, TAG
from spacy.strings import get_string_id

from helpers.article import load_corpus
from helpers.errors import ResourceError
from helpers.nlp import parse, remembered
from helpers.quotes import quote_columns
from helpers.resources import read_yaml
from helpers.tables import NULLABLE_INTEGERS, Columns, table_of

DEFAULT_LEXICON = "frames.yaml"

# The columns of `frame_cues`, in order; the meaning of each is documented there.
CUE_COLUMNS = [
    "article_id", "category", "frame", "cue_lemma", "surface", "start", "end", "compound_part",
    "compound_split", "sentence", "section_index", "section", "part", "in_question", "voice", "speaker",
    "speaker_actor_id", "quote_id", "quote_type",
]

# A separated verb particle (STTS PTKVZ) belongs to the nearest finite full verb before it in its clause.
PARTICLE_TAG = "PTKVZ"
FINITE_VERB_TAGS = {"VVFIN", "VVIMP"}
CLAUSE_END_TAGS = {"$,", "$."}
NOUN_TAGS = {"NN", "NE"}
NOUN_TAG_IDS = numpy.array(sorted(get_string_id(tag) for tag in NOUN_TAGS), dtype=numpy.uint64)
COMPOUND_MODES = {"both", "head", "modifier", "none"}
PARTS = {"title", "lead", "question", "heading", "body"}
SPANS = {"words", "sentence"}
ELEMENT_KEYS = {"lemma", "tag", "text", "gap", "sentence_final"}
CUE_KEYS = {"cue", "patterns", "compound", "span", "parts", "example"}
COMPOUND_CACHE_SIZE = 2**16  # words whose compound splits are kept (a few MB)


# ---------------------------------------------------------------------------------------------------------
# The lexicon


@dataclass(frozen=True)
class Element:
    """One word of a cue pattern: what its lemma, STTS tag or text must be, and how many words may precede it."""

    lemmas: frozenset | None = None
    tags: frozenset | None = None
    texts: frozenset | None = None
    gap: int = 0
    sentence_final: bool = False


@dataclass(frozen=True)
class Cue:
    category: str
    frame: str | None
    name: str
    patterns: tuple
    compound: str = "both"
    span: str = "words"
    parts: frozenset | None = None

    @property
    def single_lemma(self):
        """The lemma of a one-word cue without tag or text conditions ("Koalition"), else None."""
        if len(self.patterns) == 1 and len(self.patterns[0]) == 1:
            element = self.patterns[0][0]
            if element.lemmas and len(element.lemmas) == 1 and not (element.tags or element.texts):
                return next(iter(element.lemmas))
        return None


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a key of the caches below
class FrameLexicon:
    categories: dict
    cues: tuple
    min_rest: int
    linking_elements: tuple
    derivational_suffixes: frozenset
    exclusions: dict

    @cached_property
    def compound_cues(self):
        """The noun cues that may match as a part of a compound, longest first."""
        nouns = [cue for cue in self.cues if cue.compound != "none" and " " not in cue.name and cue.name[0].isupper()]
        return sorted(nouns, key=lambda cue: -len(cue.name))

    @cached_property
    def folded_exclusions(self):
        """The words that are never split (`exclusions`), casefolded."""
        return tuple(word.casefold() for word in self.exclusions)

    @cached_property
    def compound_names(self):
        """The compound cues by their casefolded name, each with its rank in `compound_cues`, so that a word
        is compared only with the cues it begins or ends with."""
        names = {}
        for rank, cue in enumerate(self.compound_cues):
            names.setdefault(cue.name.casefold(), []).append((rank, cue))
        return names

    @cached_property
    def any_compound_name(self):
        """A regular expression that finds any casefolded compound cue name: a word without one has no split.
        The names are arranged as a tree of their letters ("ko(?:alition|nflikt)"), so that at each letter of a
        word only the names going on with it are tried."""
        trie = {}
        for name in self.compound_names:
            node = trie
            for char in name:
                node = node.setdefault(char, {})
            node[""] = {}  # a name ends here
        return re.compile(_trie_pattern(trie))

    @cached_property
    def first_words(self):
        """The cues (by number in `cues`) whose patterns may begin at a word, looked up by what the first
        element of a pattern asks for: `by_word` a lemma (matched against a word's lemma and text), `by_text`
        a text, `by_tag` a tag; `anywhere` the cues with a pattern whose first element asks for nothing."""
        index = {"by_word": {}, "by_text": {}, "by_tag": {}, "anywhere": set()}
        for number, cue in enumerate(self.cues):
            for first in (pattern[0] for pattern in cue.patterns):
                if first.lemmas is not None:
                    table, keys = "by_word", first.lemmas
                elif first.texts is not None:
                    table, keys = "by_text", first.texts
                elif first.tags is not None:
                    table, keys = "by_tag", first.tags
                else:
                    index["anywhere"].add(number)
                    continue
                for key in keys:
                    index[table].setdefault(key, set()).add(number)
        return index

    @cached_property
    def first_word_ids(self):
        """spaCy string ids: of the lemmas and texts that may begin a cue, and of the tags that may begin one
        or join a verb (a separated particle), for a quick look at a whole Doc (see `_sentences_to_read`)."""
        index = self.first_words
        words = {get_string_id(key) for key in {*index["by_word"], *index["by_text"]}}
        tags = {get_string_id(key) for key in {*index["by_tag"], PARTICLE_TAG}}
        return numpy.array(sorted(words), dtype=numpy.uint64), numpy.array(sorted(tags), dtype=numpy.uint64)

    def cues_starting_at(self, word):
        """The numbers of the cues that may begin at `word` (a necessary condition, not a match)."""
        index = self.first_words
        return index["anywhere"].union(index["by_word"].get(word.lemma, ()), index["by_word"].get(word.text, ()),
                                       index["by_text"].get(word.text, ()), index["by_tag"].get(word.tag, ()))


def _trie_pattern(node):
    """The regular expression of a letter tree (see `FrameLexicon.any_compound_name`)."""
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    pattern = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{pattern})?" if "" in node else pattern


@lru_cache(maxsize=None)
def load_lexicon(name_or_path=DEFAULT_LEXICON):
    """The frame lexicon from a bundled resource name or the path of your own YAML file (same layout)."""
    data = read_yaml(name_or_path)
    if not isinstance(data, dict) or not isinstance(data.get("categories"), dict):
        raise ResourceError(f"{name_or_path} has no 'categories' mapping: see resources/frames.yaml for the layout")
    categories, cues = {}, []
    for category, entry in data["categories"].items():
        where = f"{name_or_path}, category {category}"
        if not isinstance(entry, dict) or not entry.get("cues"):
            raise ResourceError(f"{where} has no cues: give a 'cues' list")
        missing = {"label", "definition", "source"} - set(entry)
        if missing:
            raise ResourceError(f"{where} lacks {sorted(missing)}: every category needs a label, definition and source")
        categories[category] = {key: entry.get(key) for key in ("label", "frame", "definition", "source")}
        cues.extend(_read_cue(item, category, entry.get("frame"), where) for item in entry["cues"])
    compounds = data.get("compounds") or {}
    return FrameLexicon(
        categories=categories,
        cues=tuple(cues),
        min_rest=int(compounds.get("min_rest", 3)),
        linking_elements=tuple(sorted((str(link) for link in compounds.get("linking_elements", [""])),
                                      key=len, reverse=True)),
        derivational_suffixes=frozenset(str(s).casefold() for s in compounds.get("derivational_suffixes", [])),
        exclusions={str(word): str(reason) for word, reason in (data.get("exclusions") or {}).items()},
    )


def _read_cue(item, category, frame, where):
    if isinstance(item, str):
        item = {"cue": item}
    if not isinstance(item, dict) or not isinstance(item.get("cue"), str):
        raise ResourceError(f"{where}: cue {item!r} is neither a lemma string nor a mapping with 'cue'")
    unknown = set(item) - CUE_KEYS
    if unknown:
        raise ResourceError(f"{where}, cue {item['cue']}: unknown keys {sorted(unknown)}; use {sorted(CUE_KEYS)}")
    compound = item.get("compound", "both")
    if compound not in COMPOUND_MODES:
        raise ResourceError(f"{where}, cue {item['cue']}: compound must be one of {sorted(COMPOUND_MODES)}")
    if item.get("span", "words") not in SPANS:
        raise ResourceError(f"{where}, cue {item['cue']}: span must be one of {sorted(SPANS)}")
    parts = item.get("parts")
    if parts is not None and not set(parts) <= PARTS:
        raise ResourceError(f"{where}, cue {item['cue']}: parts must be among {sorted(PARTS)}")
    patterns = item.get("patterns") or [item["cue"]]
    return Cue(
        category=category,
        frame=frame,
        name=item["cue"],
        patterns=tuple(_read_pattern(pattern, f"{where}, cue {item['cue']}") for pattern in patterns),
        compound=compound,
        span=item.get("span", "words"),
        parts=frozenset(parts) if parts else None,
    )


def _read_pattern(pattern, where):
    if isinstance(pattern, str):
        pattern = pattern.split()
    if not isinstance(pattern, list) or not pattern:
        raise ResourceError(f"{where}: a pattern is a string of lemmas or a list of elements, not {pattern!r}")
    return tuple(_read_element(element, where) for element in pattern)


def _read_element(element, where):
    if isinstance(element, str):
        return Element(lemmas=frozenset([element]))
    if not isinstance(element, dict) or set(element) - ELEMENT_KEYS:
        raise ResourceError(f"{where}: pattern element {element!r} may only have the keys {sorted(ELEMENT_KEYS)}")

    def values(key):
        value = element.get(key)
        if value is None:
            return None
        return frozenset(str(v) for v in (value if isinstance(value, list) else [value]))

    return Element(lemmas=values("lemma"), tags=values("tag"), texts=values("text"),
                   gap=int(element.get("gap", 0)), sentence_final=bool(element.get("sentence_final", False)))


def lexicon_of(lexicon):
    """A loaded `FrameLexicon` as it is, or the one a resource name or path names."""
    return lexicon if isinstance(lexicon, FrameLexicon) else load_lexicon(lexicon)


def lexicon_table(lexicon=DEFAULT_LEXICON):
    """One row per cue of the lexicon: category, cue_lemma, and the category's label, frame, definition, source."""
    frames = lexicon_of(lexicon)
    return pd.DataFrame([{"category": cue.category, "cue_lemma": cue.name, **frames.categories[cue.category]}
                         for cue in frames.cues])


# ---------------------------------------------------------------------------------------------------------
# Compounds


def split_compound(word, lexicon=DEFAULT_LEXICON):
    """The noun cues inside a German compound, with the split, e.g. for "Koalitionspartner":

        [{"cue": Cue(Koalition), "compound_part": "Koalition", "compound_split": "Koalition|s|partner"},
         {"cue": Cue(Partner), "compound_part": "partner", "compound_split": "Koalitions|partner"}]

    Head (last part) and modifier (first part plus a linking element such as -s-, -es-, -n-) matches count
    when the rest has at least `min_rest` letters; derivations (Gegner|schaft) and the lexicon's exclusions
    (Ehe|mann, ehemalig) are not split. `lexicon` is a resource name, a path or a loaded FrameLexicon.
    """
    return [{"cue": cue, "compound_part": part, "compound_split": split}
            for cue, part, split in _compound_splits(word, lexicon_of(lexicon))]


@lru_cache(maxsize=COMPOUND_CACHE_SIZE)
def _compound_splits(word, frames):
    """(cue, compound_part, compound_split) for each cue inside a word (see `split_compound`)."""
    folded = word.casefold()
    if not frames.any_compound_name.search(folded) or any(excluded in folded for excluded in frames.folded_exclusions):
        return ()
    found = []
    pieces = word.split("-")
    offset = 0
    for piece in pieces:
        for cue, part_start, part_end, marked in _split_piece(piece, frames, hyphenated=len(pieces) > 1):
            found.append((cue, piece[part_start:part_end], word[:offset] + marked + word[offset + len(piece):]))
        offset += len(piece) + 1
    return tuple(found)


def _split_piece(piece, frames, hyphenated):
    """(cue, start, end, piece with '|' at the split) for the longest cue that is the whole piece (after a
    hyphen), else for the longest modifier and the longest head cue of the piece, when they do not overlap."""
    folded = piece.casefold()
    names = frames.compound_names
    if hyphenated and folded in names:  # "IS-Terror": the hyphen already splits the word
        return [(names[folded][0][1], 0, len(piece), piece)]
    # only cues the piece begins or ends with can split it; tried in the order of `compound_cues`
    beginning = sorted(ranked for length in range(1, len(folded) + 1) for ranked in names.get(folded[:length], ()))
    ending = sorted(ranked for length in range(1, len(folded) + 1) for ranked in names.get(folded[-length:], ()))
    modifier = next((split for _, cue in beginning if (split := _modifier_split(piece, cue, frames))), None)
    head = next((split for _, cue in ending if (split := _head_split(piece, cue, frames))), None)
    if modifier and head and modifier[2] > head[1]:
        return [modifier]
    return [split for split in (modifier, head) if split]


def _head_split(piece, cue, frames):
    lemma = cue.name.casefold()
    rest = len(piece) - len(lemma)
    if cue.compound in {"both", "head"} and piece.casefold().endswith(lemma) and rest >= frames.min_rest:
        return cue, rest, len(piece), f"{piece[:rest]}|{piece[rest:]}"
    return None


def _modifier_split(piece, cue, frames):
    folded, lemma = piece.casefold(), cue.name.casefold()
    if cue.compound not in {"both", "modifier"} or not folded.startswith(lemma):
        return None
    rest = folded[len(lemma):]
    # Gegner|schaft, Gewinn|er|s: a suffix with at most an inflection ending is a derivation, not a compound
    if any(rest.startswith(suffix) and len(rest) - len(suffix) < frames.min_rest
           for suffix in frames.derivational_suffixes):
        return None
    for link in frames.linking_elements:
        if rest.startswith(link) and len(rest) - len(link) >= frames.min_rest:
            cut = len(lemma) + len(link)
            marked = f"{piece[:len(lemma)]}|{link}|{piece[cut:]}" if link else f"{piece[:cut]}|{piece[cut:]}"
            return cue, 0, len(lemma), marked
    return None


# ---------------------------------------------------------------------------------------------------------
# Matching


class Word(NamedTuple):  # a tuple, not a dataclass: made for every token, it must be cheap
    """A token as the matcher sees it; a separable verb carries its particle ("nähern ... an" -> annähern)."""

    text: str
    lemma: str
    tag: str
    start: int
    end: int
    pieces: tuple  # (start, end) of the verb and of its particle, or of the token alone

    @property
    def is_punctuation(self):
        return self.tag.startswith("$") or not any(char.isalnum() for char in self.text)


def sentence_words(doc, tokens):
    """The words of a sentence, with separated particles joined to their verbs. `tokens`: its non-space
    tokens as rows of the Doc's arrays (ORTH, LEMMA, TAG, IDX), see `_sentences_to_read`."""
    strings = doc.vocab.strings
    words = []
    for orth, lemma, tag, start in tokens:
        text = strings[orth]
        end = start + len(text)
        word = Word(text, strings[lemma] or text, strings[tag], start, end, ((start, end),))
        verb = _particle_verb(words) if word.tag == PARTICLE_TAG else None
        if verb is None:
            words.append(word)
        else:
            words[verb] = words[verb]._replace(lemma=word.lemma.lower() + words[verb].lemma, end=word.end,
                                               pieces=words[verb].pieces + word.pieces)
    return words


def _particle_verb(words):
    for position in range(len(words) - 1, -1, -1):
        if words[position].tag in CLAUSE_END_TAGS:
            return None
        if words[position].tag in FINITE_VERB_TAGS and len(words[position].pieces) == 1:
            return position
    return None


def _element_matches(element, words, position):
    word = words[position]
    if element.lemmas is not None and word.lemma not in element.lemmas and word.text not in element.lemmas:
        return False
    if element.tags is not None and word.tag not in element.tags:
        return False
    if element.texts is not None and word.text not in element.texts:
        return False
    if element.sentence_final and not all(later.is_punctuation for later in words[position + 1:]):
        return False
    return True


def _pattern_at(pattern, words, position):
    """The positions of the words that `pattern` matches when its first element is at `position`, or None."""
    if not _element_matches(pattern[0], words, position):
        return None
    positions = [position]
    for element in pattern[1:]:
        candidates = range(positions[-1] + 1, min(positions[-1] + 2 + element.gap, len(words)))
        found = next((k for k in candidates if _element_matches(element, words, k)), None)
        if found is None:
            return None
        positions.append(found)
    return positions


def _surface(text, words):
    """The matched words as written, in text order; "…" stands for the words in between ("nähern … an")."""
    pieces = sorted(piece for word in words for piece in word.pieces)
    shown = text[slice(*pieces[0])]
    for (_, previous_end), (start, end) in zip(pieces, pieces[1:]):
        shown += (" " if not text[previous_end:start].strip() else " … ") + text[start:end]
    return shown


def _sentence_matches(text, words, frames):
    """(cue, start, end, surface, compound_part, compound_split) for every cue in one sentence's words."""
    matches, whole_words = [], set()
    # cue by cue, word by word (the order decides which of two cues on the same words names them), but only
    # where a cue may begin
    starts = sorted((number, position) for position, word in enumerate(words)
                    for number in frames.cues_starting_at(word))
    for number, position in starts:
        cue = frames.cues[number]
        positions = next((found for pattern in cue.patterns if (found := _pattern_at(pattern, words, position))), None)
        if positions is None:
            continue
        if cue.single_lemma:
            whole_words.add(position)
        matched = [words[k] for k in positions]
        matches.append((cue, matched[0].start, max(w.end for w in matched), _surface(text, matched), None, None))
    for position, word in enumerate(words):
        if position in whole_words or word.tag not in NOUN_TAGS:
            continue
        found = _compound_splits(word.text, frames) or _compound_splits(word.lemma, frames)
        matches.extend((cue, word.start, word.end, word.text, part, split) for cue, part, split in found)
    return matches


# ---------------------------------------------------------------------------------------------------------
# Tables


def frame_cues(article, pipeline=None, lexicon=DEFAULT_LEXICON):
    """One row per frame cue of an article, in text order.

        cues = frame_cues(article)
        cues[cues["category"] == "relationship"][["cue_lemma", "surface", "part", "voice"]]

    Columns:
      article_id        the article's id
      category          the lexicon category: relationship, cooperation, conflict, military, hedging, ...
      frame             the generic news frame (Semetko & Valkenburg 2000) the category indicates, or None
      cue_lemma         the cue as the lexicon names it ("annähern", "Seite an Seite", "sollen … haben")
      surface           the matched words as written; "…" marks words in between ("nähern … an")
      start, end        offsets in article.text, from the first to the last matched word (the whole sentence
                        for sentence cues such as a rhetorical question)
      compound_part     the part of a compound that matched ("partner" in "Koalitionspartner"), else None
      compound_split    the compound with the split marked ("Koalitions|partner"), else None
      sentence, section_index, section, part
                        where the cue stands (see Article.locate); part is title, lead, question, heading
                        or body
      in_question       the cue stands in a sentence that ends with a question mark (a question heading or
                        a rhetorical question such as "Eine Zwangsehe?")
      voice             "quoted" inside a quotation found by helpers.quotes, else "journalist"
      speaker, speaker_actor_id, quote_id, quote_type
                        the quotation's speaker, the speaker's actor id, the quotation's id and type (direct,
                        partial, indirect, reported; see helpers.quotes); None in the journalist's voice.
                        In indirect and reported quotations the words are the journalist's paraphrase.

    `lexicon` is a bundled resource name or the path of your own lexicon in the layout of frames.yaml.
    """
    return table_of([frame_cue_columns(article, pipeline, lexicon)])


def frame_cue_columns(article, pipeline=None, lexicon=DEFAULT_LEXICON):
    """The rows of `frame_cues` as `helpers.tables.Columns`, computed once per article, pipeline and lexicon
    (a corpus run joins those of many articles into one table)."""
    frames = lexicon_of(lexicon)
    return remembered(article, ("frame_cues", frames), lambda: _find_cues(article, pipeline, frames), pipeline)


def _find_cues(article, pipeline, frames):
    doc = parse(article, pipeline)
    quotations, spans = quote_columns(article, pipeline), None
    rows = {}
    for sentence, tokens in _sentences_to_read(article, doc, frames):
        sentence_text = article.span(sentence.start, sentence.end)
        in_question = sentence_text.rstrip("\"'“”‘’«»›‹)] ").endswith("?")
        words = sentence_words(doc, tokens)
        for cue, start, end, surface, compound_part, compound_split in _sentence_matches(article.text, words, frames):
            place = article.locate(start)
            if cue.parts is not None and place["part"] not in cue.parts:
                continue
            if cue.span == "sentence":
                start, end, surface = sentence.start, sentence.end, sentence_text
            spans = list(zip(quotations["start"], quotations["end"])) if spans is None else spans
            # two cues of one category on the same words ("zerstritten" as lemma zerstreiten and as
            # written): the one listed first in the lexicon names them
            rows.setdefault((cue.category, start, end), {
                "article_id": article.id, "category": cue.category, "frame": cue.frame, "cue_lemma": cue.name,
                "surface": surface, "start": start, "end": end, "compound_part": compound_part,
                "compound_split": compound_split, **place, "in_question": in_question,
                **_voice(quotations, spans, start, end),
            })
    rows = sorted(rows.values(), key=lambda row: (row["start"], row["end"]))
    return Columns({column: [row[column] for row in rows] for column in CUE_COLUMNS},
                   dtypes={"quote_id": NULLABLE_INTEGERS})


def _sentences_to_read(article, doc, frames):
    """(sentence, its non-space tokens as rows of ORTH, LEMMA, TAG, IDX) for the sentences that may hold a
    cue: with a word that may begin one (by its lemma, text or tag), a noun with a cue inside, or a separated
    particle (its verb may become a cue). Looking at the Doc's arrays first spares building the words of the
    other sentences, most of an article."""
    columns = doc.to_array([ORTH, LEMMA, TAG, IDX, LENGTH, IS_SPACE])
    columns = columns[columns[:, 5] == 0]
    # the tokens of a sentence: those that overlap it
    token_starts = columns[:, 3]
    firsts = numpy.searchsorted(token_starts + columns[:, 4], [sentence.start for sentence in article.sentences],
                                side="right").tolist()
    lasts = numpy.searchsorted(token_starts, [sentence.end for sentence in article.sentences], side="left").tolist()
    rows = columns[:, :4]
    marked = numpy.ones(len(rows), dtype=bool) if frames.first_words["anywhere"] else _may_hold_cue(doc, rows, frames)
    return [(sentence, rows[first:last].tolist()) for sentence, first, last in zip(article.sentences, firsts, lasts)
            if marked[first:last].any()]


def _may_hold_cue(doc, rows, frames):
    """Which tokens (rows of ORTH, LEMMA, TAG, IDX) may begin a cue, hold one inside or join a verb."""
    texts, lemmas, tags = rows[:, 0], rows[:, 1], rows[:, 2]
    word_ids, tag_ids = frames.first_word_ids
    marked = _among(texts, word_ids) | _among(lemmas, word_ids) | _among(tags, tag_ids)
    nouns = _among(tags, NOUN_TAG_IDS)
    strings = doc.vocab.strings
    compounds = numpy.array([word for word in numpy.unique(numpy.concatenate([texts[nouns], lemmas[nouns]])).tolist()
                             if word and _compound_splits(strings[word], frames)], dtype=numpy.uint64)
    return marked | nouns & (_among(texts, compounds) | _among(lemmas, compounds))


def _among(values, sorted_ids):
    """Which of `values` are in the sorted array `sorted_ids` (faster than numpy.isin for a short Doc)."""
    if not len(sorted_ids):
        return numpy.zeros(len(values), dtype=bool)
    positions = numpy.minimum(numpy.searchsorted(sorted_ids, values), len(sorted_ids) - 1)
    return sorted_ids[positions] == values


def _voice(quotations, spans, start, end):
    """The voice of the words between two offsets: the innermost quotation around them (the first of the
    shortest), or the journalist. `spans`: (start, end) of each row of the quotes table."""
    around = [row for row, (quote_start, quote_end) in enumerate(spans) if quote_start <= start and quote_end >= end]
    if not around:
        return {"voice": "journalist", "speaker": None, "speaker_actor_id": None, "quote_id": None,
                "quote_type": None}
    row = min(around, key=lambda row: spans[row][1] - spans[row][0])
    return {"voice": "quoted", **{key: quotations[column][row] for key, column in (
        ("speaker", "speaker"), ("speaker_actor_id", "speaker_actor_id"), ("quote_id", "quote_id"),
        ("quote_type", "type"))}}


def corpus_frame_cues(sources, pipeline=None, lexicon=DEFAULT_LEXICON):
    """The frame cues of every article in files, folders or globs, as one table (see `frame_cues`)."""
    return table_of([frame_cue_columns(article, pipeline, lexicon) for article in load_corpus(sources)])


def frame_profile(cues, by="section", normalize=False, lexicon=DEFAULT_LEXICON):
    """Cue counts for each value of `by` (a column or a list of columns) and each category.

        frame_profile(cues, by="section")                      # sections in text order
        frame_profile(cues, by="voice", normalize="index")     # each voice's cues as shares of categories

    `by="section"` groups by section_index and section title. `normalize` is passed to `pandas.crosstab`
    ("index": shares within a row, "columns": within a category, "all": of all cues). Categories keep the
    lexicon's order.
    """
    columns = [by] if isinstance(by, str) else list(by)
    keys = [key for column in columns for key in (["section_index", "section"] if column == "section" else [column])]
    if cues.empty:
        return pd.DataFrame()
    profile = pd.crosstab([cues[key] for key in keys], cues["category"], normalize=normalize)
    order = [category for category in lexicon_of(lexicon).categories if category in profile.columns]
    return profile[order]


def voice_shares(cues, lexicon=DEFAULT_LEXICON):
    """Per category: cues in the journalist's voice, in quotations, all, and the share quoted (last row: all)."""
    counts = frame_profile(cues, by="voice", lexicon=lexicon).T
    counts = counts.reindex(columns=["journalist", "quoted"], fill_value=0)
    counts.loc["all"] = counts.sum()
    counts["all"] = counts["journalist"] + counts["quoted"]
    counts["share_quoted"] = (counts["quoted"] / counts["all"]).round(3)
    counts.columns.name = None
    return counts


def top_cues(cues, n=10, lexicon=DEFAULT_LEXICON):
    """The `n` most frequent cues of each category: category, cue_lemma, count (ties alphabetically)."""
    order = list(lexicon_of(lexicon).categories)
    counts = cues.groupby(["category", "cue_lemma"]).size().rename("count").reset_index()
    counts["category"] = pd.Categorical(counts["category"], categories=order, ordered=True)
    counts = counts.sort_values(["category", "count", "cue_lemma"], ascending=[True, False, True])
    counts = counts.groupby("category", observed=True).head(n).reset_index(drop=True)
    counts["category"] = counts["category"].astype(str)
    return counts


def keyword_in_context(article, cues, lemma, width=40):
    """Every occurrence of a cue (a cue_lemma such as "Koalition", or a whole category such as "hedging")
    with `width` characters of text on either side: a keyword-in-context (KWIC) concordance.

        keyword_in_context(article, cues, "Koalition")
    """
    rows = cues[(cues["article_id"] == article.id) & ((cues["cue_lemma"] == lemma) | (cues["category"] == lemma))]
    text = article.text

    def flat(snippet):
        return " ".join(snippet.split())

    return pd.DataFrame({
        "article_id": rows["article_id"],
        "start": rows["start"],
        "end": rows["end"],
        "left": [flat(text[max(0, start - width):start]) for start in rows["start"]],
        "cue": [flat(text[start:end]) for start, end in zip(rows["start"], rows["end"])],
        "right": [flat(text[end:end + width]) for end in rows["end"]],
        "category": rows["category"],
        "cue_lemma": rows["cue_lemma"],
        "voice": rows["voice"],
        "quote_type": rows["quote_type"],
        "speaker": rows["speaker"],
        "section": rows["section"],
    }).reset_index(drop=True)


def describe_frames(cues, n=10, lexicon=DEFAULT_LEXICON, articles=None):
    """A plain-text report of a cue table: cues per category and voice, the articles that use each
    category, and the `n` most frequent cues per category. `articles`: how many articles were read
    (default: those with at least one cue)."""
    articles = articles if articles is not None else cues["article_id"].nunique()
    using = cues.groupby("category")["article_id"].nunique().reindex(list(lexicon_of(lexicon).categories),
                                                                     fill_value=0)
    lines = [f"{articles} articles, {len(cues)} frame cues", "",
             "Cues per category in the journalist's voice and in quotations:",
             voice_shares(cues, lexicon).to_string(), "",
             "Articles with at least one cue of the category:"]
    lines += [f"  {category}: {count} ({count / max(articles, 1):.0%})" for category, count in using.items()]
    lines += ["", f"The {n} most frequent cues per category:"]
    for category, group in top_cues(cues, n, lexicon).groupby("category", sort=False):
        lines.append(f"  {category}: " + ", ".join(f"{cue} {count}" for cue, count in
                                                 zip(group["cue_lemma"], group["count"])))
    return "\n".join(lines)


def frame_report(sources, n=10, pipeline=None, lexicon=DEFAULT_LEXICON):
    """The report of `blickwinkel frame-profile PATH...` for the articles in files, folders or globs."""
    parts = [frame_cue_columns(article, pipeline, lexicon) for article in load_corpus(sources)]
    return describe_frames(table_of(parts), n, lexicon, articles=len(parts))
