"""The project's German spaCy pipeline: sentences that match `Article.sentences`, STTS tags and lemmas.

    nlp = load_pipeline(actors=False)          # loaded once, then reused
    doc = parse(article)                       # one Doc per article, shared by actors, quotes and framing
    [(token.text, token.tag_, token.lemma_) for token in doc[:3]]

The default pipeline works offline: `spacy.blank("de")`, the sentence splitter of `helpers.article`
(component `blickwinkel_sentences`) and the HanTa tagger (component `blickwinkel_hanta`, full STTS tags in
`token.tag_`, Universal POS in `token.pos_`, `token.lemma_`). `load_pipeline(base="de_core_news_sm")` builds on
an installed trained spaCy pipeline instead.

HanTa itself tags about 7,000 tokens/s here; `helpers.tagger` gives the same tags much faster by caching its
analyses per word form, in memory and in the user's cache folder (see there; `BLICKWINKEL_CACHE_DIR=""` turns
the folder off).
"""

import gc
from collections import OrderedDict
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, LEMMA, ORTH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.symbols import IDS as SYMBOL_IDS

from helpers.article import split_paragraphs, split_sentences
from helpers.errors import PipelineError
from helpers.tagger import (
    WORD_CACHE_SIZE, analysis, hanta_word, save_word_analyses, sentence_tagger, tag_tables, word_analyses,
)

PARSE_CACHE_SIZE = 32  # Docs kept by parse() so that all analyses of one article share one Doc
SPACE_TAG = "_SP"


# ---------------------------------------------------------------------------------------------------------
# Sentences


@Language.factory("blickwinkel_sentences")
def make_sentence_splitter(nlp, name):
    """spaCy component: sentence boundaries from `helpers.article`, so `doc.sents` match `Article.sentences`."""
    return set_sentence_starts


def set_sentence_starts(doc):
    """Sentence starts from `helpers.article` for a Doc made from text; a Doc from `parse` already has them."""
    if len(doc) == 0 or doc.has_annotation("SENT_START"):
        return doc
    text = doc.text
    starts = [start for paragraph in split_paragraphs(text) for start, _ in split_sentences(text, *paragraph)]
    return mark_sentence_starts(doc, starts)


def mark_sentence_starts(doc, starts):
    """Set `token.is_sent_start` at the given character offsets; whitespace joins the sentence before it."""
    if len(doc) == 0:
        return doc
    columns = doc.to_array([IDX, IS_SPACE]).astype(numpy.int64)
    token_starts, is_space = columns[:, 0], columns[:, 1].astype(bool)
    sent_start = numpy.full(len(doc), -1, dtype=numpy.int64)
    # A sentence starts at the token that holds its first character (a token start, as the tokenizer
    # splits at whitespace and a sentence starts after whitespace).
    sent_start[numpy.searchsorted(token_starts, starts, side="right") - 1] = 1
    # spaCy's first token always starts a sentence: leading whitespace belongs to the first sentence.
    words = numpy.flatnonzero(~is_space)
    if len(words) and words[0] > 0:
        sent_start[words[0]] = -1
    sent_start[0] = 1
    doc.from_array([SENT_START], sent_start.astype(numpy.uint64))
    return doc


# ---------------------------------------------------------------------------------------------------------
# Tags and lemmas from HanTa


@Language.factory("blickwinkel_hanta")
def make_hanta_tagger(nlp, name):
    """spaCy component: STTS `tag_`, Universal `pos_` and `lemma_` from HanTa, sentence by sentence."""
    tag_tables()  # load HanTa and the stored word analyses now, not in the middle of the first document
    word_analyses()
    return HantaTagger(nlp.vocab)


