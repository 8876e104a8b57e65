"""Load a news article (plain text, HTML, JSON, JSONL) into an `Article` whose parts all point into its text.

    article = load_article("data/dpa_frankreich_russland_is.txt")
    article.date, article.places, article.agency     # ('2018-06', ('Paris', 'Moskau', ...), 'dpa')
    [section.title for section in article.sections]    # the Q&A questions

`Article.text` is the normalised text (UTF-8, NFC, `\\n` line ends); every `start`/`end` anywhere in the
project is a character offset into it. Nothing of the input is dropped: every non-whitespace character lies
in one of `Article.paragraphs`.
"""

import bisect
import glob as globbing
import json
import re
import unicodedata
import warnings
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from helpers.errors import ArticleError, BlickwinkelWarning
from helpers.resources import read_yaml, word_list

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES

MAX_HEADING_CHARS = 250
SHORT_LABEL_CHARS = 35
MAX_TITLE_WORDS = 20
MIN_WORDS_FOR_LANGUAGE_CHECK = 30
MIN_GERMAN_FUNCTION_WORD_SHARE = 0.08


@dataclass(frozen=True)
class Paragraph:
    """A block of text between blank lines. `kind` is title, lead, question, heading or body."""

    index: int
    start: int
    end: int
    kind: str
    section_index: int | None


