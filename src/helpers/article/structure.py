"""The structure of an article's text: dateline, date, title, lead, paragraphs, sections and sentences.

    article = article_from_text("Berlin (dpa) - Die Regierung ...")
    split_sentences("Er kam am 5. August. Dann ging er.")     # [(0, 20), (21, 34)]
    parse_date("2018-06")                                    # ('2018-06', 'month')
"""

import bisect
import re
import unicodedata
import warnings

from helpers.article.model import Article, Paragraph, Section, Sentence
from helpers.errors import ArticleError, BlickwinkelWarning, LanguageWarning
from helpers.german.quotation_marks import sentence_closers, sentence_openers
from helpers.resources import read_yaml, word_list

MAX_HEADING_CHARS = 250
MAX_TITLE_WORDS = 20
MIN_WORDS_FOR_LANGUAGE_CHECK = 30
MIN_GERMAN_FUNCTION_WORD_SHARE = 0.08


def article_from_text(text: str, *, article_id: str = "article", title: str | None = None, date: str | None = None,
                      source: str | None = None, metadata: dict | None = None, author: str | None = None,
                      teaser: str | None = None) -> Article:
    """An article from plain text, with dpa-style dateline, lead and Q&A sections where present.

        article_from_text("Berlin (dpa) - Die Regierung ...", article_id="beispiel")
    """
    return build_article(text, article_id=article_id, title=title, date=date, source=source, metadata=metadata,
                         normalise=True, author=author, teaser=teaser)


def normalise_text(text: str) -> str:
    """NFC, `\\n` line ends, no BOM: the text that all offsets refer to."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def build_article(text: str, *, article_id: str, title: str | None = None, date: str | None = None,
                  source: str | None = None, metadata: dict | None = None, normalise: bool = True,
                  author: str | None = None, teaser: str | None = None) -> Article:
    """An article from a text: its structure found, metadata given as arguments win over what the text says.

        build_article("Berlin (dpa) - Die Regierung ...", article_id="beispiel")

    `normalise=False` keeps the text exactly as given (for gold data whose offsets refer to it).
    """
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
    kinds = _paragraph_kinds(text, paragraph_spans, sentences, title=title, dateline=dateline)
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
        author=author,
        teaser=teaser,
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
            LanguageWarning,
            stacklevel=4,
        )


# ---------------------------------------------------------------------------------------------------------
# Dateline and date


def _agency_spellings():
    return {spelling: name for name, spellings in read_yaml("agencies.yaml").items() for spelling in spellings}


DATELINE = re.compile(
    r"""\s*
    (?:date\s+(?P<date>\d{4}(?:-\d{2}){0,2})\s+)?          # an archive's date field: 'date 2018-06'
    (?P<places>[A-ZÄÖÜÉ][^\s()/]*(?:[ -][A-ZÄÖÜÉa-z][^\s()/]*){0,3}
        (?:\s*/\s*[A-ZÄÖÜÉ][^\s()/]*(?:[ -][A-ZÄÖÜÉa-z][^\s()/]*){0,3})*)
    \s*\((?P<agency>[^()\n]{1,30})\)\s*[-–—:]\s*""",
    re.VERBOSE,
)


def parse_dateline(text: str, start: int = 0) -> dict | None:
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


def parse_date(value) -> tuple[str | None, str | None]:
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


def split_paragraphs(text: str) -> list[tuple[int, int]]:
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


SENTENCE_END = re.compile(rf"[.!?…]+[{re.escape(sentence_closers())}]*(?=\s+|$)|\n")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
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


SENTENCE_OPENERS = sentence_openers()
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
        word = word.lstrip(SENTENCE_OPENERS)
        if word in abbreviations or re.fullmatch(r"[A-ZÄÖÜ]", word):
            return False
        # ordinals and dates: "am 5. August", "der 2. Weltkrieg", "17.11.2015"
        if re.fullmatch(r"\d{1,2}|\d{1,2}\.\d{1,2}", word):
            return False
    first = following.group(1)
    return first.isupper() or first.isdigit() or first in SENTENCE_OPENERS


def _paragraph_kinds(text, spans, sentences, *, title, dateline):
    """The kind of each paragraph: title (the first line, or the title given when the text begins with it),
    question, heading, lead or body."""
    sentence_starts = [sentence.start for sentence in sentences]
    has_title = title is not None
    kinds = []
    for index, (start, end) in enumerate(spans):
        content = text[start:end]
        one_line = "\n" not in content
        sentence_count = bisect.bisect_left(sentence_starts, end) - bisect.bisect_left(sentence_starts, start)
        has_next = index + 1 < len(spans)
        is_first = index == 0
        starts_with_dateline = dateline is not None and start <= dateline["start"] < end
        if is_first and has_title and has_next and " ".join(content.split()) == " ".join(str(title).split()):
            kinds.append("title")  # the title given (a web page's headline) stands at the top of the text
        elif is_first and not has_title and not starts_with_dateline and one_line and has_next \
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

