"""Who speaks: direct, partial, indirect and reported quotations with their cues and speakers.

    table = quotes(article)                     # one row per quotation, with character offsets
    table[["type", "speaker", "text"]]
    who_speaks(table)                           # quotations and quoted words per speaker and affiliation
    highlight_quotes(article, table)            # quotes, cues and speakers in colour

The rules are generic; the words they look for live in resources: `speech_cues.yaml` (speech, thought and
writing verbs, nouns and prepositions of reported speech, anonymous sources, title nouns),
`quote_grammar.yaml` (the function words that shape a clause: des, dass, von, wie), `quotation_marks.yaml`
and `konjunktiv_forms.txt`. Tags and lemmas come from the shared pipeline
(`helpers.nlp.parse`), speakers are linked to actors through `helpers.actors.actor_mentions`.

Columns of the `quotes()` table (offsets into `article.text`; None where absent):

- `article_id`, `quote_id` (0.. in text order)
- `type`: 'direct' (a whole quoted sentence or clause in quotation marks), 'partial' (a few quoted words inside
  the journalist's sentence), 'indirect' (reported in Konjunktiv I or a dass-clause after a speech verb, or a
  Konjunktiv I sentence continuing an earlier quotation), 'reported' (a sentence attributed by `laut`,
  `nach Angaben`, `zufolge`, `so X`)
- `start`, `end`, `text`: the quotation; direct and partial quotes include their quotation marks
- `cue`, `cue_start`, `cue_end`, `cue_lemma`: the word that introduces the quotation (sagte, laut, zufolge)
- `speaker`, `speaker_start`, `speaker_end`: who speaks as written in the text (for a carried-over
  quotation: where the speaker was last named)
- `speaker_actor_id`, `speaker_actor`, `speaker_affiliation`: the actor the speaker refers to (a pronoun
  refers to the previous person who spoke)
- `speaker_kind`: 'actor' (in the catalog), 'discovered' (a name not in the catalog), 'anonymous' (Diplomaten,
  Kreise, Beobachter) or 'unknown'
- `carried_over`: True when the speaker was taken from the quotation before (no cue of its own)
- `sentence`, `section_index`, `section`, `part`: where the quotation starts (see `Article.locate`)
"""

import bisect
import re
import warnings
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

import numpy
import pandas as pd
from spacy.attrs import IDX, IS_SPACE, LEMMA, ORTH, TAG

from helpers.actors import actor_mention_columns, load_catalog
from helpers.errors import BlickwinkelWarning, ResourceError
from helpers.nlp import parse, remembered
from helpers.resources import read_yaml, word_list
from helpers.tables import NULLABLE_INTEGERS, Columns, table_of

COLUMNS = [
    "article_id", "quote_id", "type", "start", "end", "text",
    "cue", "cue_start", "cue_end", "cue_lemma",
    "speaker", "speaker_start", "speaker_end", "speaker_actor_id", "speaker_actor", "speaker_affiliation",
    "speaker_kind", "carried_over", "sentence", "section_index", "section", "part",
]
OFFSET_COLUMNS = ["cue_start", "cue_end", "speaker_start", "speaker_end"]  # None where absent: nullable Int64
# columns of a speaker's actor -> the columns of `actors.actor_mentions` they come from
LINK_COLUMNS = {"speaker_actor_id": "actor_id", "speaker_actor": "actor", "speaker_affiliation": "affiliation"}
QUOTE_COLORS = {"Zitat": "#ffe08a", "Redeeinleitung": "#9fd3c7", "Sprecher": "#f4a6a6"}

# STTS tags of words that can be part of a noun phrase naming a speaker ("Frankreichs Verteidigungsminister
# Jean-Yves Le Drian", "ein Sprecher des Ministeriums").
NOUN_PHRASE_TAGS = {"ART", "PPOSAT", "PDAT", "PIAT", "PIDAT", "ADJA", "NN", "NE", "FM", "CARD", "TRUNC"}
HEAD_TAGS = {"NN", "NE", "FM", "TRUNC", "CARD"}
FINITE_VERB_TAGS = {"VVFIN", "VAFIN", "VMFIN"}
# Words that may stand between a verb and its speaker or between a speaker and a comma without ending the frame.
FRAME_FILLERS = {"ADV", "PROAV", "PTKVZ", "PRF", "PTKNEG"}
SUBORDINATORS = {"KOUS", "PWAV", "KOKOM"}  # wie, als, nachdem, weil: a verb at the end of their clause
NO_QUOTE_CLAUSE_TAGS = {"PRELS", "PRELAT", "KOUI", "KOKOM"}
MAX_CARRY_GAP = 2  # a Konjunktiv I sentence continues a speaker named at most this many sentences before
MAX_FRAME_TAIL = 8  # words between a cue and the comma before its clause: "sagte Cook am Dienstag in Paris, …"
MAX_SCARE_QUOTE_WORDS = 2  # "sogenannte „Experten“": one or two words in quotation marks without a speaker
MAX_QUOTED_NAME_WORDS = 6  # words of a quoted name inside a speaker: die Wochenzeitung „Die Zeit“
MAX_BRACKET_WORDS = 6  # "(National Environment Management Authority, NEMA)"
MAX_SUBJECT_WORDS = 20  # a speaker before its verb: "Der Leiter der UNO-Studie, Paulo Sérgio Pinheiro, sagte"


# ---------------------------------------------------------------------------------------------------------
# Resources


@lru_cache(maxsize=None)
def _cues():
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
        # every word form that may be a cue by itself (a speech verb may also be one by its lemma)
        "cue_forms": frozenset(verb_forms) | frozenset(split_forms) | frozenset(lexicon["reported"]),
        "nouns": tuple(noun.lower() for noun in lexicon["nouns"]),
        "reported": lexicon["reported"],
        "anonymous": tuple(noun.lower() for noun in lexicon["anonymous"]),
        "pronouns": frozenset(lexicon["pronouns"]),
        "title_nouns": frozenset(noun.lower() for noun in lexicon["title_nouns"]),
    }


