"""Article formats: JSON objects, JSONL corpora (one object per line) and news web pages (HTML).

    article_from_json({"id": "a1", "title": "...", "text": "..."})
    article_from_html(open("seite.html").read(), article_id="seite")

JSON keys: `text` (required), `id`, `title`, `date`, `author`, `teaser`; other keys are kept in
`Article.metadata`. The Wikinews quotation format (`originalText`, `documentName`) is read with its text
exactly as given, so that the gold offsets stay valid.
"""

import json
import re
from collections.abc import Iterable, Iterator

from helpers.article.model import Article
from helpers.article.structure import article_from_text, build_article
from helpers.errors import ArticleError

WIKINEWS_NAME = re.compile(r"^(?P<id>\S+) - (?P<title>.*?)(?: \((?P<date>\d{4}-\d{2}-\d{2})\))?$")
KNOWN_KEYS = {"text", "id", "title", "date", "author", "teaser"}


def article_from_json(record: dict, *, default_id: str = "article", source: str | None = None) -> Article:
    """An article from a JSON object: `{"title", "text", "date", ...}` or a Wikinews quotation document.

        article_from_json({"id": "a1", "text": "Berlin (dpa) - ..."})
    """
    if not isinstance(record, dict):
        raise ArticleError(
            f"{source or 'the JSON'} holds a {type(record).__name__}, not an article object: "
            'give {"text": "...", "title": "...", "date": "..."}'
        )
    article_id = _record_id(record, default_id, source)
    if "originalText" in record:
        name = WIKINEWS_NAME.match(record.get("documentName", "")) or None
        return build_article(
            record["originalText"],
            article_id=article_id,
            title=name["title"] if name else record.get("documentName"),
            date=name["date"] if name else None,
            source=source,
            normalise=False,
        )
    text = record.get("text")
    if not isinstance(text, str):
        raise ArticleError(
            f"{source or 'the JSON object'} has no 'text' string (keys: {sorted(record)}): "
            'an article needs {"text": "..."}'
        )
    return article_from_text(
        text,
        article_id=article_id,
        title=record.get("title"),
        date=record.get("date"),
        source=source,
        metadata={key: value for key, value in record.items() if key not in KNOWN_KEYS},
        author=_string_or_none(record.get("author")),
        teaser=_string_or_none(record.get("teaser")),
    )


def _record_id(record, default_id, source):
    """The id of a JSON record: a string as it is, a number as written (0 is an id), else the default."""
    value = record.get("id")
    if value is None:
        return str(default_id)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ArticleError(f"{source or 'the JSON object'}: the id must be a string or a number, not "
                           f"{json.dumps(value)[:40]}: give every article an id like \"artikel-1\"")
    return str(value)


def _string_or_none(value):
    return value.strip() or None if isinstance(value, str) else None


def parse_json(text: str, source: str) -> object:
    """The content of a JSON file, or an `ArticleError` that says where it is broken."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ArticleError(
            f"{source} is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno}): "
            "fix the file or save the article as .txt"
        ) from error


def articles_from_jsonl(lines: Iterable[bytes], file_id: str, source: str, on_error=None) -> Iterator[Article]:
    """The articles of a JSONL file's lines, read one by one so that a large corpus file needs little memory.

    A line that is not an article raises `ArticleError` naming its number, or, with `on_error`, is passed to
    it and the next line is read.
    """
    found = False
    for line_number, line in enumerate(lines, start=1):
        if line_number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        found = True
        try:
            yield article_from_json(_jsonl_record(line, line_number, source), default_id=f"{file_id}-{line_number}",
                                    source=f"{source}:{line_number}")
        except ArticleError as error:
            error.source = f"{source}:{line_number}"  # where a corpus run records it
            if on_error is None:
                raise
            on_error(error)
    if not found:
        raise ArticleError(f"{source} is empty: a JSONL corpus needs one {{\"id\": ..., \"text\": ...}} per line")


def _jsonl_record(line, line_number, source):
    try:
        return json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ArticleError(f"{source} line {line_number} is not UTF-8: save the JSONL file as UTF-8") from error
    except json.JSONDecodeError as error:
        raise ArticleError(
            f"{source} line {line_number} is not valid JSON ({error.msg}): each line must be one "
            '{"id": ..., "text": ...} object'
        ) from error


def looks_like_html(text: str) -> bool:
    """Whether a text without a file suffix is a web page: it begins like one."""
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def article_from_html(html: str, *, article_id: str = "article", source: str | None = None) -> Article:
    """An article from a news web page: the headline as title, the teaser, author and date from the page's
    metadata, and the main text (extracted with trafilatura, without navigation, banners and footer).

        article_from_html(open("seite.html").read(), article_id="seite")

    The text is the headline, the teaser and the paragraphs of the article, so that the title and the lead are
    analysed like those of a plain-text article.
    """
    import trafilatura  # slow to import, and only needed for HTML

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    body = (extracted.text or "").strip() if extracted is not None else ""
    if not body:
        raise ArticleError(
            f"{source or 'the HTML'} contains no article text that could be extracted: "
            "save the article text as .txt instead"
        )
    title = _one_line(extracted.title)
    teaser = _one_line(extracted.description)
    # trafilatura separates paragraphs by single newlines; blank lines make them paragraphs here
    paragraphs = [paragraph.strip() for paragraph in re.split(r"\n+", body) if paragraph.strip()]
    opening = [part for part in (title, teaser) if part and part not in paragraphs[:2]]
    return article_from_text(
        "\n\n".join(opening + paragraphs), article_id=article_id, title=title, date=extracted.date, source=source,
        author=_one_line(extracted.author), teaser=teaser,
    )


def _one_line(value):
    return " ".join(value.split()) or None if isinstance(value, str) else None
