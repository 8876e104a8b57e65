"""Articles: read a news text from a file or string into an `Article` whose parts all point into its text.

    from helpers.article import load_article
    article = load_article("data/dpa_frankreich_russland_is.txt")
    [section.title for section in article.sections]    # the Q&A questions

`model` is the Article and its parts, `structure` finds them in a text (dateline, lead, sections, sentences),
`files` reads files, folders and standard input, `formats` JSON, JSONL and HTML, `tables` lists the parts as DataFrames.
"""

from helpers.article.model import Article, Paragraph, Section, Sentence, words_as_written
from helpers.article.files import corpus_files, corpus_paths, load_article, load_corpus
from helpers.article.structure import article_from_text
from helpers.article.tables import article_summary, paragraphs_table, sections_table, sentences_table

__all__ = [
    "Article", "Paragraph", "Section", "Sentence", "article_from_text", "article_summary", "corpus_files", "corpus_paths",
    "load_article", "load_corpus", "paragraphs_table", "sections_table", "sentences_table", "words_as_written",
]