class HantaTagger:
    """Tags each sentence of a Doc with HanTa (`helpers.tagger`); whitespace gets tag `_SP`, pos `SPACE`."""

    WHITESPACE = -1  # the tag number of a whitespace token, which HanTa does not tag

    def __init__(self, vocab):
        self.vocab = vocab
        self.rows = {}  # (ORTH, HanTa tag) -> (TAG, POS, LEMMA) ids in this vocab
        self.tagger = sentence_tagger()
        self.form_numbers = {}  # ORTH of a word -> the number of its HanTa form in self.tagger
        self.tagger.tag([], [])  # compile the search (or load it from numba's cache) now, not in the first Doc

    def _row(self, orth, tag):
        strings = self.vocab.strings
        text = strings[orth]
        stts, upos, lemma = analysis(text, tag) if tag != self.WHITESPACE else (SPACE_TAG, "SPACE", text)
        row = (strings.add(stts), SYMBOL_IDS[upos], strings.add(lemma))
        if len(self.rows) >= WORD_CACHE_SIZE:
            self.rows.clear()
        self.rows[(orth, tag)] = row
        return row

    def _form_number(self, orth):
        number = self.form_numbers[orth] = self.tagger.form_number(hanta_word(self.vocab.strings[orth]))
        return number

    def __call__(self, doc):
        if len(doc) == 0:
            return doc
        if self.tagger is not sentence_tagger():  # the word analyses were forgotten, or the tagger was full
            self.tagger, self.form_numbers = sentence_tagger(), {}
        columns = doc.to_array([ORTH, IS_SPACE, SENT_START])
        words = numpy.flatnonzero(columns[:, 1] == 0)
        # Python looks each token up in a dictionary or two; all sentences are searched in one compiled call.
        numbers = self.form_numbers
        forms = [numbers[orth] if orth in numbers else self._form_number(orth) for orth in columns[words, 0].tolist()]
        sentence_of_word = numpy.cumsum(columns[:, 2] == 1)[words]
        sentence_starts = numpy.flatnonzero(numpy.diff(sentence_of_word, prepend=-1))  # each one's first word
        tags = numpy.full(len(doc), self.WHITESPACE)
        tags[words] = self.tagger.tag(forms, sentence_starts)
        known = self.rows
        rows = [known.get(key) or self._row(*key) for key in zip(columns[:, 0].tolist(), tags.tolist())]
        doc.from_array([TAG, POS, LEMMA], numpy.array(rows, dtype=numpy.uint64))
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
    # The pipeline's tables (HanTa's model, the stored word analyses, catalogs, lexicons) live as long as the
    # process: frozen, they are no longer scanned by every full garbage collection (about 5% of an analysis).
    gc.freeze()
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


# Per (pipeline, article): its Doc and the tables computed from it, so that nothing is computed twice.
_parsed = OrderedDict()


def parse(article, pipeline=None):
    """The spaCy Doc of an article (its text is exactly `article.text`), parsed once and then shared.

        doc = parse(article)
        doc.user_data["article_id"]     # article.id
    """
    nlp = pipeline if pipeline is not None else load_pipeline()
    key = (nlp, article)
    if key in _parsed:
        _parsed.move_to_end(key)
        return _parsed[key][0]
    return _remember(key, nlp(_unparsed(nlp, article)))


def remembered(article, name, build, pipeline=None):
    """The result of `build()` for an article, computed once while its Doc is remembered by `parse`.

        columns = remembered(article, ("quotes",), lambda: find_quotes(article))

    `name` must say everything the result depends on besides the article and the pipeline (e.g. a lexicon
    path). Every caller gets the same object, so none may change it: public functions make a new DataFrame
    of it for their callers (see `helpers.tables`).
    """
    nlp = pipeline if pipeline is not None else load_pipeline()
    parse(article, nlp)
    results = _parsed[(nlp, article)][1]
    if name not in results:
        results[name] = build()
    return results[name]


def parse_many(articles, pipeline=None, batch_size=64):
    """(article, Doc) pairs for a stream of articles, parsed in batches through `nlp.pipe`.

        for article, doc in parse_many(load_corpus("data/")):
            ...
    """
    nlp = pipeline if pipeline is not None else load_pipeline()
    pairs = ((_unparsed(nlp, article), article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield article, _remember((nlp, article), doc)
    save_word_analyses()  # the next process need not analyse this corpus's new words again


def _unparsed(nlp, article):
    """The tokens of an article with its sentences (`Article.sentences`), before the pipeline's components."""
    doc = nlp.make_doc(article.text)
    mark_sentence_starts(doc, [sentence.start for sentence in article.sentences])
    doc.user_data["article_id"] = article.id
    return doc


def _remember(key, doc):
    _parsed[key] = (doc, {})
    _parsed.move_to_end(key)
    while len(_parsed) > PARSE_CACHE_SIZE:
        _parsed.popitem(last=False)
    return doc
