"""The project's German spaCy pipeline: sentences that match `Article.sentences`, STTS tags and lemmas.

    nlp = load_pipeline(actors=False)          # loaded once, then reused
    doc = parse(article)                       # one Doc per article, shared by actors, quotes and framing
    [(token.text, token.tag_, token.lemma_) for token in doc[:3]]

The default pipeline works offline: `spacy.blank("de")`, the sentence splitter of `helpers.article`
(component `blickwinkel_sentences`) and the HanTa tagger (component `blickwinkel_hanta`, full STTS tags in
`token.tag_`, Universal POS in `token.pos_`, `token.lemma_`). `load_pipeline(base="de_core_news_sm")` builds on
an installed trained spaCy pipeline instead.

HanTa analyses each word form morphologically, which is slow (about 5,000 tokens/s). The tagger here asks
HanTa once per word form for its candidate tags and once per (word form, tag) for the lemma, keeps both in
bounded caches shared by all documents, and runs HanTa's own sentence Viterbi over the cached candidates:
the same tags as `HanoverTagger.tag_sent`, many times faster once the common words are cached.
"""

from collections import OrderedDict
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, LEMMA, POS, SENT_START, TAG
from spacy.language import Language
from spacy.symbols import IDS as SYMBOL_IDS

from helpers.article import split_paragraphs, split_sentences
from helpers.errors import PipelineError, ResourceError
from helpers.resources import word_list

HANTA_MODEL = "morphmodel_ger.pgz"
WORD_CACHE_SIZE = 200_000  # word forms (and word form + tag pairs); about 100 MB when full
PARSE_CACHE_SIZE = 32  # Docs kept by parse() so that all analyses of one article share one Doc
SPACE_TAG = "_SP"
# Typographic quotes that HanTa's model has not seen; it knows '"', so they are tagged as that.
QUOTE_MARKS = frozenset("„“”‚‘’»«›‹")


# ---------------------------------------------------------------------------------------------------------
# Sentences


@Language.factory("blickwinkel_sentences")
def make_sentence_splitter(nlp, name):
    """spaCy component: sentence boundaries from `helpers.article`, so `doc.sents` match `Article.sentences`."""
    return set_sentence_starts


def set_sentence_starts(doc):
    """Mark `token.is_sent_start` at the starts of the Article's sentences; whitespace joins the sentence before."""
    if len(doc) == 0:
        return doc
    text = doc.text
    starts = [start for paragraph in split_paragraphs(text) for start, _ in split_sentences(text, *paragraph)]
    columns = doc.to_array([IDX, IS_SPACE]).astype(numpy.int64)
    token_starts, is_space = columns[:, 0], columns[:, 1].astype(bool)
    sent_start = numpy.full(len(doc), -1, dtype=numpy.int64)
    # A sentence starts at the first token that ends after its first character (always a token start
    # when the tokenizer splits at whitespace, as spaCy's does).
    first_tokens = numpy.searchsorted(token_starts, starts, side="right") - 1
    sent_start[first_tokens] = 1
    # spaCy's first token always starts a sentence: leading whitespace belongs to the first sentence.
    words = numpy.flatnonzero(~is_space)
    if len(words) and words[0] > 0:
        sent_start[words[0]] = -1
    sent_start[0] = 1
    doc.from_array([SENT_START], sent_start.astype(numpy.uint64))
    return doc


# ---------------------------------------------------------------------------------------------------------
# Tags and lemmas from HanTa


@lru_cache(maxsize=None)
def hanta():
    """The HanTa tagger for German, loaded once (about one second)."""
    from HanTa import HanoverTagger  # imported here: reading its model takes a moment

    return HanoverTagger.HanoverTagger(HANTA_MODEL)


@lru_cache(maxsize=None)
def _tag_tables():
    stts_of = _tsv_columns("hanta_to_stts.tsv")
    upos_of = _tsv_columns("stts_to_upos.tsv")
    tagger = hanta()
    hanta_tags = {tagger.int2tag[-number] for number in tagger.int2tag if number < 0 and number != -3}
    missing = sorted(hanta_tags - set(stts_of)) + sorted(set(stts_of.values()) - set(upos_of))
    if missing:
        raise ResourceError(
            f"no STTS or UPOS tag for {missing}: add them to hanta_to_stts.tsv and stts_to_upos.tsv"
        )
    return stts_of, upos_of


def _tsv_columns(name):
    """The first two tab-separated columns of a resource as a dict."""
    table = {}
    for line in word_list(name):
        columns = line.split("\t")
        if len(columns) < 2:
            raise ResourceError(f"{name}: line {line!r} needs two tab-separated columns")
        table[columns[0]] = columns[1]
    return table


