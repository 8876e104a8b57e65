"""German wording for sentences computed from the tables: numbers with their nouns, lists with "und".

    amount(1, "Zitat", "Zitate")       # '1 Zitat'
    german_list(["A", "B", "C"])       # 'A, B und C'
    quoted('"Es ist zu früh"')         # '„Es ist zu früh“'
"""

import re

from helpers.article import Article
from helpers.german.quotation_marks import all_marks

WORD = re.compile(r"\w+(?:[-'’]\w+)*")
TOP = 3  # actors, speakers, frames named in a sentence


def words_in(article: Article) -> int:
    """The number of words of an article's text."""
    return len(WORD.findall(article.text))


def amount(number: int, singular: str, plural: str) -> str:
    """'1 Zitat', '3 Zitate': a number with its noun."""
    return f"{number} {singular if number == 1 else plural}"


def german_list(items: list[str]) -> str:
    """'A', 'A und B', 'A, B und C'."""
    items = [str(item) for item in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " und " + items[-1] if items else ""




def quoted(text: str, words: int = 18) -> str:
    """A text in German quotation marks, its own outer marks dropped, cut after `words` words with '…'."""
    parts = text.strip().strip("".join(all_marks())).split()
    return "„" + " ".join(parts[:words]) + (" …" if len(parts) > words else "") + "“"
