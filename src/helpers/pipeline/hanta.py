"""The tagging component: STTS tags in `token.tag_`, Universal POS in `token.pos_`, lemmas in `token.lemma_`.

    nlp = load_pipeline(analyses=False)
    [(token.text, token.tag_, token.lemma_) for token in nlp("Putin sagte, er komme.")]
    # [('Putin', 'NE', 'Putin'), ('sagte', 'VVFIN', 'sagen'), (',', '$,', ','), ('er', 'PPER', 'er'), ...]

HanTa (Christian Wartena, https://github.com/wartaal/HanTa) tags each sentence of a Doc. With a HanTa release
that `helpers.pipeline.hanta_fast` (LGPL-3.0-or-later) was verified against, its fast tagger does: the analyses
of each word form are kept in memory and on disk (`helpers.pipeline.word_analyses`), so each form is analysed
once per machine, and all sentences of a Doc are searched in one compiled call. With any other HanTa the
component warns once and tags each sentence with HanTa's own `tag_sent`: the same tags and lemmas, but 10 to 40
times slower (`HantaFallbackTagger`: 2,300 tokens/s against 30,000 for the fast tagger's first run over the 700
Wikinews train articles, 100,000 with their analyses stored).

HanTa's tags become STTS tags (`resources/hanta_to_stts.tsv`) and those Universal POS tags
(`resources/stts_to_upos.tsv`); lemmas keep the token's spelling where they agree with it (`surface_spelling`).
"""

import warnings
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

import numpy
from spacy.attrs import IS_SPACE, LEMMA, ORTH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.symbols import IDS as SYMBOL_IDS
from spacy.tokens import Doc

from helpers.errors import BlickwinkelWarning, ResourceError
from helpers.german.quotation_marks import typographic_marks
from helpers.pipeline.hanta_fast import VERIFIED_HANTA_VERSIONS
from helpers.pipeline.word_analyses import HANTA_MODEL, WORD_CACHE_SIZE, on_clear, word_analyses
from helpers.resources import word_list

SPACE_TAG = "_SP"
# HanTa's analysis time grows with the square of a word's length (25 ms for an 80-letter URL); longer
# tokens are not analysed: their tag comes from the context alone and the lemma is the token itself.
LONGEST_WORD = 100


@Language.factory("blickwinkel_hanta")
def make_hanta_tagger(nlp: Language, name: str):
    """spaCy component: STTS `tag_`, Universal `pos_` and `lemma_` from HanTa, sentence by sentence."""
    if not fast_tagger_verified():
        return HantaFallbackTagger(nlp.vocab)
    check_tag_tables(fast_tagger().pos_tags())  # load HanTa and the stored analyses now, not in the first Doc
    word_analyses()
    return HantaTagger(nlp.vocab)


@lru_cache(maxsize=None)
def fast_tagger_verified() -> bool:
    """Whether the installed HanTa is one `hanta_fast` was verified against; if not, warns (once per process).

        fast_tagger_verified()    # True with HanTa 1.2.1
    """
    try:
        installed = version("HanTa")
    except PackageNotFoundError:  # HanTa without its package metadata: its version cannot be checked
        installed = None
    if installed in VERIFIED_HANTA_VERSIONS:
        return True
    verified = " or ".join(sorted(VERIFIED_HANTA_VERSIONS))
    warnings.warn(
        f"HanTa {installed or 'of an unknown version'} is installed, but Blickwinkel's fast tagger is verified only "
        f"with HanTa {verified}: tagging with HanTa's own tag_sent instead (the same tags and lemmas, 10 to 40 times "
        f"slower). For the fast tagger, install HanTa {verified}: pip install HanTa=={max(VERIFIED_HANTA_VERSIONS)}",
        BlickwinkelWarning, stacklevel=2)
    return False


