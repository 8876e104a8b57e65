"""The first component of the pipeline: the article's structure in the Doc (`doc._.article`) and its sentences.

    doc = article_doc(nlp, article)     # tokens of article.text, with the Article attached
    doc = nlp(doc)                      # components read doc._.article: dateline, paragraphs, sections
    doc = nlp("Berlin (dpa) - ...")     # a plain text: its Article is built from doc.text

`doc.sents` are exactly `Article.sentences` (whitespace between sentences joins the sentence before it).
"""

import numpy
from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from helpers.article import Article
from helpers.article.structure import build_article
from helpers.errors import PipelineError

if not Doc.has_extension("article"):
    Doc.set_extension("article", default=None)


@Language.factory("blickwinkel_article")
def make_article_component(nlp: Language, name: str):
    """spaCy component: `doc._.article` (built from `doc.text` unless given) and its sentence starts."""
    return attach_article


def attach_article(doc: Doc) -> Doc:
    """Give a Doc its Article (unless `article_doc` gave it one) and mark the Article's sentences in it."""
    article = doc._.article
    if article is None:
        text = doc.text  # joins the tokens anew at each use
        if not text.strip():
            return doc  # nothing to analyse
        # the Doc's text as it is, so that every offset of the Article is an offset of the Doc
        article = doc._.article = build_article(text, article_id=doc.user_data.get("article_id", "text"),
                                                normalise=False)
    elif not article.text.strip():
        return doc
    return mark_sentence_starts(doc, [sentence.start for sentence in article.sentences])


# Components of trained pipelines whose memory grows fast with a text's length: spaCy's `max_length` guards them
MEMORY_HUNGRY = {"parser", "ner", "tok2vec", "transformer", "morphologizer", "tagger", "senter"}


def article_doc(nlp: Language, article: Article) -> Doc:
    """The tokens of an article's text, with the Article attached, ready for `nlp(doc)` or `nlp.pipe`.

    A text longer than spaCy's `max_length` (one million characters) is analysed whole by the project's own
    pipeline, which needs about as much memory per word as for a short text; a trained pipeline's neural
    components would need far more, so there it is the project's error.
    """
    if len(article.text) > nlp.max_length:
        heavy = MEMORY_HUNGRY & set(nlp.pipe_names)
        if heavy:
            raise PipelineError(
                f"{article.source or article.id} has {len(article.text):,} characters, more than the trained "
                f"pipeline's components ({', '.join(sorted(heavy))}) handle (max_length {nlp.max_length:,}): split "
                "the text into several articles, or use load_pipeline() without `base`"
            )
        nlp.max_length = len(article.text) + 1
    doc = nlp.make_doc(article.text)
    doc._.article = article
    doc.user_data["article_id"] = article.id
    return doc


def mark_sentence_starts(doc: Doc, starts: list[int]) -> Doc:
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
