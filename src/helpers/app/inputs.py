"""What a teacher gives the app, read into an `Article`: pasted text or one uploaded file, with German messages.

    article, notes = read_input("Berlin (dpa) - Die Regierung ...", files=[])
    article, notes = read_input("", files=[("bericht.html", page_bytes)])

A file is read by the project's loader (`load_article`: encodings, HTML extraction, JSON); pasted text by
`article_from_text`, so that a pasted line is never taken for a file name. Anything that is not a German
article raises `ArticleError` with a German message that says what to do; the loader's own (English) message
is kept as the error's cause. Warnings of the loader come back as `notes`, in German, for the reader.
"""

import re
import tempfile
from contextlib import contextmanager
import warnings
from dataclasses import replace
from pathlib import Path

from helpers.article import Article, article_from_text, load_article
from helpers.errors import ArticleError, BlickwinkelWarning, LanguageWarning

FILE_SUFFIXES = (".txt", ".html", ".htm", ".json")
PASTED_ID = "eingefuegter_text"
TEMPORARY_FOLDER = "blickwinkel_app_"  # prefix of the folder an upload is read from; never shown to the reader

NOTHING_GIVEN = ("Es gibt noch nichts zu analysieren: Fügen Sie den Text eines Artikels in das Feld ein oder "
                 "wählen Sie eine Datei (.txt, .html oder .json).")
NOT_GERMAN = ("Dieser Text sieht nicht deutsch aus. Blickwinkel untersucht deutsche Nachrichtentexte und fände "
              "in anderen Sprachen fast nichts. Fügen Sie bitte einen deutschen Artikel ein.")
PASTED_NOT_AN_ARTICLE = ("Der eingefügte Text lässt sich nicht als Artikel lesen. Fügen Sie den Fließtext eines "
                         "Zeitungsartikels ein (Überschrift und Absätze).")
FILE_NOT_AN_ARTICLE = ("Die Datei „{name}“ enthält keinen Artikel, den Blickwinkel lesen kann. Speichern Sie den "
                       "Text des Artikels als .txt-Datei (UTF-8) oder kopieren Sie ihn in das Textfeld.")
WRONG_SUFFIX = ("Die Datei „{name}“ kann Blickwinkel nicht lesen: Wählen Sie eine Datei mit der Endung .txt, .html "
                "oder .json, oder kopieren Sie den Text des Artikels in das Textfeld.")
NOTE = "Hinweis des Programms (Meldung auf Englisch): {message}"


def read_input(text: str, files=()) -> tuple[Article, list[str]]:
    """The article of an uploaded file (the first of `files`, pairs of name and bytes) or else of `text`, and
    the German notes for the reader (a guessed encoding, an unclosed quotation mark).

        article, notes = read_input("Berlin (dpa) - Die Regierung ...")
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", BlickwinkelWarning)
        if files:
            name, content = files[0]
            article = _article_of_file(name, content)
        elif text and text.strip():
            article = _article_of_text(text)
        else:
            raise ArticleError(NOTHING_GIVEN)
    if any(issubclass(warning.category, LanguageWarning) for warning in caught):
        raise ArticleError(NOT_GERMAN)
    return article, program_notes(caught)


@contextmanager
def noting(notes: list[str]):
    """Collect the project's warnings raised inside (an unclosed quotation mark ...) as German notes in `notes`.

        with noting(notes):
            analysis = analyze(article)
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", BlickwinkelWarning)
        yield
    notes.extend(note for note in program_notes(caught) if note not in notes)


def program_notes(caught) -> list[str]:
    """The project's warnings among `caught` (from `warnings.catch_warnings(record=True)`) as German notes, each once."""
    messages = dict.fromkeys(_without_folder(str(warning.message)) for warning in caught
                             if issubclass(warning.category, BlickwinkelWarning))
    return [NOTE.format(message=message) for message in messages]


def _article_of_text(text: str) -> Article:
    try:
        return article_from_text(text, article_id=PASTED_ID)
    except ArticleError as error:
        raise ArticleError(PASTED_NOT_AN_ARTICLE) from error


def _article_of_file(name: str, content: bytes) -> Article:
    """The article of an uploaded file, read from a temporary copy under its own name, so that the loader's
    messages and the article's source name the file the teacher chose."""
    name = Path(name).name or "artikel.txt"
    if Path(name).suffix.lower() not in FILE_SUFFIXES:
        raise ArticleError(WRONG_SUFFIX.format(name=name))
    with tempfile.TemporaryDirectory(prefix=TEMPORARY_FOLDER) as folder:
        path = Path(folder) / name
        path.write_bytes(bytes(content))
        try:
            article = load_article(path)
        except ArticleError as error:
            raise ArticleError(FILE_NOT_AN_ARTICLE.format(name=name)) from ArticleError(_without_folder(str(error)))
    return replace(article, source=name)


def _without_folder(message: str) -> str:
    """A loader's message with the temporary folder of an upload left out: '/tmp/blickwinkel_app_x/a.txt' -> 'a.txt'."""
    return re.sub(r"\S*" + TEMPORARY_FOLDER + r"[^/\s]*/", "", message)
