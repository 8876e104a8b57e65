"""Tables of an article's structure: one row per paragraph, section or sentence, and a summary.

    paragraphs_table(article)[["paragraph", "kind", "start", "end"]]
    sections_table(article)                 # the lead (section 0) and each section with its size
    article_summary(article)                # metadata and counts as one dict
"""

import bisect
import re

import pandas as pd

from helpers.article.model import Article

SHORT_LABEL_CHARS = 35
WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def paragraphs_table(article: Article) -> pd.DataFrame:
    """One row per paragraph: article_id, paragraph, kind, section_index, section, start, end, sentences (how
    many start in it), words, text.

        paragraphs_table(article)[["paragraph", "kind", "words"]]
    """
    sentence_starts = [sentence.start for sentence in article.sentences]
    rows = []
    for paragraph in article.paragraphs:
        section = article.sections[paragraph.section_index - 1] if paragraph.section_index else None
        rows.append({
            "article_id": article.id,
            "paragraph": paragraph.index,
            "kind": paragraph.kind,
            "section_index": paragraph.section_index or 0,
            "section": section.title if section else "",
            "start": paragraph.start,
            "end": paragraph.end,
            # sentences are looked up by their starts: counting them one by one would be quadratic in length
            "sentences": bisect.bisect_left(sentence_starts, paragraph.end)
            - bisect.bisect_left(sentence_starts, paragraph.start),
            "words": len(WORD.findall(article.span(paragraph.start, paragraph.end))),
            "text": article.span(paragraph.start, paragraph.end),
        })
    return pd.DataFrame(rows)


def sections_table(article: Article) -> pd.DataFrame:
    """One row per part of the article: the lead (section 0) and each section, with size counts.

    Columns: article_id, section_index, label (short, for plots), title, is_question, start, end,
    paragraphs, sentences, words.
    """
    paragraphs = paragraphs_table(article)
    rows = []
    for index, group in paragraphs.groupby("section_index", sort=True):
        section = article.sections[index - 1] if index else None
        title = section.title if section else "(Vorspann)"
        rows.append({
            "article_id": article.id,
            "section_index": int(index),
            "label": f"{index}. {title[:SHORT_LABEL_CHARS]}{'…' if len(title) > SHORT_LABEL_CHARS else ''}",
            "title": title,
            "is_question": bool(section and section.is_question),
            "start": int(group["start"].min()),
            "end": int(group["end"].max()),
            "paragraphs": len(group),
            "sentences": int(group["sentences"].sum()),
            "words": int(group["words"].sum()),
        })
    return pd.DataFrame(rows)


def sentences_table(article: Article) -> pd.DataFrame:
    """One row per sentence: article_id, sentence, section_index, section, part, start, end, text.

        sentences_table(article).head(3)
    """
    rows = []
    for sentence in article.sentences:
        place = article.locate(sentence.start)
        if place["part"] == "dateline" and article.dateline[1] < sentence.end:
            place = article.locate(article.dateline[1])  # the first sentence: a lead that follows its dateline
        rows.append({
            "article_id": article.id,
            "sentence": sentence.index,
            "section_index": place["section_index"],
            "section": place["section"],
            "part": place["part"],
            "start": sentence.start,
            "end": sentence.end,
            "text": article.span(sentence.start, sentence.end),
        })
    return pd.DataFrame(rows)


def article_summary(article: Article) -> dict:
    """The article's metadata as one dict: id, title, date and its precision, places, agency, counts.

        article_summary(article)["agency"]      # 'dpa'
    """
    return {
        "article_id": article.id,
        "title": article.title,
        "date": article.date,
        "date_precision": article.date_precision,
        "places": list(article.places),
        "agency": article.agency,
        "author": article.author,
        "teaser": article.teaser,
        "lead": article.lead_text,
        "sections": len(article.sections),
        "paragraphs": len(article.paragraphs),
        "sentences": len(article.sentences),
        "characters": len(article.text),
        "source": article.source,
    }
