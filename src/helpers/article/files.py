"""Read articles from files, folders, globs, standard input and strings.

    article = load_article("data/dpa_frankreich_russland_is.txt")
    article = load_article("Berlin (dpa) - Die Bundesregierung ...", article_id="beispiel")
    for article in load_corpus("artikel/", on_error=print):     # a bad file is reported, the others read
        ...

Article ids: a single file's id is its name without suffix ("bericht"); a file found in a folder or by a glob
gets its path relative to that folder (or to the glob's fixed part) without suffix ("2019/bericht"), so that
files with the same name in different folders keep apart; a JSONL line gets the `id` of its record, else the
file's id and the line number ("korpus-3"). `-` and `/dev/stdin` read standard input.

UTF-8 (with or without BOM) is expected; Windows-1252/Latin-1 is read with a warning; NUL characters are
removed with a warning. Every input that cannot be read as an article raises `ArticleError` with what to do.
"""

import glob as globbing
import re
import sys
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from tqdm import tqdm

from helpers.article.formats import article_from_html, article_from_json, articles_from_jsonl, looks_like_html, parse_json
from helpers.article.model import Article
from helpers.article.structure import article_from_text, parse_date
from helpers.errors import ArticleError, BlickwinkelWarning

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
STANDARD_INPUT = ("-", "/dev/stdin")
STANDARD_INPUT_ID = "stdin"
MAX_NUL_SHARE = 0.1  # a file with a larger share of NUL bytes is binary (or UTF-16 without BOM); fewer are removed


@dataclass(frozen=True)
class CorpusFile:
    """A file of a corpus and the id its article gets (see the module docstring)."""

    path: Path
    id: str


def load_article(source: str | Path, *, article_id: str | None = None, title: str | None = None,
                 date: str | None = None) -> Article:
    """Load one article from a path, from standard input (`-`) or from the article text itself.

        article = load_article("data/dpa_frankreich_russland_is.txt")
        article = load_article("Berlin (dpa) - Die Bundesregierung ...", article_id="beispiel")
    """
    if isinstance(source, str) and source in STANDARD_INPUT or isinstance(source, Path) or _looks_like_path(source):
        path = Path(source)
        articles = list(articles_of_file(CorpusFile(path, _single_file_id(path))))
        if len(articles) != 1:
            raise ArticleError(f"{source} holds {len(articles)} articles: use load_corpus() to read all of them")
        article = articles[0]
        overrides = {key: value for key, value in {"id": article_id, "title": title}.items() if value is not None}
        if date is not None:
            overrides["date"], overrides["date_precision"] = parse_date(date)
        return replace(article, **overrides) if overrides else article
    if not isinstance(source, str):
        raise ArticleError(f"cannot load an article from {type(source).__name__}: give a path or a text string")
    return article_from_text(source, article_id=article_id or "text", title=title, date=date)


def load_corpus(sources, *, progress: bool = True, on_error: Callable[[ArticleError], None] | None = None,
                exclude: str | Path | None = None) -> Iterator[Article]:
    """Stream the articles of folders, globs, files and JSONL files, one `Article` at a time.

        for article in load_corpus("data/"):
            print(article.id, len(article.text))

    A file or JSONL line that cannot be read raises `ArticleError`, or, with `on_error`, is passed to it and
    the corpus goes on. Files inside the folder `exclude` (an output folder) are never read.
    """
    files = corpus_files(sources, exclude=exclude)
    for corpus_file in tqdm(files, desc="articles", unit="file", disable=not progress or len(files) < 20):
        for article in articles_of_file(corpus_file, on_error=on_error):
            yield article


def corpus_files(sources, exclude: str | Path | None = None) -> list[CorpusFile]:
    """The article files that a folder, glob, file or list of them names, in a stable order, with their ids."""
    if isinstance(sources, (str, Path)):
        sources = [sources]
    excluded = Path(exclude).resolve() if exclude is not None else None
    files = []
    for source in sources:
        if str(source) in STANDARD_INPUT:
            files.append(CorpusFile(Path(source), STANDARD_INPUT_ID))
            continue
        path = Path(source)
        if path.is_dir():
            found = [p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                     and not p.name.startswith(".") and p.name.lower() != "readme.md"]
            found = [CorpusFile(p, _relative_id(p, path)) for p in found]
        elif path.is_file():
            found = [CorpusFile(path, _single_file_id(path))]
        elif not globbing.has_magic(str(source)):
            raise ArticleError(f"file {source} not found: check the path (relative to {Path.cwd()})")
        else:
            root = _fixed_part(str(source))
            found = [CorpusFile(p, _relative_id(p, root)) for p in sorted(Path(m) for m in
                                                                          globbing.glob(str(source), recursive=True))
                     if p.is_file()]
        if excluded is not None:
            found = [f for f in found if excluded not in (f.path.resolve(), *f.path.resolve().parents)]
        if not found:
            raise ArticleError(f"{source} names no article files: give a file, a folder or a glob like 'data/*.txt'")
        files.extend(found)
    return files