@lru_cache(maxsize=None)
def _grammar():
    """The function words of `quote_grammar.yaml`, checked, as sets."""
    grammar = read_yaml("quote_grammar.yaml")
    required = {"genitive_determiners", "clause_openers", "agent_prepositions", "joining_conjunctions",
                "source_clause_openers", "expletives", "first_person", "passive_auxiliaries"}
    if not isinstance(grammar, dict) or not required <= set(grammar):
        raise ResourceError(f"quote_grammar.yaml needs the sections {sorted(required)}: restore the bundled file")
    return {section: frozenset(grammar[section]) for section in required}


@lru_cache(maxsize=None)
def _quotation_marks():
    """The closing marks of each opening mark, all marks, and a pattern that finds any mark (so that a text is
    searched for marks, not read character by character)."""
    pairs = read_yaml("quotation_marks.yaml")["pairs"]
    closers_of = {opener: frozenset(closers) for opener, closers in pairs.items()}
    all_marks = set(closers_of) | {mark for closers in closers_of.values() for mark in closers}
    if any(len(mark) != 1 for mark in all_marks):
        raise ResourceError("quotation_marks.yaml: every quotation mark is one character; restore the bundled file")
    any_mark = re.compile("[" + "".join(re.escape(mark) for mark in sorted(all_marks)) + "]")
    return closers_of, frozenset(all_marks), any_mark


@lru_cache(maxsize=None)
def _konjunktiv_forms():
    return frozenset(word_list("konjunktiv_forms.txt"))


def _ends_with_any(word, endings):
    word = word.lower()
    return any(word == ending or word.endswith(ending) for ending in endings)


# ---------------------------------------------------------------------------------------------------------
# Quotation marks


def quotation_spans(text, start=0, end=None, where=None):
    """(start, end) of the outermost quotations between two offsets, marks included.

        quotation_spans('Er sagte: „Wir kommen ‚bald‘.“')     # [(10, 30)]

    Marks pair up as `quotation_marks.yaml` says, nested quotes stay inside the outer one. A quotation that is
    not closed by the end of the stretch, or a closing mark without an opening one, is reported with a
    `BlickwinkelWarning` (naming `where` the text comes from, if given) and skipped; the quotes inside an
    unclosed one are kept.
    """
    place = f"{where}: " if where else ""
    end = len(text) if end is None else end
    closers_of, _, any_mark = _quotation_marks()
    spans = []
    stack = []  # open quotations: [mark, offset, closed quotations inside]
    for found in any_mark.finditer(text, start, end):
        mark, offset = found.group(), found.start()
        if _is_apostrophe(text, offset):
            continue
        depth = next((d for d in range(len(stack) - 1, -1, -1)
                      if mark in closers_of[stack[d][0]] and _may_close(text, offset, mark)), None)
        if depth is not None and (mark not in closers_of or not _may_open(text, offset, mark)
                                  or depth == len(stack) - 1):
            for unclosed in stack[depth + 1:]:
                _warn_unclosed(text, unclosed[1], place)
                stack[depth][2].extend(unclosed[2])
            opener = stack[depth]
            del stack[depth:]
            (stack[-1][2] if stack else spans).append((opener[1], offset + 1))
        elif mark in closers_of and _may_open(text, offset, mark):
            stack.append([mark, offset, []])
        else:
            warnings.warn(
                f"{place}closing quotation mark {mark} at offset {offset} has no opening mark: it is ignored",
                BlickwinkelWarning, stacklevel=2,
            )
    for unclosed in stack:
        _warn_unclosed(text, unclosed[1], place)
        spans.extend(unclosed[2])
    return sorted(spans)


def _warn_unclosed(text, offset, place):
    warnings.warn(
        f"{place}quotation mark {text[offset]} at offset {offset} is not closed in its paragraph "
        f"({text[offset:offset + 40]!r}…): it is not taken as a quotation; check the marks",
        BlickwinkelWarning, stacklevel=3,
    )


def _is_apostrophe(text, offset):
    """’ between letters (geht’s) is an apostrophe, not a quotation mark."""
    return text[offset] in "’'" and 0 < offset < len(text) - 1 and text[offset - 1].isalpha() \
        and text[offset + 1].isalpha()


def _may_open(text, offset, mark):
    """A symmetric mark (") opens only before a word; typographic opening marks always may."""
    if mark != '"':
        return True
    before = text[offset - 1] if offset > 0 else " "
    after = text[offset + 1] if offset + 1 < len(text) else " "
    return not after.isspace() and (before.isspace() or before in "([{/–-—:„‚»«")


def _may_close(text, offset, mark):
    if mark != '"':
        return True
    return offset > 0 and not text[offset - 1].isspace()


# ---------------------------------------------------------------------------------------------------------
# Words of a sentence


class Word(NamedTuple):  # a tuple, not a dataclass: made for every word of an article, it must be cheap
    """A non-space token: offsets, text, STTS tag, lemma and whether it stands inside quotation marks."""

    start: int
    end: int
    text: str
    tag: str
    lemma: str
    quoted: bool


class DocWords(NamedTuple):
    """The non-space tokens of a Doc, column by column (read from its arrays at once, not token by token)."""

    starts: list
    ends: list
    texts: list
    tags: list
    lemmas: list


def _doc_words(doc):
    columns = doc.to_array([IDX, ORTH, TAG, LEMMA, IS_SPACE])
    columns = columns[columns[:, 4] == 0]
    strings = doc.vocab.strings
    starts, orths, tags, lemmas = (columns[:, column].tolist() for column in range(4))
    texts = [strings[orth] for orth in orths]
    ends = [start + len(text) for start, text in zip(starts, texts)]
    return DocWords(starts, ends, texts, [strings[tag] for tag in tags], [strings[lemma] for lemma in lemmas])