@lru_cache(maxsize=None)
def fast_tagger():
    """HanTa's German tagger with compiled word analyses (`hanta_fast.model.FastHanoverTagger`), loaded once."""
    from helpers.pipeline.hanta_fast.model import FastHanoverTagger  # only for a verified HanTa

    return FastHanoverTagger(HANTA_MODEL)


@lru_cache(maxsize=None)
def hanta_tagger():
    """HanTa's own German tagger (`HanTa.HanoverTagger`), loaded once."""
    from HanTa.HanoverTagger import HanoverTagger

    return HanoverTagger(HANTA_MODEL)


# ---------------------------------------------------------------------------------------------------------
# Tags, lemmas and word forms


@lru_cache(maxsize=None)
def tag_tables():
    """HanTa tag -> STTS tag and STTS tag -> Universal POS tag, from the resource files, checked for gaps."""
    stts_of = _tsv_columns("hanta_to_stts.tsv")
    upos_of = _tsv_columns("stts_to_upos.tsv")
    missing = sorted(set(stts_of.values()) - set(upos_of))
    if missing:
        raise ResourceError(f"no UPOS tag for the STTS tags {missing}: add them to stts_to_upos.tsv")
    return stts_of, upos_of


def check_tag_tables(hanta_tags):
    """Raise a ResourceError if one of HanTa's tags has no STTS tag in the table."""
    missing = sorted(set(hanta_tags) - set(tag_tables()[0]))
    if missing:
        raise ResourceError(f"no STTS tag for the HanTa tags {missing}: add them to hanta_to_stts.tsv")


def _tsv_columns(name):
    """The first two tab-separated columns of a resource as a dict."""
    table = {}
    for line in word_list(name):
        columns = line.split("\t")
        if len(columns) < 2:
            raise ResourceError(f"{name}: line {line!r} needs two tab-separated columns")
        table[columns[0]] = columns[1]
    return table


def stts_tag(hanta_tag: str) -> str:
    """The STTS tag for a HanTa tag: `stts_tag("VV(FIN)")` -> 'VVFIN'."""
    stts = tag_tables()[0].get(hanta_tag)
    if stts is None:
        check_tag_tables([hanta_tag])
    return stts


def upos_tag(stts: str) -> str:
    """The Universal POS tag for an STTS tag: `upos_tag("NE")` -> 'PROPN'."""
    return tag_tables()[1][stts]


def hanta_word(text: str) -> str:
    """The form HanTa is given for a token: typographic quotes, unknown to its model, become '"' (which it knows
    as its own normalisation of `` and ''): `hanta_word("„")` -> '"'."""
    return '"' if text in typographic_marks() else text


def surface_spelling(text: str, lemma: str) -> str:
    """Keep the text's spelling where the lemma agrees with it: 'IS' -> 'IS' (HanTa: 'Is'), 'Kreml-Angaben' ->
    'Kreml-Angabe' (HanTa: 'Kreml-angabe'); lower-case lemmas only before a hyphen: 'US-geführte' -> 'US-geführt'.

        surface_spelling("Kreml-Angaben", "Kreml-angabe")    # 'Kreml-Angabe'
    """
    if text == lemma or not (lemma[:1].isupper() or "-" in text):
        return lemma  # nothing to keep, or only a lower-case lemma's part after a hyphen
    same = 0
    for text_char, lemma_char in zip(text, lemma):
        if text_char.lower() != lemma_char.lower():
            break
        same += 1
    if not lemma[:1].isupper():
        same = text.rfind("-", 0, same) + 1
    return text[:same] + lemma[same:]


def _keeps_its_text(text):
    """Whether a token is its own lemma without asking HanTa: a quotation mark, or too long to analyse."""
    return len(text) > LONGEST_WORD or text in typographic_marks()


def _words_and_sentences(doc):
    """The token positions of a Doc's words (whitespace left out), and the position in those of the first word of
    each sentence."""
    columns = doc.to_array([ORTH, IS_SPACE, SENT_START])
    words = numpy.flatnonzero(columns[:, 1] == 0)
    sentence_of_word = numpy.cumsum(columns[:, 2] == 1)[words]
    return columns[:, 0], words, numpy.flatnonzero(numpy.diff(sentence_of_word, prepend=-1))


