"""Blickwinkel: who is mentioned, who speaks and how a German news story is framed.

    from helpers import load_article
    article = load_article("data/dpa_frankreich_russland_is.txt")
"""

from helpers.article import Article, load_article, load_corpus
from helpers.errors import BlickwinkelError, BlickwinkelWarning

__all__ = ["Article", "BlickwinkelError", "BlickwinkelWarning", "load_article", "load_corpus"]