@dataclass(frozen=True)
class Section:
    """A heading (in the Q&A format: a question) with the paragraphs that answer it."""

    index: int
    title: str
    title_start: int
    title_end: int
    start: int
    end: int
    paragraph_indexes: tuple[int, ...]
    is_question: bool


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """One news article. Offsets (`start`, `end`) refer to `text`; `date` keeps its precision ('2018-06')."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    date_precision: str | None = None
    places: tuple[str, ...] = ()
    agency: str | None = None
    dateline: tuple[int, int] | None = None
    lead: tuple[int, int] | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    sections: tuple[Section, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    source: str | None = None
    metadata: dict = field(default_factory=dict, hash=False, compare=False)

    def span(self, start, end):
        """The text between two offsets, e.g. `article.span(*article.lead)`."""
        return self.text[start:end]

    @property
    def lead_text(self):
        return self.span(*self.lead) if self.lead else ""

    @property
    def display_title(self):
        return self.title or self.id

    def sentence_at(self, offset):
        """The sentence that contains `offset`, or None for whitespace between sentences."""
        return _item_at(self.sentences, self._starts["sentences"], offset)

    def paragraph_at(self, offset):
        return _item_at(self.paragraphs, self._starts["paragraphs"], offset)

    def section_at(self, offset):
        """The section (heading and its paragraphs) that contains `offset`, or None before the first heading."""
        return _item_at(self.sections, self._starts["sections"], offset)

    def part_at(self, offset):
        """Where an offset stands: 'dateline', 'title', 'lead', 'question', 'heading' or 'body'."""
        if self.dateline and self.dateline[0] <= offset < self.dateline[1]:
            return "dateline"
        paragraph = self.paragraph_at(offset)
        return paragraph.kind if paragraph else "body"

    @cached_property
    def _starts(self):
        """The start offsets of the sentences, paragraphs and sections, listed once for the `*_at` look-ups
        (a table asks for every row)."""
        return {name: [item.start for item in getattr(self, name)] for name in ("sentences", "paragraphs", "sections")}

    def locate(self, start):
        """Sentence index, section index and title, and part of the text for a table row at `start`."""
        sentence = self.sentence_at(start)
        section = self.section_at(start)
        return {
            "sentence": sentence.index if sentence else None,
            "section_index": section.index if section else 0,
            "section": section.title if section else "",
            "part": self.part_at(start),
        }


def _item_at(items, starts, offset):
    position = bisect.bisect_right(starts, offset) - 1
    if position >= 0 and items[position].start <= offset < items[position].end:
        return items[position]
    return None


# ---------------------------------------------------------------------------------------------------------
# Reading files


def load_article(source, *, article_id=None, title=None, date=None):
    """Load one article from a path or from the article text itself.

        article = load_article("data/dpa_frankreich_russland_is.txt")
        article = load_article("Berlin (dpa) - Die Bundesregierung ...", article_id="beispiel")
    """
    if isinstance(source, Path) or _looks_like_path(source):
        articles = list(_articles_from_file(Path(source)))
        if len(articles) != 1:
            raise ArticleError(
                f"{source} holds {len(articles)} articles: use load_corpus() to read all of them"
            )
        article = articles[0]
        overrides = {"id": article_id, "title": title}
        overrides = {key: value for key, value in overrides.items() if value is not None}
        if date is not None:
            overrides["date"], overrides["date_precision"] = parse_date(date)
        return replace(article, **overrides) if overrides else article
    if not isinstance(source, str):
        raise ArticleError(f"cannot load an article from {type(source).__name__}: give a path or a text string")
    return article_from_text(source, article_id=article_id or "text", title=title, date=date)


def load_corpus(sources, *, progress=True):
    """Stream the articles of folders, globs, files and JSONL files, one `Article` at a time.

        for article in load_corpus("data/"):
            print(article.id, len(article.text))
    """
    paths = corpus_paths(sources)
    for path in tqdm(paths, desc="articles", unit="file", disable=not progress or len(paths) < 20):
        yield from _articles_from_file(path)


def corpus_paths(sources):
    """The article files that a folder, glob, file or list of them names, in a stable order."""
    if isinstance(sources, (str, Path)):
        sources = [sources]
    paths = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            found = [p for p in found if not p.name.startswith(".") and p.name.lower() != "readme.md"]
        elif path.is_file():
            found = [path]
        elif not globbing.has_magic(str(source)):
            raise ArticleError(f"file {source} not found: check the path (relative to {Path.cwd()})")
        else:
            found = sorted(Path(match) for match in globbing.glob(str(source), recursive=True))
            found = [p for p in found if p.is_file()]
        if not found:
            raise ArticleError(f"{source} names no article files: give a file, a folder or a glob like 'data/*.txt'")
        paths.extend(found)
    return paths


def _looks_like_path(source):
    if not isinstance(source, str):
        return False
    if "\n" in source or len(source) > 1024:
        return False
    try:
        if Path(source).exists():
            return True
    except OSError:  # e.g. a long text is too long to be a file name
        return False
    if re.search(r"\s", source):
        return False
    if Path(source).suffix.lower() in ARTICLE_SUFFIXES - {""} or "/" in source:
        raise ArticleError(f"file {source} not found: check the path (relative to {Path.cwd()})")
    return False


def _articles_from_file(path):
    if not path.exists():
        raise ArticleError(f"file {path} not found: check the path (relative to {Path.cwd()})")
    if path.is_dir():
        raise ArticleError(f"{path} is a folder: use load_corpus() to read the articles in it")
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _articles_from_jsonl(path)
        return
    text = read_text_file(path)
    if suffix in JSON_SUFFIXES:
        yield article_from_json(_parse_json(text, path), default_id=path.stem, source=str(path))
    elif suffix in HTML_SUFFIXES or _looks_like_html(text):
        yield article_from_html(text, article_id=path.stem, source=str(path))
    else:
        yield article_from_text(text, article_id=path.stem, source=str(path))


def read_text_file(path):
    """The text of a file: UTF-8 (with or without BOM), else Windows-1252 with a warning."""
    data = Path(path).read_bytes()
    if not data.strip():
        raise ArticleError(f"{path} is empty: give a file that contains the article text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(f"{path} is a binary file, not text: give the article as .txt, .html or .json")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    if _control_char_share(text) > 0.05 or "\ufffd" in text:
        if _control_char_share(text) > 0.05:
            raise ArticleError(f"{path} is a binary file, not text: give the article as .txt, .html or .json")
        text = data.decode("latin-1")
    warnings.warn(
        f"{path} is not UTF-8; read it as Windows-1252 (Latin-1). Save it as UTF-8 if umlauts look wrong.",
        BlickwinkelWarning,
        stacklevel=3,
    )
    return text


def _control_char_share(text):
    controls = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in "\n\r\t\f")
    return controls / max(len(text), 1)


def _parse_json(text, path):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ArticleError(
            f"{path} is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno}): "
            "fix the file or save the article as .txt"
        ) from error


def _articles_from_jsonl(path):
    """The articles of a JSONL file, read line by line so that a large corpus file needs little memory."""
    found = False
    with open(path, "rb") as lines:
        for line_number, line in enumerate(lines, start=1):
            if line_number == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")
            if not line.strip():
                continue
            found = True
            yield article_from_json(_jsonl_record(line, line_number, path),
                                    default_id=f"{path.stem}-{line_number}", source=f"{path}:{line_number}")
    if not found:
        raise ArticleError(f"{path} is empty: a JSONL corpus needs one {{\"id\": ..., \"text\": ...}} per line")


def _jsonl_record(line, line_number, path):
    try:
        return json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ArticleError(f"{path} line {line_number} is not UTF-8: save the JSONL file as UTF-8") from error
    except json.JSONDecodeError as error:
        raise ArticleError(
            f"{path} line {line_number} is not valid JSON ({error.msg}): each line must be one "
            '{"id": ..., "text": ...} object'
        ) from error


def _looks_like_html(text):
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


# ---------------------------------------------------------------------------------------------------------
# Formats


WIKINEWS_NAME = re.compile(r"^(?P<id>\S+) - (?P<title>.*?)(?: \((?P<date>\d{4}-\d{2}-\d{2})\))?$")


def article_from_json(record, *, default_id="article", source=None):
    """An article from a JSON object: `{"title", "text", "date", ...}` or a Wikinews quotation document."""
    if not isinstance(record, dict):
        raise ArticleError(
            f"{source or 'the JSON'} holds a {type(record).__name__}, not an article object: "
            'give {"text": "...", "title": "...", "date": "..."}'
        )
    if "originalText" in record:
        # Wikinews quotation data: keep the text exactly, so that the gold offsets stay valid.
        name = WIKINEWS_NAME.match(record.get("documentName", "")) or None
        return build_article(
            record["originalText"],
            article_id=str(record.get("id") or default_id),
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
    metadata = {key: value for key, value in record.items() if key not in {"text", "id", "title", "date"}}
    return article_from_text(
        text,
        article_id=str(record.get("id") or default_id),
        title=record.get("title"),
        date=record.get("date"),
        source=source,
        metadata=metadata,
    )


def article_from_html(html, *, article_id="article", source=None):
    """An article from a news web page; the main text is extracted with trafilatura."""
    import trafilatura  # slow to import, and only needed for HTML

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if extracted is None or not (extracted.text or "").strip():
        raise ArticleError(
            f"{source or 'the HTML'} contains no article text that could be extracted: "
            "save the article text as .txt instead"
        )
    # trafilatura separates paragraphs by single newlines; blank lines make them paragraphs here.
    text = re.sub(r"\n+", "\n\n", extracted.text.strip())
    return article_from_text(
        text, article_id=article_id, title=extracted.title, date=extracted.date, source=source
    )


def article_from_text(text, *, article_id="article", title=None, date=None, source=None, metadata=None):
    """An article from plain text, with dpa-style dateline, lead and Q&A sections where present."""
    return build_article(
        text, article_id=article_id, title=title, date=date, source=source, metadata=metadata, normalise=True
    )


def normalise_text(text):
    """NFC, `\\n` line ends, no BOM: the text that all offsets refer to."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def build_article(text, *, article_id, title=None, date=None, source=None, metadata=None, normalise=True):
    if not isinstance(text, str):
        raise ArticleError(f"the article text of {source or article_id} is not a string: give the text as str")
    if normalise:
        text = normalise_text(text)
    if not text.strip():
        raise ArticleError(f"{source or article_id} is empty or only whitespace: give the article text")
    if not re.search(r"[^\W\d_]{2,}", text):
        raise ArticleError(f"{source or article_id} contains no words, so it is not an article: check the file")
    _warn_unless_german(text, source or article_id)

    paragraph_spans = split_paragraphs(text)
    # the dateline opens the first paragraph, or the second one after a title line
    dateline = next(filter(None, (parse_dateline(text, start) for start, _ in paragraph_spans[:2])), None)
    date_value, precision = parse_date(date) if date else (None, None)
    if date_value is None and dateline and dateline["date"]:
        date_value, precision = parse_date(dateline["date"])

    sentences = tuple(
        Sentence(index, start, end)
        for index, (start, end) in enumerate(
            sentence for paragraph in paragraph_spans for sentence in split_sentences(text, *paragraph)
        )
    )
    kinds = _paragraph_kinds(text, paragraph_spans, sentences, has_title=title is not None, dateline=dateline)
    if title is None and kinds and kinds[0] == "title":
        title = text[slice(*paragraph_spans[0])]
    paragraphs, sections = _paragraphs_and_sections(text, paragraph_spans, kinds)
    lead = _lead_span(paragraphs, dateline)
    return Article(
        id=str(article_id),
        text=text,
        title=title.strip() if isinstance(title, str) and title.strip() else None,
        date=date_value,
        date_precision=precision,
        places=tuple(dateline["places"]) if dateline else (),
        agency=dateline["agency"] if dateline else None,
        dateline=(dateline["start"], dateline["end"]) if dateline else None,
        lead=lead,
        paragraphs=paragraphs,
        sections=sections,
        sentences=sentences,
        source=source,
        metadata=dict(metadata or {}),
    )