def _sentence_words(doc_words, sentence, quoted_spans):
    """The words of a sentence: the non-space tokens that overlap it."""
    first = bisect.bisect_right(doc_words.ends, sentence.start)
    last = bisect.bisect_left(doc_words.starts, sentence.end)
    columns = [column[first:last] for column in doc_words]
    quoted = [any(q_start < start and end <= q_end or q_start <= start and end < q_end
                  for q_start, q_end in quoted_spans) for start, end in zip(columns[0], columns[1])] \
        if quoted_spans else [False] * len(columns[0])
    return list(map(Word, *columns, quoted))


# ---------------------------------------------------------------------------------------------------------
# Cues and speakers


@dataclass(frozen=True)
class Cue:
    """A cue word at `index` in the sentence's words, its lemma and where its speaker is (or None)."""

    index: int
    lemma: str
    kind: str  # 'verb' or 'reported'
    speaker: tuple | None  # (first word index, last word index) of the speaker
    frame: tuple  # (first, last) word index of cue and speaker together: the attribution, not the quote


def find_cues(words):
    """The speech cues among the unquoted words of a sentence, each with its speaker when one is found."""
    lexicon = _cues()
    found = []
    for index, word in enumerate(words):
        if word.quoted or word.tag in {"NN", "NE", "ADJA", "$("}:
            continue
        if word.text.lower() not in lexicon["cue_forms"] and not (
                word.tag.startswith("VV") and word.lemma.lower() in lexicon["verbs"]):
            continue  # most words: neither a cue's form nor a speech verb's lemma
        lemma = _verb_cue(words, index, lexicon)
        if lemma:
            speaker = _verb_speaker(words, index, lemma)
            found.append(Cue(index, lemma, "verb", speaker, _frame(index, speaker)))
            continue
        cue = _reported_cue(words, index, lexicon)
        if cue:
            found.append(cue)
    return found


def _verb_cue(words, index, lexicon):
    """The lemma of the speech verb at `index` (by word form, by lemma, or split from its particle), or None."""
    word = words[index]
    if word.text[:1].isupper() and index > 0:
        return None  # capitalised inside a sentence: a noun ("Angaben"), not a verb
    form = word.text.lower()
    candidates = []
    if form in lexicon["verb_forms"]:
        candidates.append((*lexicon["verb_forms"][form], False))
    if word.tag.startswith("VV") and word.lemma.lower() in lexicon["verbs"]:
        candidates.append((word.lemma.lower(), lexicon["verbs"][word.lemma.lower()], False))
    candidates += [(lemma, entry, True) for lemma, entry in lexicon["split_forms"].get(form, [])]
    for lemma, entry, split in candidates:
        if split and not any(w.text == entry["particle"] and not w.quoted for w in words[index + 1:]):
            continue  # "gab ... bekannt" needs its particle
        if entry.get("needs") and entry["needs"] not in {w.text.lower() for w in words[max(index - 1, 0):index + 2]
                                                         if w is not word}:
            continue  # "heißt es"
        return lemma
    return None


def _reported_cue(words, index, lexicon):
    word = words[index].text.lower()
    rule = lexicon["reported"].get(word)
    if rule is None:
        return None
    position = rule.get("position")
    if rule.get("after_comma") and (index == 0 or words[index - 1].text != ","):
        return None
    if position == "before":
        speaker = _noun_phrase_after(words, index + 1)
        if speaker is None and rule.get("also_after"):
            before = _noun_phrase_before(words, index - 1)  # "seiner Meinung nach"
            if before and _ends_with_any(words[before[1]].text, lexicon["nouns"]):
                return Cue(index, word, "reported", before, (before[0], index))
            return None
        if speaker is None:
            return None
        if rule.get("noun") and not any(_ends_with_any(w.text, lexicon["nouns"])
                                        for w in words[speaker[0]:speaker[1] + 1]):
            return None
        return Cue(index, word, "reported", speaker, (index, speaker[1]))
    if position == "after":
        speaker = _noun_phrase_before(words, index - 1)
        return Cue(index, word, "reported", speaker, _frame(index, speaker)) if speaker else None
    if position == "self":
        return Cue(index, word, "reported", (index, index), (index, index))
    raise ResourceError(f"speech_cues.yaml: reported word {word!r} has position {position!r}: "
                        "use before, after or self")


def _frame(index, speaker):
    if speaker is None:
        return (index, index)
    return (min(index, speaker[0]), max(index, speaker[1]))


def _verb_speaker(words, index, lemma):
    """The speaker of a speech verb: the noun phrase before it at the start of a clause, else the one after.

    With 'heißt es' the source is a prepositional phrase: "heißt es aus dem Amt", "Aus Élyséekreisen hieß es".
    """
    anchor = index
    if words[index].tag in {"VVPP", "VVINF"}:  # "hat Cook gesagt", "Cook hatte erklärt"
        anchor = next((i for i in range(index - 1, -1, -1) if words[i].tag in {"VAFIN", "VMFIN"}
                       and not words[i].quoted), index)
    if anchor != index and words[anchor].lemma in _grammar()["passive_auxiliaries"]:
        if _cues()["verbs"][lemma].get("passive_subject"):  # "X wird mit den Worten zitiert": X speaks
            subject = _sentence_subject_before(words, anchor)
            return subject or _noun_phrase_after(words, _skip_fillers(words, anchor + 1))
        agent = next((i for i in range(anchor + 1, index)
                      if words[i].text.lower() in _grammar()["agent_prepositions"]), None)
        return _noun_phrase_after(words, agent + 1) if agent is not None else None  # "von der Polizei bestätigt"
    before = _noun_phrase_before(words, anchor - 1)
    after = _skip_fillers(words, anchor + 1)
    if _cues()["verbs"][lemma].get("source") == "prepositional":
        if after < len(words) and words[after].tag in {"APPR", "APPRART"}:
            return _noun_phrase_after(words, after + 1)
        if before and before[0] > 0 and words[before[0] - 1].tag in {"APPR", "APPRART"}:
            return before
        return None
    subject = _sentence_subject_before(words, anchor)
    if subject:
        return subject
    if before and _starts_clause(words, before[0]):
        return before
    opener = _clause_start(words, anchor)
    if opener is not None and words[opener].tag in SUBORDINATORS:  # "wie der Minister am Dienstag erklärte"
        return _noun_phrase_after(words, _skip_fillers(words, opener + 1))
    apposition = _apposition_before(words, anchor)
    return apposition or _noun_phrase_after(words, after)


