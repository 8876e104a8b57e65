"""Reports for articles unlike the bundled one: every notebook renders, no cell fails, and no page talks about
the bundled article (see tests/articles/README.md for what each article covers).

Each article is rendered once per test session (the `rendered_report` fixture of conftest.py) and every check
reuses that report. `make test` renders one article, `feindlich.txt` (a short dpa report with markup in its
text, whose report the browser test of test_report.py opens too); the whole set (tests/articles plus the
Wikinews train articles listed in tests/articles/wikinews_ids.tsv) runs when BLICKWINKEL_ALL_REPORTS=1, as in
CI (.ci/run).
"""

import csv
import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from helpers import load_article
from helpers.report import report_notebooks

ARTICLES = Path(__file__).resolve().parent / "articles"
WIKINEWS_TRAIN = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikinews-quotes" / "train"
# rendered by `make test` too; the others only in CI (BLICKWINKEL_ALL_REPORTS=1): a report takes 30–40 s here
QUICK = ["feindlich.txt"]
ALL_REPORTS = os.environ.get("BLICKWINKEL_ALL_REPORTS") == "1"
# Words about the bundled dpa article (France, Russia, Putin, the "Zwangsehe" of its lead): a report of an
# article that has none of them must not have them either.
BUNDLED_STORY = re.compile(r"Russ|Frankreich|Franzos|Französ|Putin|Zwangsehe|Moskau|Kreml|Élysée", re.IGNORECASE)
# What a reader must never see: a Python missing value, or an error.
LEFTOVERS = re.compile(r"\bNaN\b|\bNone\b|<NA>|Traceback|Error\b")


def article_set():
    files = [path.name for path in sorted(ARTICLES.iterdir()) if path.suffix in {".txt", ".html", ".json"}]
    with open(ARTICLES / "wikinews_ids.tsv", encoding="utf-8") as table:
        wikinews = [f"wikinews:{row['id']}" for row in csv.DictReader(table, delimiter="\t")]
    return files + wikinews


def article_path(name):
    if name.startswith("wikinews:"):
        path = WIKINEWS_TRAIN / f"{name.split(':', 1)[1]}.json"
        if not path.exists():
            pytest.skip(f"{path} not found: the Wikinews articles of the set lie beside the repository in ../shared")
        return path
    return ARTICLES / name


def chosen(name):
    marks = [] if name in QUICK or ALL_REPORTS else [
        pytest.mark.skip(reason="rendered only with BLICKWINKEL_ALL_REPORTS=1 (as in CI): each report takes a minute")]
    return pytest.param(name, marks=marks, id=name)


@pytest.fixture(scope="module", params=[chosen(name) for name in article_set()])
def report(request, rendered_report):
    """(article path, report folder, exit code, seconds): `blickwinkel report` run once per article and session."""
    path = article_path(request.param)
    return (path, *rendered_report(path))


class _Text(HTMLParser):
    """The text a reader sees on a page (no styles, no scripts)."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in {"style", "script"}

    def handle_endtag(self, tag):
        self._skip -= tag in {"style", "script"} and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(page: Path) -> str:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


def test_the_report_renders_every_notebook_and_the_index(report):
    path, out, code, seconds = report
    assert code == 0, f"blickwinkel report {path.name} exited with {code}"
    pages = sorted(page.name for page in out.glob("0*.html"))
    assert pages == [f"{notebook.stem}.html" for notebook in report_notebooks()]
    assert (out / "index.html").exists()
    print(f"{path.name}: {seconds:.0f} s")


def test_no_executed_cell_has_an_error_or_stderr(report):
    _, out, _, _ = report
    for executed in sorted(out.glob("0*.ipynb")):
        for number, cell in enumerate(nbformat.read(executed, as_version=4).cells):
            for output in cell.get("outputs", []):
                assert output.output_type != "error", f"{executed.name} cell {number}: {output.get('evalue')}"
                assert not (output.output_type == "stream" and output.name == "stderr"), \
                    f"{executed.name} cell {number} wrote to stderr: {output.text[:200]}"


def test_no_page_talks_about_the_bundled_article_or_shows_leftovers(report):
    path, out, _, _ = report
    article_text = load_article(path).text
    for page in sorted(out.glob("*.html")):
        text = visible_text(page)
        if not BUNDLED_STORY.search(article_text):
            found = BUNDLED_STORY.search(text)
            assert found is None, f"{page.name} says {text[max(0, found.start() - 80):found.end() + 80]!r}"
        leftover = LEFTOVERS.search(text)
        if leftover and not LEFTOVERS.search(article_text):
            pytest.fail(f"{page.name} shows {text[max(0, leftover.start() - 80):leftover.end() + 80]!r}")


def test_the_index_summarises_the_article_in_german(report):
    path, out, _, _ = report
    article = load_article(path)
    text = visible_text(out / "index.html")
    for heading in ["Wer wird erwähnt?", "Wer spricht?", "Wie wird die Geschichte gerahmt?", "Die Seiten des Berichts"]:
        assert heading in text
    headline = re.search(r"<h1>(.*?)</h1>", (out / "index.html").read_text(encoding="utf-8"), re.S)
    assert headline, "index.html has no headline"
    if article.title:
        assert html.unescape(headline.group(1)) == article.title