def _warn_unless_german(text, name):
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < MIN_WORDS_FOR_LANGUAGE_CHECK:
        return
    function_words = set(word_list("german_function_words.txt"))
    share = sum(word in function_words for word in words) / len(words)
    if share < MIN_GERMAN_FUNCTION_WORD_SHARE:
        warnings.warn(
            f"{name} does not look like German ({share:.0%} German function words): the analyses are "
            "built for German news and will miss most of what they look for",
            BlickwinkelWarning,
            stacklevel=4,
        )


# ---------------------------------------------------------------------------------------------------------
# Dateline and date


def _agency_spellings():
    return {spelling: name for name, spellings in read_yaml("agencies.yaml").items() for spelling in spellings}


DATELINE = re.compile(
    r"""\s*
    (?:date\s+(?P<date>\d{4}(?:-\d{2}){0,2})\s+)?          # 'date 2018-06' as in the dpa seed
    (?P<places>[A-ZÄÖÜÉ][^\s()/]*(?:[ -][A-ZÄÖÜÉa-z][^\s()/]*){0,3}
        (?:\s*/\s*[A-ZÄÖÜÉ][^\s()/]*(?:[ -][A-ZÄÖÜÉa-z][^\s()/]*){0,3})*)
    \s*\((?P<agency>[^()\n]{1,30})\)\s*[-–—:]\s*""",
    re.VERBOSE,
)