def _sentence_subject_before(words, verb):
    """The whole first part of a main clause when the speech verb comes second and that part is a noun
    phrase: "Das Exilparlament im indischen Dharamshala erklärte", "Auch Feinstein argumentierte"."""
    first = 0
    while first < verb and words[first].tag in FRAME_FILLERS | {"KON"}:
        first += 1
    last = verb - 1
    while last > first and (words[last].tag in FRAME_FILLERS or words[last].text == ","):
        last -= 1  # "Die Kanadier hingegen sagen", "Die Parteien, PPP und PML-N, hatten erklärt"
    if last - first > MAX_SUBJECT_WORDS or last < first:
        return None
    if any(w.quoted and w.tag != "$(" or w.tag in FINITE_VERB_TAGS for w in words[first:verb]):
        return None
    starts_like_subject = words[first].tag in NOUN_PHRASE_TAGS or (
        words[first].tag == "PPER" and words[first].text in _cues()["pronouns"])
    ends_like_subject = words[last].tag in HEAD_TAGS | {"PPER"} or words[last].text == ")"
    return (first, last) if starts_like_subject and ends_like_subject else None


def _clause_start(words, index):
    """The index of the word that opens the clause of `index`: a comma, colon or subordinator, else None."""
    for position in range(index - 1, -1, -1):
        if words[position].tag in SUBORDINATORS or words[position].text in {",", ":"} or words[position].quoted:
            return position
    return None


def _apposition_before(words, index):
    """'Frank Biermann, Vorsitzender der DJU im Münsterland, sagte': a name and its apposition between commas
    before a verb, the apposition without a verb of its own."""
    if index < 4 or words[index - 1].text != ",":
        return None
    comma = next((i for i in range(index - 2, 0, -1) if words[i].text == ","), None)
    if comma is None or any(w.tag in FINITE_VERB_TAGS or w.quoted for w in words[comma + 1:index - 1]):
        return None
    outer = _noun_phrase_before(words, comma - 1)
    if outer is None or not _starts_clause(words, outer[0]) or words[comma + 1].tag not in NOUN_PHRASE_TAGS:
        return None
    return (outer[0], index - 2)


def _skip_fillers(words, index):
    """The first index from `index` on that is not an adverb, particle or `es` (\"sagte jedoch\", \"hieß es\")."""
    while index < len(words) and (words[index].tag in FRAME_FILLERS
                                  or words[index].text.lower() in _grammar()["expletives"]):
        index += 1
    return index


def _starts_clause(words, index):
    if index == 0:
        return True
    previous = words[index - 1]
    return previous.tag in {"$,", "$.", "$(", "KON", "KOUS", "PWAV", "PRELS"} or previous.quoted \
        or previous.text.lower() in _grammar()["source_clause_openers"]


def _noun_phrase_after(words, index):
    """(first, last) index of the noun phrase that starts at `index`, with genitive and `von` attachments and
    names in quotation marks: "ein Sprecher des Ministeriums", "Angaben von Diplomaten", "die „Netzeitung“";
    None when no noun or name follows."""
    if index >= len(words) or words[index].quoted:
        return None
    if words[index].tag == "PPER" and words[index].text in _cues()["pronouns"]:
        return (index, index)
    last = None
    position = index
    while position < len(words):
        word = words[position]
        after_head = last is not None and last == position - 1
        if word.quoted:
            name_end = _quoted_name_end(words, position)
            if name_end is None or after_head and not _ends_with_any(words[last].text, _cues()["title_nouns"]):
                break  # "laut Gall „auch in Zukunft“": a quote, not a name, follows the speaker
            last = position = name_end
        elif after_head and _starts_new_noun_phrase(words[last], word):
            break  # "sagte Cook den Journalisten", "laut Donald Terry kein Grund"
        elif word.tag in NOUN_PHRASE_TAGS:
            last = position if word.tag in HEAD_TAGS else last
        elif after_head and word.text == "(" and _bracket_end(words, position) is not None:
            last = position = _bracket_end(words, position)  # "Wolfgang Jüttner (SPD)"
        elif after_head and word.text == "," and _apposition_end(words, position) is not None:
            last = position = _apposition_end(words, position)  # "Olli Rehn, EU-Erweiterungskommissar,"
        elif after_head and word.text in _grammar()["joining_conjunctions"] and position + 1 < len(words) \
                and words[position + 1].tag in NOUN_PHRASE_TAGS:
            pass  # "Jan Giesel und David Perteck"
        elif not (after_head and word.text.lower() in _grammar()["agent_prepositions"]):
            break
        position += 1
    if last is None:
        return None
    return (index, last)


def _starts_new_noun_phrase(head, word):
    """Whether `word` after the noun or name `head` begins another noun phrase instead of continuing it."""
    if word.tag in {"ART", "PPOSAT"}:
        return word.text.lower() not in _grammar()["genitive_determiners"]  # "des Ministeriums" continues, "den Journalisten" not
    if word.tag in {"PIAT", "PIDAT", "CARD", "ADJA"}:
        return not (head.tag == "NE" and head.text.endswith("s"))  # "Frankreichs neuer Minister" continues
    if word.tag == "NN":
        return head.tag == "NN"  # "Ministerium Arbeiten"; but "Frankreichs Verteidigungsminister" continues
    return False


def _bracket_end(words, index):
    """The index of the ')' that closes a short bracket opened at `index` ("(SPD)"), else None."""
    for position in range(index + 1, min(index + MAX_BRACKET_WORDS + 2, len(words))):
        if words[position].text == ")":
            return position
        if words[position].quoted or words[position].tag in FINITE_VERB_TAGS:
            return None
    return None


