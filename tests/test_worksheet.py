"""The printable worksheet: the article with quotes and speakers marked, who speaks, questions; PDF by Chromium."""

import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import analyze
from helpers.cli import main
from helpers.worksheet import quote_overview, worksheet_html

CHROMIUM = Path("/usr/bin/chromium")
ARTICLE = """\
Berlin (dpa) - Die Bundesregierung hat am Montag <script>alert('pwned')</script> einen Plan gegen die \
Wohnungsnot vorgestellt.

Bundeskanzler Olaf Scholz sagte: „Wir werden in diesem Jahr mehr Wohnungen bauen als je zuvor.“ \
Der Deutsche Mieterbund erklärte, die Mieten seien in Berlin zuletzt stark gestiegen.
"""


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    path = tmp_path_factory.mktemp("arbeitsblatt") / "wohnungen.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def page(article):
    return worksheet_html(analyze(article))


def test_the_worksheet_marks_each_quote_with_its_number_and_its_speaker(page):
    assert ('<span class="open">[<b>1</b></span><span class="quote-direct">„Wir werden in diesem Jahr mehr '
            "Wohnungen bauen als je zuvor.“</span>") in page
    assert '<span class="speaker">Bundeskanzler Olaf Scholz</span> <span class="cue">sagte</span>' in page
    assert '<span class="open">[<b>2</b></span><span class="quote-indirect">die Mieten seien' in page


def test_the_worksheet_has_a_legend_the_quotes_who_speaks_and_questions_in_german(page):
    for part in ["Arbeitsblatt: Wer kommt zu Wort?", "So sind die Stellen markiert", "Die Zitate im Überblick",
                 "Wer spricht wie viel?", "Erwähnt, aber nicht zitiert", "Fragen zum Text", "Wer fehlt?",
                 "@page{size:A4"]:
        assert part in page, part
    assert "(Notebook 3)" not in page  # a notebook reference means nothing on paper


def test_the_quote_overview_numbers_the_quotes_as_in_the_text(article):
    overview = quote_overview(analyze(article).quotes)
    assert overview[["Nr.", "Art", "Sprecher", "Redeeinleitung"]].values.tolist() == [
        [1, "direkt", "Olaf Scholz", "sagte"], [2, "indirekt", "Deutsche Mieterbund", "erklärte"]]  # the actor now found


def test_a_script_in_the_article_stays_text(page):
    assert "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in page
    assert "<script" not in page and "Content-Security-Policy" in page


def test_an_article_without_quotes_says_so_instead_of_empty_tables(tmp_path):
    path = tmp_path / "wetter.txt"
    path.write_text("Hamburg (dpa) - Ein Sturmtief hat in der Nacht Schnee gebracht. Die Straßen waren glatt.",
                    encoding="utf-8")
    page = worksheet_html(analyze(path))
    assert "keine Zitate gefunden" in page and "Wer spricht wie viel?" not in page


def test_the_worksheet_needs_a_pdf_or_html_file(article, tmp_path, capsys):
    assert main(["worksheet", str(article), "--out", str(tmp_path / "blatt.docx")]) == 2
    assert "must end in .pdf or .html" in capsys.readouterr().err


@pytest.mark.skipif(not CHROMIUM.exists(), reason="printing the PDF needs Debian's chromium at /usr/bin/chromium")
def test_the_worksheet_command_prints_a_pdf(article, tmp_path, capsys):
    pdf = tmp_path / "arbeitsblatt.pdf"
    assert main(["worksheet", str(article), "--out", str(pdf)]) == 0
    assert capsys.readouterr().out.strip() == str(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):  # poppler-utils: check what the pages say
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Wer kommt zu Wort?" in text and "<script>alert('pwned')</script>" in text
        assert "Seite 1 von" in text