def parse_dateline(text, start=0):
    """The dateline 'Paris/Moskau (dpa) - ' at `start` of a text: places, agency, date and its span."""
    match = DATELINE.match(text, start)
    if not match:
        return None
    spellings = _agency_spellings()
    agencies = [part.strip() for part in re.split(r"[/,]", match["agency"])]
    if not agencies or not all(agency in spellings for agency in agencies):
        return None
    return {
        "date": match["date"],
        "places": [place.strip() for place in match["places"].split("/")],
        "agency": "/".join(spellings[agency] for agency in agencies),
        "start": start + len(text[start:]) - len(text[start:].lstrip()),
        "end": match.end(),
    }


GERMAN_DATE = re.compile(r"^(?:(?P<day>\d{1,2})\.\s*)?(?P<month>\d{1,2})\.\s*(?P<year>\d{4})$")
ISO_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?:[T ].*)?$")


def parse_date(value):
    """An ISO date string at its real precision and that precision: '2018-06' -> ('2018-06', 'month')."""
    if value is None:
        return None, None
    text = str(value).strip()
    match = ISO_DATE.match(text) or GERMAN_DATE.match(text)
    if not match:
        warnings.warn(f"date {text!r} was not understood and is left out: use YYYY, YYYY-MM or YYYY-MM-DD",
                      BlickwinkelWarning, stacklevel=3)
        return None, None
    year, month, day = match["year"], match["month"], match["day"]
    if month and not 1 <= int(month) <= 12 or day and not 1 <= int(day) <= 31:
        warnings.warn(f"date {text!r} is not a valid date and is left out", BlickwinkelWarning, stacklevel=3)
        return None, None
    if day:
        return f"{year}-{int(month):02d}-{int(day):02d}", "day"
    if month:
        return f"{year}-{int(month):02d}", "month"
    return year, "year"