def _apposition_end(words, index):
    """The last word of a noun phrase in apposition after the comma at `index`, closed by a comma or the
    sentence end: ", EU-Erweiterungskommissar," — None when a clause follows ("sagte Cook, Washington arbeite")."""
    if index + 1 >= len(words) or words[index + 1].tag not in NOUN_PHRASE_TAGS:
        return None
    apposition = _noun_phrase_after(words, index + 1)
    if apposition is None:
        return None
    after = apposition[1] + 1
    return apposition[1] if after == len(words) or words[after].text in {",", ".", ":"} else None


def _quoted_name_end(words, index):
    """The index of the last word of a short quoted name starting at `index` („Die Zeit“), else None."""
    end = index
    while end + 1 < len(words) and words[end + 1].quoted and end - index < MAX_QUOTED_NAME_WORDS:
        end += 1
    return end if end + 1 == len(words) or not words[end + 1].quoted else None


def _noun_phrase_before(words, index):
    """(first, last) index of the noun phrase that ends at `index` ("der Minister", "die „Netzeitung“")."""
    if index < 0:
        return None
    if words[index].quoted:
        first_quoted = index
        while first_quoted > 0 and words[first_quoted - 1].quoted and index - first_quoted < MAX_QUOTED_NAME_WORDS:
            first_quoted -= 1
        if first_quoted == 0 or words[first_quoted - 1].quoted or words[first_quoted - 1].tag not in NOUN_PHRASE_TAGS:
            return None
        first = _noun_phrase_before(words, first_quoted - 1)
        return (first[0] if first else first_quoted - 1, index)
    if words[index].tag == "PPER" and words[index].text in _cues()["pronouns"]:
        return (index, index)
    if words[index].text == ")":  # "Wolfgang Jüttner (SPD) sagte"
        opening = next((i for i in range(index - 1, max(index - MAX_BRACKET_WORDS - 2, -1), -1)
                        if words[i].text == "("), None)
        before = _noun_phrase_before(words, opening - 1) if opening else None
        return (before[0], index) if before else None
    if words[index].tag not in {"NN", "NE", "FM"}:
        return None
    first = index
    while first > 0 and not words[first - 1].quoted and (
        words[first - 1].tag in NOUN_PHRASE_TAGS
        or words[first - 1].text.lower() in _grammar()["agent_prepositions"] and first - 2 >= 0
        and words[first - 2].tag in {"NN", "NE"}
    ):
        first -= 1
    return (first, index)


# ---------------------------------------------------------------------------------------------------------
# Konjunktiv I


def is_reported_speech_verb(word):
    """Whether a finite verb is in Konjunktiv I (or the Konjunktiv II of reported speech): 'sei', 'arbeite'.

    The irregular and frequent forms come from `konjunktiv_forms.txt`; the regular 3rd person singular is the
    stem of the infinitive plus -e (arbeiten -> arbeite, können -> könne), which differs from the indicative.
    """
    if word.quoted or word.tag not in FINITE_VERB_TAGS:
        return False
    form = word.text.lower()
    if form in _konjunktiv_forms():
        return True
    lemma = word.lemma.lower()
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1] if lemma.endswith(("ln", "rn")) else None
    return bool(stem) and form == stem + "e"


def _has_reported_speech_verb(words, first=0, last=None):
    last = len(words) - 1 if last is None else last
    for index in range(first, last + 1):
        if is_reported_speech_verb(words[index]):
            neighbours = {w.text.lower() for w in words[max(index - 1, 0):index + 2]}
            if not neighbours & _grammar()["first_person"]:  # "ich sage" is the indicative
                return True
    return False


# ---------------------------------------------------------------------------------------------------------
# Finding the quotations


@dataclass(frozen=True)
class Found:
    """A quotation while it is being found; turned into a table row at the end."""

    type: str
    start: int
    end: int
    sentence: int
    cue: Word | None = None
    cue_lemma: str | None = None
    speaker: tuple | None = None  # (start, end) offsets
    carried_over: bool = False


def quotes(article, pipeline=None):
    """One row per quotation of an article (columns in the module docstring).

        quotes(load_article("data/dpa_frankreich_russland_is.txt"))[["type", "speaker", "text"]]
    """
    return table_of([quote_columns(article, pipeline)])


def quote_columns(article, pipeline=None):
    """The rows of `quotes` as `helpers.tables.Columns`, computed once per article and pipeline while
    `helpers.nlp.parse` remembers its Doc (framing asks for them too, a corpus run joins those of many
    articles into one table)."""
    return remembered(article, ("quotes",), lambda: _find_quotes(article, pipeline), pipeline)


def _find_quotes(article, pipeline):
    doc_words = _doc_words(parse(article, pipeline))
    marks = [span for paragraph in article.paragraphs
             for span in quotation_spans(article.text, paragraph.start, paragraph.end, article.source or article.id)]
    found = []
    previous = None  # (sentence index, paragraph index, speaker offsets) of the last sentence that named a speaker
    for sentence in article.sentences:
        paragraph = article.paragraph_at(sentence.start)
        quoted_here = [span for span in marks if span[0] < sentence.end and span[1] > sentence.start]
        words = _sentence_words(doc_words, sentence, quoted_here)
        if not words or paragraph is None or paragraph.kind not in {"body", "lead"}:
            previous = None
            continue
        cues = find_cues(words)
        here = _direct_quotes(article, sentence, words, cues, quoted_here, doc_words, marks)
        here += _indirect_quotes(sentence, words, cues, here)
        # a speaker named here continues into the next sentences; "demnach" only points back to one named before
        speakers = [_offsets(words, cue.speaker) for cue in cues if cue.speaker not in {None, (cue.index, cue.index)}]
        if previous and not any(q.cue for q in here) and sentence.index - previous[0] <= MAX_CARRY_GAP \
                and paragraph.index - previous[1] <= 1:
            here = _continue_speaker(sentence, words, here, previous[2], found,
                                     quotes_too=previous[0] == sentence.index - 1)
            speakers = []  # "Allerdings habe Russland die USA informiert": still the previous speaker's words
        found.extend(here)
        speakers = [q.speaker for q in here if q.speaker and not (q.cue and q.speaker == (q.cue.start, q.cue.end))] \
            or speakers
        if speakers:
            previous = (sentence.index, paragraph.index, speakers[-1])
    found.sort(key=lambda quote: (quote.start, -quote.end))
    mentions = actor_mention_columns(article, pipeline) if any(quote.speaker for quote in found) else None
    return _columns(article, found, _speaker_mentions(article, found, mentions))