def corpus_paths(sources) -> list[Path]:
    """The paths of `corpus_files(sources)`."""
    return [corpus_file.path for corpus_file in corpus_files(sources)]


def articles_of_file(corpus_file: CorpusFile, on_error=None) -> Iterator[Article]:
    """The articles of one corpus file (several for JSONL); errors as in `load_corpus`."""
    path = corpus_file.path
    try:
        if str(path) in STANDARD_INPUT:
            yield from _articles_of_text(sys.stdin.read(), corpus_file, sniff=True, on_error=on_error)
            return
        if not path.exists():
            raise ArticleError(f"file {path} not found: check the path (relative to {Path.cwd()})")
        if path.is_dir():
            raise ArticleError(f"{path} is a folder: use load_corpus() to read the articles in it")
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            with open(path, "rb") as lines:
                yield from articles_from_jsonl(lines, corpus_file.id, str(path), on_error=on_error)
            return
        yield from _articles_of_text(read_text_file(path), corpus_file, sniff=suffix == "", on_error=on_error)
    except ArticleError as error:
        if not getattr(error, "source", None):
            error.source = str(path)
        if on_error is None:
            raise
        on_error(error)


def _articles_of_text(text, corpus_file, *, sniff, on_error):
    """The article(s) of a file's text, by its suffix or, for standard input and files without one, its content."""
    path, source = corpus_file.path, str(corpus_file.path)
    suffix = path.suffix.lower()
    head = text.lstrip()[:1]
    if suffix in JSON_SUFFIXES or sniff and head == "{" and text.strip().count("\n") == 0:
        yield article_from_json(parse_json(text, source), default_id=corpus_file.id, source=source)
    elif sniff and head == "{":
        yield from articles_from_jsonl(text.encode("utf-8").splitlines(keepends=True), corpus_file.id, source,
                                       on_error=on_error)
    elif suffix in HTML_SUFFIXES or sniff and looks_like_html(text):
        yield article_from_html(text, article_id=corpus_file.id, source=source)
    else:
        yield article_from_text(text, article_id=corpus_file.id, source=source)


def read_text_file(path: str | Path) -> str:
    """The text of a file: UTF-8 (with or without BOM, or UTF-16 with BOM), else Windows-1252 with a warning;
    NUL characters removed with a warning."""
    data = Path(path).read_bytes()
    if not data.strip():
        raise ArticleError(f"{path} is empty: give a file that contains the article text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _without_nul(data.decode("utf-16"), path)
    if data.count(b"\x00") > MAX_NUL_SHARE * len(data):
        raise ArticleError(f"{path} is a binary file, not text: give the article as .txt, .html or .json")
    if data.startswith(b"\xef\xbb\xbf"):
        return _without_nul(data[3:].decode("utf-8", errors="strict"), path)
    try:
        return _without_nul(data.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    if _control_char_share(text) > 0.05:
        raise ArticleError(f"{path} is a binary file, not text: give the article as .txt, .html or .json")
    if "\ufffd" in text:
        text = data.decode("latin-1")
    warnings.warn(
        f"{path} is not UTF-8; read it as Windows-1252 (Latin-1). Save it as UTF-8 if umlauts look wrong.",
        BlickwinkelWarning,
        stacklevel=3,
    )
    return _without_nul(text, path)


def _without_nul(text, path):
    count = text.count("\x00")
    if count:
        warnings.warn(f"{path}: removed {count} NUL character{'s' if count > 1 else ''} (a damaged file?); "
                      "the offsets refer to the text without them", BlickwinkelWarning, stacklevel=3)
        text = text.replace("\x00", "")
    return text


def _control_char_share(text):
    controls = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in "\n\r\t\f")
    return controls / max(len(text), 1)


def _single_file_id(path):
    return STANDARD_INPUT_ID if str(path) in STANDARD_INPUT else path.stem


def _relative_id(path, root):
    """'2019/bericht' for root/2019/bericht.txt: the path below the folder given, without suffix."""
    relative = path.relative_to(root) if path.is_relative_to(root) else Path(path.name)
    return relative.with_suffix("").as_posix()


def _fixed_part(pattern):
    """The folder before the first wildcard of a glob: 'data/2019' for 'data/2019/*/*.txt'."""
    parts = []
    for part in Path(pattern).parts:
        if globbing.has_magic(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


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