# ---------------------------------------------------------------------------------------------------------
# Paragraphs, sentences, sections


def split_paragraphs(text):
    """(start, end) of each paragraph: blocks between blank lines, or lines when there are no blank lines."""
    if re.search(r"\n[^\S\n]*\n", text):
        pattern = r"\S(?:[^\n]|\n(?![^\S\n]*\n))*"
    else:
        pattern = r"\S[^\n]*"
    spans = []
    for match in re.finditer(pattern, text):
        start, end = match.start(), match.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        spans.append((start, end))
    return spans


CLOSING_MARKS = "\"'“”‘’«»›‹)]"
SENTENCE_END = re.compile(rf"[.!?…]+[{re.escape(CLOSING_MARKS)}]*(?=\s+|$)|\n")


def split_sentences(text, start=0, end=None):
    """(start, end) of each sentence between two offsets; lines and paragraphs always end a sentence.

        split_sentences("Er kam am 5. August. Dann ging er.")   # [(0, 20), (21, 34)]
    """
    end = len(text) if end is None else end
    abbreviations = _abbreviation_set()
    spans = []
    sentence_start = start
    for match in SENTENCE_END.finditer(text, start, end):
        if match.group() != "\n" and not _ends_sentence(text, match, end, abbreviations):
            continue
        stop = match.start() if match.group() == "\n" else match.end()
        _add_span(text, sentence_start, stop, spans)
        sentence_start = match.end()
    _add_span(text, sentence_start, end, spans)
    return spans


def _add_span(text, start, end, spans):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def _abbreviation_set():
    return set(word_list("abbreviations.txt"))


WORD_BEFORE = re.compile(r"(\S*)$")
FIRST_AFTER = re.compile(r"\s*(\S)")
WORD_WINDOW = 60  # characters; longer "words" before a period are not abbreviations


def _ends_sentence(text, match, end, abbreviations):
    # look at short windows only: slicing up to the end of a long text at every period is quadratic
    following = FIRST_AFTER.match(text, match.end(), end)
    if not following:
        return True
    if match.group().startswith("."):
        word = WORD_BEFORE.search(text, max(0, match.start() - WORD_WINDOW), match.start()).group(1)
        word = word.lstrip("(\"„“»«'")
        if word in abbreviations or re.fullmatch(r"[A-ZÄÖÜ]", word):
            return False
        # ordinals and dates: "am 5. August", "der 2. Weltkrieg", "17.11.2015"
        if re.fullmatch(r"\d{1,2}|\d{1,2}\.\d{1,2}", word):
            return False
    first = following.group(1)
    return first.isupper() or first.isdigit() or first in "\"„“»«‚'(-–"