def _direct_quotes(article, sentence, words, cues, quoted_here, doc_words, marks):
    """Quotations in quotation marks that start in this sentence. The cue of a quote of several sentences
    may follow its end: „… . …“, fügte Brown hinzu."""
    text = article.text
    results = []
    for start, end in quoted_here:
        if not sentence.start <= start < sentence.end:
            continue
        if _is_name_or_title(text, start, end, words):
            continue
        cue_words, cue_sentence = words, sentence
        cue = _cue_of_direct_quote(text, start, end, words, cues)
        if end > sentence.end and article.sentence_at(end - 1) is not None:
            end_sentence = article.sentence_at(end - 1)
            end_words = _sentence_words(doc_words, end_sentence, [m for m in marks if m[0] < end_sentence.end
                                                            and m[1] > end_sentence.start])
            end_cue = _cue_of_direct_quote(text, start, end, end_words, find_cues(end_words))
            if end_cue is not None and end_words[end_cue.frame[0]].start >= end:
                cue, cue_words, cue_sentence = end_cue, end_words, end_sentence
        kind = "direct" if _stands_alone(text, start, end, words, cue if cue_words is words else None) \
            else "partial"
        quote = Found(kind, start, end, cue_sentence.index)
        if cue is not None:
            quote = replace(quote, cue=cue_words[cue.index], cue_lemma=cue.lemma,
                            speaker=_offsets(cue_words, cue.speaker))
        elif _subject_before_colon(words, start) is not None:
            quote = replace(quote, speaker=_offsets(words, _subject_before_colon(words, start)))
        elif len(re.findall(r"\w+", text[start:end])) <= MAX_SCARE_QUOTE_WORDS and kind == "partial" \
                and not _has_reported_speech_verb(words):
            continue  # scare quotes: a word or two in quotation marks that nobody is said to have said
        results.append(quote)
    return results


def _subject_before_colon(words, start):
    """'Pinheiro sieht die Verantwortung beim Staat: „…“': the subject of the clause that a colon opens to a
    quote, even without a speech verb."""
    before = [i for i, w in enumerate(words) if w.end <= start and not w.quoted]
    if not before or words[before[-1]].text != ":":
        return None
    verb = next((i for i in before if words[i].tag in FINITE_VERB_TAGS), None)
    if verb is None:
        return None
    return _sentence_subject_before(words, verb) or _noun_phrase_after(words, _skip_fillers(words, verb + 1))


def _is_name_or_title(text, start, end, words):
    """„Mistral“-Schiffe, die Zeitung „Bild“: quotation marks around a name, not a quotation."""
    following = text[end:end + 1]
    if following == "-" or following.isalpha():
        return True
    before = [w for w in words if w.end <= start and not w.quoted]
    if before and _ends_with_any(before[-1].text, _cues()["title_nouns"]):
        return True
    return not re.search(r"\w", text[start:end])


def _cue_of_direct_quote(text, start, end, words, cues):
    """The cue of a quote: right after it (", sagte X"), right before it ("X sagte:") or elsewhere unquoted."""
    after = [cue for cue in cues if words[cue.frame[0]].start >= end]
    before = [cue for cue in cues if words[cue.frame[1]].end <= start]
    if after and re.fullmatch(r"[\s,–—-]*", text[end:words[after[0].frame[0]].start]):
        return after[0]
    if before:
        return before[-1]
    return after[0] if after else None


def _stands_alone(text, start, end, words, cue):
    """A direct quote is a sentence or clause of its own; a partial quote is a few words in the journalist's text."""
    unquoted_before = [w for w in words if w.end <= start and not w.quoted]
    if not unquoted_before or unquoted_before[-1].text in {":", ","}:
        return True
    return cue is not None and words[cue.frame[0]].start >= end \
        and re.fullmatch(r"[\s,–—-]*", text[end:words[cue.frame[0]].start]) is not None


def _indirect_quotes(sentence, words, cues, quoted):
    """Reported clauses after or before a speech verb, and sentences attributed by laut, zufolge, nach Angaben."""
    direct_here = [q for q in quoted if q.type == "direct"]
    results = []
    for cue in cues:
        kind = "indirect" if cue.kind == "verb" else "reported"
        span = _clause_after(words, cue) or _clause_before(words, cue) if cue.kind == "verb" \
            else _sentence_without_frame(words, cue)
        if span is None and cue.kind == "verb" and cue.speaker and _cues()["verbs"][cue.lemma].get("reports") \
                and not any(w.quoted or w.text in _quotation_marks()[1] for w in words):
            kind, span = "reported", _speech_act_sentence(words, cue)  # "Die NASA nannte als Beispiel …"
        if span is None:
            continue
        start, end = span
        covered = sum(max(0, min(end, q.end) - max(start, q.start)) for q in direct_here)
        if covered >= 0.8 * (end - start):
            continue
        results.append(Found(kind, start, end, sentence.index, words[cue.index], cue.lemma,
                             _offsets(words, cue.speaker)))
        break  # one attribution per sentence; a second cue is part of the first one's frame
    return results


def _speech_act_sentence(words, cue):
    """A main clause that reports what someone said without quoting it ("X sprach von einer fairen Wahl"):
    the whole sentence, when the speech verb is its finite verb."""
    opener = _clause_start(words, cue.index)
    if opener is not None or words[cue.index].tag not in FINITE_VERB_TAGS:
        return None
    last = _last_content_word(words, 0)
    return words[0].start, words[last].end


