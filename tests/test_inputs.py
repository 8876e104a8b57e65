"""Unusual and broken inputs: nothing is lost or doubled, every problem is a clear error or warning."""

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from helpers import load_article, load_corpus
from helpers.errors import ArticleError, BlickwinkelWarning

ARTICLES = Path(__file__).resolve().parent / "articles"
TEXT = "Berlin (dpa) - Die Regierung hat neue Hilfen beschlossen. Die Opposition kritisierte das."


def write_jsonl(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_broken_jsonl_line_is_reported_and_the_lines_after_it_are_read(tmp_path):
    good = [json.dumps({"id": f"a{n}", "text": TEXT}) for n in range(1, 6)]
    path = write_jsonl(tmp_path / "korpus.jsonl", good[:2] + ['{"id": "a3", "text": '] + good[3:])
    errors = []
    articles = list(load_corpus(path, on_error=errors.append))
    assert [article.id for article in articles] == ["a1", "a2", "a4", "a5"]
    [error] = errors
    assert "line 3 is not valid JSON" in str(error)
    with pytest.raises(ArticleError, match="line 3"):
        list(load_corpus(path))  # without on_error the first bad input raises


def test_files_in_a_folder_tree_get_their_path_as_id(tmp_path):
    for year in ("2019", "2020"):
        (tmp_path / year).mkdir()
        (tmp_path / year / "bericht.txt").write_text(TEXT, encoding="utf-8")
    assert [article.id for article in load_corpus(tmp_path)] == ["2019/bericht", "2020/bericht"]
    assert [article.id for article in load_corpus(str(tmp_path / "*" / "*.txt"))] == ["2019/bericht", "2020/bericht"]
    assert load_article(tmp_path / "2019" / "bericht.txt").id == "bericht"  # a single file keeps its stem


def test_a_text_file_that_mentions_html_is_still_text(tmp_path):
    path = tmp_path / "notiz.txt"
    path.write_text("Die Redaktion schreibt über <body> und </html> im Quelltext der Seite.", encoding="utf-8")
    assert load_article(path).text == path.read_text(encoding="utf-8")


def test_nul_bytes_in_a_text_are_removed_with_a_warning(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(TEXT.encode("utf-8").replace(b"neue", b"ne\x00ue"))
    with pytest.warns(BlickwinkelWarning, match="1 NUL character"):
        article = load_article(path)
    assert article.text == TEXT


def test_a_mostly_binary_file_is_rejected(tmp_path):
    path = tmp_path / "bild.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    with pytest.raises(ArticleError, match="binary file"):
        load_article(path)


@pytest.mark.parametrize("record_id, expected", [(0, "0"), (17, "17"), ("x-1", "x-1")])
def test_json_ids_may_be_numbers(tmp_path, record_id, expected):
    path = tmp_path / "artikel.json"
    path.write_text(json.dumps({"id": record_id, "text": TEXT}), encoding="utf-8")
    assert load_article(path).id == expected


@pytest.mark.parametrize("record_id", [{"a": 1}, [1, 2], True])
def test_json_ids_that_are_objects_are_an_error(tmp_path, record_id):
    path = tmp_path / "artikel.json"
    path.write_text(json.dumps({"id": record_id, "text": TEXT}), encoding="utf-8")
    with pytest.raises(ArticleError, match="id must be a string or a number"):
        load_article(path)


@pytest.mark.parametrize("name", ["-", "/dev/stdin"])
def test_standard_input_is_read_as_an_article(name):
    result = subprocess.run([sys.executable, "-m", "helpers", "load", name, "--format", "jsonl"], input=TEXT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    structure = json.loads(result.stdout)
    assert (structure["article_id"], structure["agency"]) == ("stdin", "dpa")


def test_a_web_page_keeps_its_headline_teaser_author_and_date():
    article = load_article(ARTICLES / "webseite.html")
    assert article.title == "Fernwärme wird deutlich teurer: Stadtwerke erhöhen Preise um 18 Prozent"
    assert article.teaser.startswith("Die Stadtwerke Lindenfurt erhöhen die Fernwärmepreise")
    assert (article.author, article.date, article.date_precision) == ("Julia Beispiel", "2024-03-14", "day")
    assert article.paragraphs[0].kind == "title" and article.span(*article.lead) == article.teaser
    assert article.text.index(article.teaser) < article.text.index("Rund 23 000 Haushalte")
    for noise in ("Cookies", "Alle akzeptieren", "Impressum", "alert("):
        assert noise not in article.text
