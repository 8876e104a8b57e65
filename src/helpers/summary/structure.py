"""An article's structure in German sentences: its parts, dateline, dates and lead.

    describe_structure(article)     # 'Der Text hat 13 Absätze mit 45 Sätzen und 647 Wörtern. ...'
    describe_dates(article)         # the date and the years and months the text names
    section_labels(mentions)        # '0 · Anfang', '1 · Was will Russland mit der …' for charts
"""

import re

import pandas as pd

from helpers.article import Article
from helpers.resources import word_list
from helpers.summary.wording import WORD, amount, german_list, words_in

MONTH = re.compile(r"\b(" + "|".join(word_list("month_names.txt")) + r")\b")


def describe_structure(article: Article) -> str:
    """The article's parts in one or two sentences: title, dateline, date, lead, sections."""
    parts = [f"Der Text hat {amount(len(article.paragraphs), 'Absatz', 'Absätze')} mit "
             f"{amount(len(article.sentences), 'Satz', 'Sätzen')} und {amount(words_in(article), 'Wort', 'Wörtern')}."]
    if article.dateline:
        places = german_list(list(article.places))
        parts.append(f"Er beginnt mit einer Dachzeile: Ort{'e' if len(article.places) > 1 else ''} {places}, "
                     f"Agentur {article.agency}.")
    else:
        parts.append("Er hat keine Dachzeile (Ort und Agentur am Anfang).")
    if article.date:
        precision = {"day": "auf den Tag", "month": "nur auf den Monat", "year": "nur auf das Jahr"}
        parts.append(f"Sein Datum ist {article.date} ({precision.get(article.date_precision, '')} genau).")
    else:
        parts.append("Ein Datum ist nicht angegeben.")
    questions = [section for section in article.sections if section.is_question]
    sections = amount(len(article.sections), "Abschnitt", "Abschnitte")
    if questions:
        which = "alle" if len(questions) == len(article.sections) else f"{len(questions)} davon"
        parts.append(f"Er ist in {sections} gegliedert, {which} mit einer Frage als Überschrift "
                     "(Frage-und-Antwort-Form).")
    elif article.sections:
        parts.append(f"Er ist in {sections} mit Zwischenüberschriften gegliedert.")
    else:
        parts.append("Er hat keine Zwischenüberschriften.")
    return " ".join(parts)


def describe_dateline(article: Article) -> str:
    """The dateline in one sentence: where the article was written, and by which agency."""
    if not article.dateline:
        return ("Dieser Artikel hat keine Dachzeile: Er nennt am Anfang weder einen Ort noch eine "
                "Nachrichtenagentur.")
    places = german_list(list(article.places))
    return (f"Dieser Artikel beginnt mit der Dachzeile „{article.dateline_text}“: geschrieben in {places}, "
            f"von der Agentur {article.agency}.")


def describe_dates(article: Article) -> str:
    """The article's date and the years and months its text names: hints for checking the date."""
    if article.date:
        precision = {"day": "auf den Tag", "month": "nur auf den Monat", "year": "nur auf das Jahr"}
        sentences = [f"Das Datum des Artikels ist {article.date} ({precision.get(article.date_precision, '')} "
                     "genau)."]
    else:
        sentences = ["Der Artikel gibt kein Datum an."]
    text = article.text[article.dateline[1]:] if article.dateline else article.text  # not the archive's field
    years = sorted(set(re.findall(r"\b(?:1[89]|20)\d\d\b", text)))
    months = list(dict.fromkeys(MONTH.findall(text)))
    if years or months:
        named = [f"die Jahre {german_list(years)}" if len(years) > 1 else f"das Jahr {years[0]}"] if years else []
        named += [f"die Monate {german_list(months)}" if len(months) > 1 else f"den Monat {months[0]}"] if months \
            else []
        sentences.append(f"Der Text selbst nennt {' und '.join(named)}.")
    else:
        sentences.append("Der Text selbst nennt kein Jahr und keinen Monat.")
    return " ".join(sentences)


def describe_lead(article: Article) -> str:
    """Whether there is a lead, how long it is, and the questions in it."""
    if not article.lead:
        return "Der Text hat keinen erkennbaren Vorspann."
    start, end = article.lead
    words = amount(len(WORD.findall(article.span(start, end))), "Wort", "Wörter")
    questions = [article.span(sentence.start, sentence.end) for sentence in article.sentences
                 if start <= sentence.start < end and article.span(sentence.start, sentence.end).rstrip(
                     "\"'“”«»)").endswith("?")]
    if questions:
        quoted = german_list([f"„{question}“" for question in questions])
        return f"Der Vorspann hat {words}; in ihm {'steht eine Frage' if len(questions) == 1 else 'stehen Fragen'}: {quoted}"
    return f"Der Vorspann hat {words} und stellt keine Frage."


def lead_quote(article: Article) -> str:
    """The lead as a Markdown quotation, or a sentence that there is none."""
    if not article.lead:
        return "*Der Text hat keinen erkennbaren Vorspann.*"
    return "> " + " ".join(article.lead_text.split())


def section_labels(table: pd.DataFrame, length: int = 40) -> pd.Series:
    """A short label for each row's section (columns section_index and section), for the axis of a chart:
    '0 · Anfang' before the first heading, else the number and the heading cut after `length` characters."""
    def label(index, title):
        if not isinstance(title, str) or not title.strip():
            return f"{index} · Anfang"
        return f"{index} · {title[:length].rstrip()}{'…' if len(title) > length else ''}"
    return pd.Series([label(i, t) for i, t in zip(table["section_index"], table["section"])], index=table.index)