def _clause_after(words, cue):
    """'sagte Cook, Washington arbeite …' / 'Er sagte, dass …' / 'forderte, … zu beenden': the clause after
    the comma that ends the frame, when it is a dass-clause, in Konjunktiv I or a zu-infinitive."""
    position = cue.frame[1] + 1
    while position < len(words) and words[position].text not in {",", ":"}:
        too_far = position - cue.frame[1] > MAX_FRAME_TAIL
        if words[position].quoted or words[position].tag in FINITE_VERB_TAGS or too_far:
            return None
        position += 1
    first = position + 1
    last = _last_content_word(words, first)
    if last < first or words[first].quoted or words[first].tag in NO_QUOTE_CLAUSE_TAGS:
        return None
    opener = _clause_start(words, cue.index)
    in_source_clause = opener is not None and words[opener].text.lower() in _grammar()["source_clause_openers"]
    zu_infinitive = any(w.tag == "VVIZU" or w.tag == "PTKZU" for w in words[first:last + 1])
    if words[first].text.lower() in _grammar()["clause_openers"] or in_source_clause or zu_infinitive \
            or _has_reported_speech_verb(words, first, last):
        return words[first].start, words[last].end
    return None


def _clause_before(words, cue):
    """'Washington arbeite nicht mit Moskau zusammen, sagte Cook.': the clause before a final frame."""
    first_of_frame = cue.frame[0]
    if first_of_frame < 2 or words[first_of_frame - 1].text != ",":
        return None
    rest = words[cue.frame[1] + 1:]
    if any(w.text == "," for w in rest) or any(w.tag in FINITE_VERB_TAGS for w in rest):
        return None
    last = first_of_frame - 2
    if words[0].quoted or words[last].quoted:
        return None
    return words[0].start, words[last].end


def _sentence_without_frame(words, cue):
    """The sentence attributed by 'laut X', 'X zufolge', 'nach Angaben von X', without that frame at its edges."""
    first, last = 0, _last_content_word(words, 0)
    frame_first, frame_last = cue.frame
    if frame_first <= first:
        first = frame_last + 1
        while first <= last and words[first].tag == "$,":
            first += 1
    elif frame_last >= last:
        last = frame_first - 1
        while last >= first and words[last].tag == "$,":
            last -= 1
    if last - first < 2 or all(w.quoted for w in words[first:last + 1]):
        return None
    return words[first].start, words[last].end


def _last_content_word(words, first):
    last = len(words) - 1
    while last >= first and words[last].tag in {"$.", "$,"} and not words[last].quoted:
        last -= 1
    return last


def _offsets(words, indexes):
    if indexes is None:
        return None
    return words[indexes[0]].start, words[indexes[1]].end


def _continue_speaker(sentence, words, here, speaker, found, quotes_too):
    """A sentence without a cue of its own continues the speaker named shortly before (carried_over=True):
    the sentence itself and the quotes in it when it is in Konjunktiv I, and the quotes in quotation marks
    right after another quote of that speaker. Konjunktiv I sentences in a row become one quotation."""
    reported = not any(q.type == "direct" for q in here) and _has_reported_speech_verb(words)
    carried = [replace(q, speaker=speaker, carried_over=True) if quotes_too or reported else q for q in here]
    if not reported:
        return carried
    last = _last_content_word(words, 0)
    indirect = Found("indirect", words[0].start, words[last].end, sentence.index, speaker=speaker, carried_over=True)
    before = found[-1] if found else None
    if before and before.carried_over and before.type == "indirect" and before.speaker == speaker \
            and before.sentence == sentence.index - 1:
        indirect = replace(found.pop(), end=indirect.end, sentence=sentence.index)
    return [*carried, indirect]


# ---------------------------------------------------------------------------------------------------------
# The table, speakers and actors


def _columns(article, found, speaker_mentions):
    places = [article.locate(quote.start) for quote in found]
    speaker_kinds = []
    for quote, mention in zip(found, speaker_mentions):
        speaker_kind = _speaker_kind(article, quote.speaker)
        if mention is not None and speaker_kind != "anonymous":
            speaker_kind = "discovered" if mention["kind"] == "discovered" else "actor"
        speaker_kinds.append(speaker_kind)
    # offsets that may be absent as nullable integers, the actor columns as Python objects (None where no
    # actor was found)
    dtypes = {**dict.fromkeys(OFFSET_COLUMNS, NULLABLE_INTEGERS), **dict.fromkeys(LINK_COLUMNS, object)}
    return Columns({
        "article_id": [article.id] * len(found),
        "quote_id": list(range(len(found))),
        "type": [quote.type for quote in found],
        "start": [quote.start for quote in found],
        "end": [quote.end for quote in found],
        "text": [article.span(quote.start, quote.end) for quote in found],
        "cue": [quote.cue.text if quote.cue else None for quote in found],
        "cue_start": [quote.cue.start if quote.cue else None for quote in found],
        "cue_end": [quote.cue.end if quote.cue else None for quote in found],
        "cue_lemma": [quote.cue_lemma for quote in found],
        "speaker": [article.span(*quote.speaker) if quote.speaker else None for quote in found],
        "speaker_start": [quote.speaker[0] if quote.speaker else None for quote in found],
        "speaker_end": [quote.speaker[1] if quote.speaker else None for quote in found],
        **{column: [mention[key] if mention else None for mention in speaker_mentions]
           for column, key in LINK_COLUMNS.items()},
        "speaker_kind": speaker_kinds,
        "carried_over": [quote.carried_over for quote in found],
        **{column: [place[column] for place in places] for column in ("sentence", "section_index", "section", "part")},
    }, dtypes)


def _speaker_kind(article, speaker):
    """'anonymous' for Diplomaten, Élyséekreisen, Beobachter, else 'unknown' (until linked to an actor)."""
    words = re.findall(r"[\w-]+", article.span(*speaker)) if speaker else []
    return "anonymous" if any(_ends_with_any(word, _cues()["anonymous"]) for word in words) else "unknown"