def _paragraph_kinds(text, spans, sentences, *, has_title, dateline):
    sentence_starts = [sentence.start for sentence in sentences]
    kinds = []
    for index, (start, end) in enumerate(spans):
        content = text[start:end]
        one_line = "\n" not in content
        sentence_count = bisect.bisect_left(sentence_starts, end) - bisect.bisect_left(sentence_starts, start)
        has_next = index + 1 < len(spans)
        is_first = index == 0
        starts_with_dateline = dateline is not None and start <= dateline["start"] < end
        if is_first and not has_title and not starts_with_dateline and one_line and has_next \
                and len(content.split()) <= MAX_TITLE_WORDS and not content.endswith((".", ":", ",")):
            kinds.append("title")
        elif one_line and has_next and not starts_with_dateline and len(content) <= MAX_HEADING_CHARS \
                and sentence_count == 1 and content.endswith("?") and kinds:
            kinds.append("question")
        elif one_line and has_next and not starts_with_dateline and kinds \
                and len(content.split()) <= 8 and not re.search(r"[.!:;,…\"“”»«)]$", content):
            kinds.append("heading")
        else:
            kinds.append("body")
    # A heading needs text under it: two headings in a row make the first one ordinary text.
    for index in range(len(kinds) - 1):
        if kinds[index] in {"question", "heading"} and kinds[index + 1] in {"question", "heading"}:
            kinds[index] = "body"
    first_text = next((i for i, kind in enumerate(kinds) if kind == "body"), None)
    if first_text is not None and "question" not in kinds[:first_text] and "heading" not in kinds[:first_text]:
        kinds[first_text] = "lead"
    return kinds


def _paragraphs_and_sections(text, spans, kinds):
    heading_positions = [i for i, kind in enumerate(kinds) if kind in {"question", "heading"}]
    sections = []
    section_of = {}
    for number, position in enumerate(heading_positions, start=1):
        last = (heading_positions[number] if number < len(heading_positions) else len(spans)) - 1
        members = tuple(range(position, last + 1))
        for member in members:
            section_of[member] = number
        title_start, title_end = spans[position]
        sections.append(Section(
            index=number,
            title=text[title_start:title_end],
            title_start=title_start,
            title_end=title_end,
            start=title_start,
            end=spans[last][1],
            paragraph_indexes=members,
            is_question=kinds[position] == "question",
        ))
    paragraphs = tuple(
        Paragraph(index, start, end, kinds[index], section_of.get(index))
        for index, (start, end) in enumerate(spans)
    )
    return paragraphs, tuple(sections)


def _lead_span(paragraphs, dateline):
    lead = next((paragraph for paragraph in paragraphs if paragraph.kind == "lead"), None)
    if lead is None:
        return None
    start = dateline["end"] if dateline and lead.start <= dateline["start"] < lead.end else lead.start
    return (start, lead.end)


# ---------------------------------------------------------------------------------------------------------
# Tables


def paragraphs_table(article):
    """One row per paragraph: article_id, paragraph, kind, section_index, section, start, end, text."""
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
            "sentences": sum(paragraph.start <= s.start < paragraph.end for s in article.sentences),
            "words": len(re.findall(r"\w+(?:[-'’]\w+)*", article.span(paragraph.start, paragraph.end))),
            "text": article.span(paragraph.start, paragraph.end),
        })
    return pd.DataFrame(rows)


def sections_table(article):
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


def sentences_table(article):
    """One row per sentence: article_id, sentence, section_index, section, part, start, end, text."""
    rows = []
    for sentence in article.sentences:
        place = article.locate(sentence.start)
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


def article_summary(article):
    """The article's metadata as one dict: id, title, date and its precision, places, agency, counts."""
    return {
        "article_id": article.id,
        "title": article.title,
        "date": article.date,
        "date_precision": article.date_precision,
        "places": list(article.places),
        "agency": article.agency,
        "lead": article.lead_text,
        "sections": len(article.sections),
        "paragraphs": len(article.paragraphs),
        "sentences": len(article.sentences),
        "characters": len(article.text),
        "source": article.source,
    }