def stts_tag(hanta_tag):
    """The STTS tag for a HanTa tag: `stts_tag("VV(FIN)")` -> 'VVFIN'."""
    return _tag_tables()[0][hanta_tag]


def upos_tag(stts):
    """The Universal POS tag for an STTS tag: `upos_tag("NE")` -> 'PROPN'."""
    return _tag_tables()[1][stts]


def hanta_word(text):
    """The form HanTa is given for a token: typographic quotes become '"'."""
    return '"' if text in QUOTE_MARKS else text


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _candidates(word, case_sensitive):
    """HanTa's candidate tags of a word form with log P(word | tag), as in `HanoverTagger.tag_sent`."""
    tagger = hanta()
    scored = tagger._tag_word(word, cutoff=5, casesensitive=case_sensitive, conditional=True)
    if not scored or (len(scored) == 1 and scored[0][0] == _UNKNOWN):
        return _any_tag()  # HanTa lets an unknown word take any tag
    return tuple(scored)


_UNKNOWN = 3  # HanTa's code for an unknown tag
_END = 2  # HanTa's code for the end of a sentence
_LOWER_BOUND = -1e6  # HanTa's floor for log probabilities
_BEAM = 5  # HanTa keeps the states within one unit of the fifth best


@lru_cache(maxsize=None)
def _any_tag():
    tagger = hanta()
    return tuple((tag, 0.0) for tag in tagger.LP_wtag if tag != _END)


def hanta_tags(words):
    """HanTa's tag numbers for one sentence: HanTa's sentence Viterbi over cached candidate tags.

    Same search as `HanoverTagger.tag_sent_viterbi`, but looking up the transitions of the few candidate
    tags of each word instead of scoring every tag.
    """
    if not words:
        return []
    transitions = hanta().LP_trans_word
    row = {(0, 1): 0.0}  # (EMPTY, START)
    backpointers = []
    for position, word in enumerate(words):
        candidates = _candidates(word, position > 0)
        if len(row) > _BEAM:
            bound = sorted(row.values(), reverse=True)[_BEAM] - 1
        else:
            bound = _LOWER_BOUND
        next_row = {}
        pointers = {}
        for state, score in row.items():
            if score < bound:
                continue
            following = transitions[state]
            previous_tag = state[1]
            for tag, word_score in candidates:
                transition = following.get(tag)
                if transition is None:
                    continue
                total = score + transition + word_score
                if total > _LOWER_BOUND:
                    new_state = (previous_tag, tag)
                    if total > next_row.get(new_state, -numpy.inf):
                        next_row[new_state] = total
                        pointers[new_state] = state
        row = next_row
        backpointers.append(pointers)
    state = max(row, key=lambda last: row[last] + transitions[last].get(_END, -numpy.inf))
    tags = []
    for pointers in reversed(backpointers):
        tags.append(state[1])
        state = pointers[state]
    return tags[::-1]


@lru_cache(maxsize=WORD_CACHE_SIZE)
def analysis(text, tag):
    """(STTS tag, UPOS tag, lemma) of a token text that HanTa tagged with tag number `tag`."""
    tagger = hanta()
    stts = stts_tag(tagger.int2tag[tag])
    lemma = tagger._analyze(hanta_word(text), tag, taglevel=1)[0]
    return stts, upos_tag(stts), _surface_spelling(text, lemma)


def _surface_spelling(text, lemma):
    """Keep the text's spelling where the lemma agrees with it: 'IS' -> 'IS' (HanTa: 'Is'), 'Kreml-Angaben' ->
    'Kreml-Angabe' (HanTa: 'Kreml-angabe'); lower-case lemmas only before a hyphen: 'US-geführte' -> 'US-geführt'."""
    same = 0
    for text_char, lemma_char in zip(text, lemma):
        if text_char.lower() != lemma_char.lower():
            break
        same += 1
    if not lemma[:1].isupper():
        same = text.rfind("-", 0, same) + 1
    return text[:same] + lemma[same:]


@Language.factory("blickwinkel_hanta")
def make_hanta_tagger(nlp, name):
    """spaCy component: STTS `tag_`, Universal `pos_` and `lemma_` from HanTa, sentence by sentence."""
    hanta()
    _tag_tables()
    return HantaTagger(nlp.vocab)