# ---------------------------------------------------------------------------------------------------------
# The fast tagger: word analyses kept per form, all sentences of a Doc in one compiled search


def analysis(text: str, tag: int) -> tuple[str, str, str]:
    """(STTS tag, UPOS tag, lemma) of a token text that the fast tagger tagged with HanTa's tag number `tag`.

        analysis("sagte", fast_tagger().tag_number("VV(FIN)"))    # ('VVFIN', 'VERB', 'sagen')
    """
    return (*tag_names(tag), lemma_of(text, tag))


def tag_names(tag: int) -> tuple[str, str]:
    """(STTS tag, UPOS tag) of HanTa's tag number `tag`.

        tag_names(fast_tagger().tag_number("NE"))    # ('NE', 'PROPN')
    """
    stts = stts_tag(fast_tagger().tag_name(tag))
    return stts, upos_tag(stts)


def lemma_of(text: str, tag: int) -> str:
    """The lemma of a token text that the fast tagger tagged with HanTa's tag number `tag` (stored, else HanTa's),
    in the text's spelling (`surface_spelling`)."""
    if _keeps_its_text(text):
        return text
    lemma = word_analyses().get("lemmas", (text, tag), lambda: fast_tagger().lemma(text, tag))
    return surface_spelling(text, lemma)


def many_candidates(keys):
    """HanTa's candidate tags of each (word form, case sensitive) key, as `tag_sent` uses them: stored ones
    from the word analyses, the others analysed together; none for a word too long to analyse (any tag fits).

        many_candidates([("Haus", True), ("sagte", False)])    # [((tag number, log p), ...), ...]
    """
    analysed = iter(word_analyses().get_many("candidates", [key for key in keys if len(key[0]) <= LONGEST_WORD],
                                             _analysed_candidates))
    return [next(analysed) if len(word) <= LONGEST_WORD else () for word, _ in keys]


def _analysed_candidates(keys):
    """HanTa's candidates of (word, case sensitive) keys as plain tuples (to be stored)."""
    tagged = fast_tagger().tag_words([word for word, _ in keys], [case_sensitive for _, case_sensitive in keys],
                                     cutoff=5, conditional=True)
    return [tuple((int(tag), float(score)) for tag, score in scored) for scored in tagged]


_sentence_tagger = None


def sentence_tagger():
    """The fast sentence tagger of this process (`hanta_fast.sentence_search.SentenceTagger`); a new, empty one
    after `clear_word_caches` or when it holds `WORD_CACHE_SIZE` forms (the memory it needs stays bounded)."""
    global _sentence_tagger
    if _sentence_tagger is None or len(_sentence_tagger.forms) >= WORD_CACHE_SIZE:
        from helpers.pipeline.hanta_fast.sentence_search import SentenceTagger  # only for a verified HanTa

        _sentence_tagger = SentenceTagger(fast_tagger(), many_candidates)
    return _sentence_tagger


def tag_numbers(words: list[str]) -> list[int]:
    """HanTa's tag numbers for the words of one sentence, from the fast tagger (as `tag_sent_viterbi`).

        [fast_tagger().tag_name(tag) for tag in tag_numbers(["Putin", "kam", "."])]    # ['NE', 'VV(FIN)', '$.']
    """
    tagger = sentence_tagger()
    return tagger.tag([tagger.form_number(word) for word in words], [0] if words else []).tolist()


def _forget_fast_analyses():
    global _sentence_tagger
    _sentence_tagger = None


on_clear(_forget_fast_analyses)


