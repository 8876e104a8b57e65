"""Rendered reports: notebooks run for one article, HTML that stands alone and never runs article text."""

import sys
from pathlib import Path

import nbformat
import pytest

from helpers.cli import main
from helpers.errors import BlickwinkelError
from helpers.report import notebook_html, render_report, report_notebooks

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def write_notebook(path, *sources):
    """A notebook with a papermill parameters cell followed by code cells with the given sources."""
    parameters = nbformat.v4.new_code_cell('ARTICLE = "../data/dpa_frankreich_russland_is.txt"')
    parameters.metadata["tags"] = ["parameters"]
    notebook = nbformat.v4.new_notebook(cells=[parameters, *map(nbformat.v4.new_code_cell, sources)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    return path


@pytest.fixture
def hostile_article():
    """A short dpa report with HTML markup in its text, which a report must show as text and never run."""
    return Path(__file__).parent / "articles" / "feindlich.txt"


def test_a_notebook_name_means_the_projects_notebook_of_that_name():
    first = report_notebooks()[0]
    assert first.name.startswith("01_")
    assert report_notebooks([first.stem]) == [first]


def test_an_unknown_notebook_is_an_error_that_names_it():
    with pytest.raises(BlickwinkelError, match="notebook 99_nichts not found"):
        report_notebooks(["99_nichts"])


def test_code_is_hidden_unless_asked_for(tmp_path):
    notebook = write_notebook(tmp_path / "01_zwei.ipynb", "zwei = 1 + 1")
    assert "zwei = 1 + 1" not in notebook_html(notebook)
    assert "zwei" in notebook_html(notebook, show_code=True)


def test_a_failing_notebook_names_the_notebook_and_the_cell_error(tmp_path, hostile_article):
    notebook = write_notebook(tmp_path / "01_kaputt.ipynb", "raise ValueError('Absicht')")
    with pytest.raises(BlickwinkelError, match=r"notebook 01_kaputt.ipynb failed in cell \d+ .*ValueError: Absicht"):
        render_report(hostile_article, tmp_path / "report", notebooks=[notebook], progress=False)


def test_report_pages_are_named_like_the_notebooks_with_an_index(tmp_path, hostile_article):
    notebook = write_notebook(tmp_path / "01_titel.ipynb", "from helpers import load_article\nload_article(ARTICLE).id")
    index = render_report(hostile_article, tmp_path / "report", notebooks=[notebook], progress=False)
    assert sorted(path.name for path in index.parent.iterdir()) == [
        "01_titel.html", "01_titel.ipynb", "index.html"
    ]
    assert '<a href="01_titel.html">01_titel</a>' in index.read_text(encoding="utf-8")
    assert "feindlich" in (index.parent / "01_titel.html").read_text(encoding="utf-8")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="headless browser test needs Debian's chromium at /usr/bin/chromium")
def test_report_shows_figures_and_highlights_and_never_runs_article_markup(rendered_report, hostile_article):
    playwright = pytest.importorskip("playwright.sync_api", reason="the browser test drives chromium with playwright")
    out, code, _ = rendered_report(hostile_article)  # every page, since each notebook shows the article its own way
    assert code == 0
    pages = [out / f"{notebook.stem}.html" for notebook in report_notebooks()]
    seen = {"figures": 0, "highlights": 0, "markup as text": 0}
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for page_path in pages:
                page = browser.new_page()
                page.goto(page_path.as_uri())
                assert page.title() == f"{page_path.stem}: feindlich"
                assert page.locator("script").count() == 0
                assert page.locator("b", has_text="fett").count() == 0
                seen["figures"] += page.evaluate(
                    "Array.from(document.images)"
                    ".filter(image => image.src.startsWith('data:image/') && image.naturalWidth > 0).length"
                )
                text = page.inner_text("body")
                seen["markup as text"] += "<script>document.title='pwned'</script>" in text and "<b>fett</b>" in text
                for highlight in page.locator(".bw-highlight").all():
                    seen["highlights"] += 1
                    assert "<script>" in highlight.inner_text() and "pwned" in highlight.inner_text()
                page.close()
        finally:
            browser.close()
    assert seen["markup as text"] > 0, "the article's markup is nowhere shown as text"
    assert seen["figures"] > 0, f"no embedded figure in {[page.name for page in pages]}"
    assert seen["highlights"] > 0, f"no highlighted text in {[page.name for page in pages]}"


def test_reports_run_on_a_python3_kernel_of_this_interpreter():
    from jupyter_client.kernelspec import KernelSpecManager

    command = KernelSpecManager().get_kernel_spec("python3").argv[0]
    # jupyter_client replaces a bare "python" by the interpreter that starts the kernel, i.e. this one
    assert command in {"python", "python3", sys.executable}


def test_the_report_command_prints_where_the_index_is(tmp_path, hostile_article, capsys):
    notebook = write_notebook(tmp_path / "01_leer.ipynb", "1 + 1")
    assert main(["report", str(hostile_article), "--out", str(tmp_path / "bericht"), "--notebooks", str(notebook)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str(tmp_path / "bericht" / "index.html")
    assert "[1/1] 01_leer" in captured.err


def test_the_report_of_two_articles_adds_their_comparison(tmp_path, hostile_article, capsys):
    other = Path(__file__).parent / "articles" / "bahnstreik_dpa.txt"
    notebook = write_notebook(tmp_path / "01_leer.ipynb", "1 + 1")
    out = tmp_path / "bericht"
    assert main(["report", str(hostile_article), str(other), "--out", str(out), "--notebooks", str(notebook)]) == 0
    assert "[2/2] 06_compare" in capsys.readouterr().err
    page = (out / "06_compare.html").read_text(encoding="utf-8")
    assert "Lokführer legen die Bahn erneut lahm" in page and "feindlich" in page
    assert '<a href="06_compare.html">' in (out / "index.html").read_text(encoding="utf-8")


def test_a_file_as_the_report_folder_is_an_error_and_stays_as_it_was(tmp_path, hostile_article, capsys):
    taken = tmp_path / "bericht.html"
    taken.write_text("schon da", encoding="utf-8")
    assert main(["report", str(hostile_article), "--out", str(taken)]) == 2
    err = capsys.readouterr().err
    assert "is a file, not a folder" in err and "Traceback" not in err
    assert taken.read_text(encoding="utf-8") == "schon da"