class HantaTagger:
    """Tags each sentence of a Doc with HanTa; whitespace tokens get tag `_SP` and pos `SPACE`."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.space_row = self._row(SPACE_TAG, "SPACE", None)

    def _row(self, stts, upos, lemma):
        strings = self.vocab.strings
        return strings.add(stts), SYMBOL_IDS[upos], strings.add(lemma) if lemma is not None else 0

    def __call__(self, doc):
        if len(doc) == 0:
            return doc
        columns = doc.to_array([IS_SPACE, SENT_START])
        is_space = columns[:, 0].astype(bool)
        sentence_starts = set(numpy.flatnonzero(columns[:, 1] == 1).tolist()) | {0}
        texts = [token.text for token in doc]
        rows = numpy.zeros((len(doc), 3), dtype=numpy.uint64)
        strings = self.vocab.strings
        sentence = []
        for position in range(len(doc) + 1):
            if sentence and (position == len(doc) or position in sentence_starts):
                words = [hanta_word(texts[index]) for index in sentence]
                for index, tag in zip(sentence, hanta_tags(words)):
                    stts, upos, lemma = analysis(texts[index], tag)
                    rows[index] = strings.add(stts), SYMBOL_IDS[upos], strings.add(lemma)
                sentence = []
            if position < len(doc):
                if is_space[position]:
                    rows[position] = self.space_row[0], self.space_row[1], strings.add(texts[position])
                else:
                    sentence.append(position)
        doc.from_array([TAG, POS, LEMMA], rows)
        return doc


# ---------------------------------------------------------------------------------------------------------
# Loading the pipeline, parsing articles


def load_pipeline(base=None, *, actors=True, catalogs=()):
    """The project's spaCy pipeline, built once per set of arguments and then reused.

        nlp = load_pipeline()                              # blank German + sentences + HanTa + actors
        nlp = load_pipeline(actors=False)                  # tagging only
        nlp = load_pipeline(base="de_core_news_sm")        # an installed trained spaCy pipeline instead of HanTa
    """
    return _build_pipeline(None if base is None else str(base), actors, tuple(str(c) for c in catalogs))


@lru_cache(maxsize=8)
def _build_pipeline(base, actors, catalogs):
    try:
        nlp = spacy.blank("de") if base is None else _trained_pipeline(base)
    except ImportError as error:
        raise PipelineError(
            f"a spaCy component of this project could not be imported ({error}): "
            "fix that module or reinstall the project with `pip install -e .`"
        ) from error
    nlp.add_pipe("blickwinkel_sentences", first=True)
    if base is None:
        nlp.add_pipe("blickwinkel_hanta")
    if actors:
        try:
            nlp.add_pipe("blickwinkel_actors", config={"catalogs": list(catalogs)})
        except ValueError as error:
            if "blickwinkel_actors" in nlp.pipe_names or "[E002]" not in str(error):
                raise
            raise PipelineError(
                "the actor component 'blickwinkel_actors' is not available: reinstall the project with "
                "`pip install -e .` (it registers helpers.actors), or use load_pipeline(actors=False)"
            ) from error
    return nlp


def _trained_pipeline(base):
    try:
        nlp = spacy.load(base)
    except OSError as error:
        raise PipelineError(
            f"no trained spaCy pipeline {base!r} is installed: install one with "
            f"`python -m spacy download {base}` (e.g. de_core_news_sm), or call load_pipeline() without "
            "`base` to use the offline HanTa pipeline"
        ) from error
    if nlp.lang != "de":
        raise PipelineError(f"{base!r} is a pipeline for {nlp.lang!r}, not German: give a German pipeline")
    # Our sentence boundaries stay the Article's: a trained sentence recogniser would move them.
    if "senter" in nlp.pipe_names:
        nlp.disable_pipe("senter")
    return nlp


_parsed = OrderedDict()


def parse(article, pipeline=None):
    """The spaCy Doc of an article (its text is exactly `article.text`), parsed once and then shared.

        doc = parse(article)
        doc.user_data["article_id"]     # article.id
    """
    nlp = pipeline or load_pipeline()
    key = (nlp, article.id, article.text)
    doc = _parsed.get(key)
    if doc is not None:
        _parsed.move_to_end(key)
        return doc
    return _remember(key, _labelled(nlp(article.text), article))


def parse_many(articles, pipeline=None, batch_size=64):
    """(article, Doc) pairs for a stream of articles, parsed in batches through `nlp.pipe`.

        for article, doc in parse_many(load_corpus("data/")):
            ...
    """
    nlp = pipeline or load_pipeline()
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield article, _remember((nlp, article.id, article.text), _labelled(doc, article))


def _labelled(doc, article):
    doc.user_data["article_id"] = article.id
    return doc


def _remember(key, doc):
    _parsed[key] = doc
    _parsed.move_to_end(key)
    while len(_parsed) > PARSE_CACHE_SIZE:
        _parsed.popitem(last=False)
    return doc