class HantaTagger:
    """Tags each sentence of a Doc with the fast tagger; whitespace gets tag `_SP`, pos `SPACE`."""

    WHITESPACE = -1  # the tag number of a whitespace token, which HanTa does not tag

    def __init__(self, vocab):
        self.vocab = vocab
        self.rows = {}  # (ORTH, HanTa tag) -> (TAG, POS, LEMMA) ids in this vocab
        self.tag_ids = {self.WHITESPACE: (vocab.strings.add(SPACE_TAG), SYMBOL_IDS["SPACE"])}  # HanTa tag -> TAG, POS
        self.tagger = sentence_tagger()
        self.form_numbers = {}  # ORTH of a word -> the number of its HanTa form in self.tagger
        self.tagger.tag([], [])  # compile the search (or load it from numba's cache) now, not in the first Doc

    def _row(self, orth, tag):
        tag_ids = self.tag_ids.get(tag)
        if tag_ids is None:
            stts, upos = tag_names(tag)
            tag_ids = self.tag_ids[tag] = (self.vocab.strings.add(stts), SYMBOL_IDS[upos])
        if tag == self.WHITESPACE:
            lemma = orth
        else:
            text = self.vocab.strings[orth]
            lemma = lemma_of(text, tag)
            lemma = orth if lemma == text else self.vocab.strings.add(lemma)
        row = (*tag_ids, lemma)
        if len(self.rows) >= WORD_CACHE_SIZE:
            self.rows.clear()
        self.rows[(orth, tag)] = row
        return row

    def _form_number(self, orth):
        number = self.form_numbers[orth] = self.tagger.form_number(hanta_word(self.vocab.strings[orth]))
        return number

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        if self.tagger is not sentence_tagger():  # the word analyses were forgotten, or the tagger was full
            self.tagger, self.form_numbers = sentence_tagger(), {}
        orths, words, sentence_starts = _words_and_sentences(doc)
        # Python looks each token up in a dictionary or two; all sentences are searched in one compiled call.
        numbers = self.form_numbers
        forms = [numbers[orth] if orth in numbers else self._form_number(orth) for orth in orths[words].tolist()]
        tags = numpy.full(len(doc), self.WHITESPACE)
        tags[words] = self.tagger.tag(forms, sentence_starts)
        known = self.rows
        rows = [known.get(key) or self._row(*key) for key in zip(orths.tolist(), tags.tolist())]
        doc.from_array([TAG, POS, LEMMA], numpy.array(rows, dtype=numpy.uint64))
        return doc


# ---------------------------------------------------------------------------------------------------------
# The fallback: HanTa's own tagger, through its public API only


class HantaFallbackTagger:
    """Tags each sentence of a Doc with HanTa's own `HanoverTagger.tag_sent(words, taglevel=1)`, for a HanTa
    release that `hanta_fast` was not verified against: the same tags and lemmas as `HantaTagger` (HanTa's), at
    HanTa's speed; whitespace gets tag `_SP`, pos `SPACE`."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.tagger = hanta_tagger()
        tag_tables()

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        strings = self.vocab.strings
        orths, words, sentence_starts = _words_and_sentences(doc)
        texts = [strings[orth] for orth in orths.tolist()]
        rows = [(strings.add(SPACE_TAG), SYMBOL_IDS["SPACE"], orth) for orth in orths.tolist()]
        for first, end in zip(sentence_starts.tolist(), [*sentence_starts[1:].tolist(), len(words)]):
            positions = words[first:end].tolist()
            # An overlong token is given to HanTa cut short (its time grows with the square of the length).
            sentence = [hanta_word(texts[at])[:LONGEST_WORD] for at in positions]
            for at, (_, lemma, hanta_tag) in zip(positions, self.tagger.tag_sent(sentence, taglevel=1)):
                text = texts[at]
                stts = stts_tag(hanta_tag)
                lemma = text if _keeps_its_text(text) else surface_spelling(text, lemma)
                rows[at] = (strings.add(stts), SYMBOL_IDS[upos_tag(stts)], strings.add(lemma))
        doc.from_array([TAG, POS, LEMMA], numpy.array(rows, dtype=numpy.uint64))
        return doc