def _speaker_mentions(article, found, mentions):
    """For each quotation (in text order), the actor mention its speaker refers to (a dict of the mention's
    `kind`, `actor_id`, `actor` and `affiliation` from `actor_mentions`), or None.

    A speaker is the actor whose mention overlaps the speaker's words; of several, the last person
    ("Putin-Sprecher Dmitri Peskow" -> Peskow), else the first mention ("Sprecher des Auswärtigen Amts").
    A pronoun speaker (er, sie) is the previous person who spoke, "demnach" and "wonach" the previous
    speaker. Anonymous speakers are linked too but stay anonymous.
    """
    if mentions is None:
        return [None] * len(found)
    pronouns = _cues()["pronouns"]
    anaphors = {word for word, rule in _cues()["reported"].items() if rule.get("position") == "self"}
    # mentions are chosen by row number from the columns that choose them; only a chosen mention's other
    # columns are read (a table has few speakers, but many mentions)
    starts, ends, actor_types = mentions["start"], mentions["end"], mentions["actor_type"]
    by_start = sorted(range(len(starts)), key=starts.__getitem__)
    sorted_starts = [starts[row] for row in by_start]
    last_person = last_speaker = None
    linked = []
    for quote in found:
        row = None
        if quote.speaker:
            speaker = article.span(*quote.speaker)
            if speaker in pronouns:
                row = last_person
            elif speaker.lower() in anaphors:  # "Demnach": the source named before
                row = last_speaker
            else:
                start, end = quote.speaker
                before_end = by_start[:bisect.bisect_left(sorted_starts, end)]
                row = _overlapping_mention(before_end, start, ends, actor_types)
        if row is not None:
            last_speaker = row
            if actor_types[row] == "person":
                last_person = row
        linked.append(row)
    columns = ("kind", *LINK_COLUMNS.values())
    return [None if row is None else {column: mentions[column][row] for column in columns} for row in linked]


def _overlapping_mention(rows_before_end, start, ends, actor_types):
    """Of the mentions (row numbers, in text order) that start before a speaker's end, the last person among
    those that end after its start, else the first of those."""
    overlapping = [row for row in rows_before_end if ends[row] > start]
    people = [row for row in overlapping if actor_types[row] == "person"]
    return people[-1] if people else overlapping[0] if overlapping else None


def who_speaks(table, by="speaker", catalogs=()):
    """Quotations and quoted words per speaker, most quoted words first.

        who_speaks(quotes(article))                           # speaker, quotes, quoted_words, direct, ...
        who_speaks(quotes(article), by="affiliation")         # Peter Cook counts for the Pentagon
        who_speaks(quotes(article), by="top_affiliation")     # ... and the Pentagon for the USA

    A speaker is named by its actor where linked, else as written; anonymous ones are marked '(anonym)';
    quotes without a speaker count as '(unbekannt)'. An actor without an affiliation is its own
    (Kreml-Angaben -> Russland). `top_affiliation` follows the catalog's affiliations to the outermost actor.
    Words of a partial quote inside an indirect one are counted once.
    """
    if by not in {"speaker", "affiliation", "top_affiliation"}:
        raise ValueError(f"who_speaks(by={by!r}): use by='speaker', 'affiliation' or 'top_affiliation'")
    rows = table.assign(
        speaker=_speaker_label(table),
        affiliation=table["speaker_affiliation"].fillna(table["speaker_actor"]).fillna("(unbekannt)"),
        top_affiliation=[_outermost(actor_id, catalogs) for actor_id in table["speaker_actor_id"]],
        quoted_words=table["text"].str.count(r"\w+").where(~_inside_another(table), 0),
    )
    counts = rows.groupby(by).agg(quotes=("quote_id", "size"), quoted_words=("quoted_words", "sum"))
    types = pd.crosstab(rows[by], rows["type"]).reindex(columns=["direct", "partial", "indirect", "reported"],
                                                        fill_value=0)
    return counts.join(types).sort_values(["quoted_words", "quotes"], ascending=False).reset_index()


def _speaker_label(table):
    anonymous = table["speaker_kind"] == "anonymous"
    label = table["speaker_actor"].where(~anonymous).fillna(table["speaker"]).fillna("(unbekannt)")
    return label.where(~anonymous, "(anonym) " + label)


def _outermost(actor_id, catalogs):
    """The name of the outermost actor that `actor_id` belongs to: peter_cook -> pentagon -> 'USA'."""
    if actor_id is None or pd.isna(actor_id):
        return "(unbekannt)"
    actors = load_catalog(catalogs).actors
    seen = set()
    while actor_id in actors and actors[actor_id].affiliation in actors and actor_id not in seen:
        seen.add(actor_id)
        actor_id = actors[actor_id].affiliation
    return actors[actor_id].name if actor_id in actors else str(actor_id)


def _inside_another(table):
    """Whether each quotation lies inside another quotation of the same article (a partial quote inside an
    indirect one), by position in the table."""
    inside = numpy.zeros(len(table), dtype=bool)
    for positions in table.groupby("article_id", sort=False).indices.values():
        starts, ends = table["start"].to_numpy()[positions], table["end"].to_numpy()[positions]
        contains = (starts[:, None] <= starts) & (ends[:, None] >= ends)  # row i contains column j
        numpy.fill_diagonal(contains, False)
        inside[positions] = contains.any(axis=0)
    return inside


def quote_spans(table):
    """The quotes, cues and speakers of a quotes table as one span table (start, end, label) for highlighting.

        highlight(article, quote_spans(table), label="label", colors=QUOTE_COLORS)
    """
    parts = [
        table[["start", "end"]].assign(label="Zitat"),
        table[["cue_start", "cue_end"]].set_axis(["start", "end"], axis=1).assign(label="Redeeinleitung"),
        table[["speaker_start", "speaker_end"]].set_axis(["start", "end"], axis=1).assign(label="Sprecher"),
    ]
    spans = pd.concat(parts, ignore_index=True).dropna(subset=["start", "end"]).drop_duplicates()
    return spans.astype({"start": int, "end": int}).sort_values(["start", "end"]).reset_index(drop=True)
