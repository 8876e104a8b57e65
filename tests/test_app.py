"""The app for teachers: German messages for bad input, the views of an analysis, and the Voilà app in a browser."""

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from IPython.display import Markdown

from helpers import analyze
from helpers.app.inputs import read_input
from helpers.app.server import free_port
from helpers.app.views import MENTION_COLOR, actor_choices, actor_view, highlighted_text, overview
from helpers.cli import main
from helpers.errors import ArticleError

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTICLE = """\
Regierung stellt Plan gegen Wohnungsnot vor

Berlin (dpa) - Die Bundesregierung hat am Montag einen Plan gegen die Wohnungsnot vorgestellt. \
<script>window.flag = 1; document.title = 'pwned'</script><img src=x onerror="window.flag = 2">

Bundeskanzler Olaf Scholz sagte: „Wir werden in diesem Jahr mehr Wohnungen bauen als je zuvor.“ \
Die Opposition kritisierte den Plan als zu spät und zu teuer für die Mieter in den Städten.
"""
ENGLISH = ("The government said on Monday that it would present a new plan for the housing market, which the "
           "minister described as a turning point for the tenants in the big cities of the country.")


def test_an_empty_field_asks_for_a_text_or_a_file():
    with pytest.raises(ArticleError, match="Es gibt noch nichts zu analysieren: Fügen Sie den Text"):
        read_input("  \n ", [])


def test_a_text_that_is_not_german_is_refused_in_german():
    with pytest.raises(ArticleError, match="Dieser Text sieht nicht deutsch aus"):
        read_input(ENGLISH)


def test_a_file_of_another_kind_names_the_file_and_the_kinds_that_work():
    with pytest.raises(ArticleError, match=r"Die Datei „folien.pdf“ kann Blickwinkel nicht lesen: .*\.txt, \.html"):
        read_input("", [("folien.pdf", b"%PDF-1.4")])


def test_a_file_that_is_no_article_keeps_the_loaders_reason_without_the_temporary_folder():
    with pytest.raises(ArticleError, match="Die Datei „daten.json“ enthält keinen Artikel") as caught:
        read_input("", [("daten.json", b'{"titel": "ohne Text"}')])
    assert str(caught.value.__cause__).startswith("daten.json has no 'text' string")


def test_an_uploaded_file_wins_over_the_text_field_and_a_guessed_encoding_is_a_note():
    article, notes = read_input("Anderer Text.", [("bericht.txt", "Berlin (dpa) - Die Ministerin sagte, "
                                                                   "sie sei zufrieden mit der Größe.".encode("cp1252"))])
    assert article.source == "bericht.txt" and "Größe" in article.text
    assert notes == ["Hinweis des Programms (Meldung auf Englisch): bericht.txt is not UTF-8; read it as "
                     "Windows-1252 (Latin-1). Save it as UTF-8 if umlauts look wrong."]


@pytest.fixture(scope="module")
def analysis():
    return analyze(read_input(ARTICLE)[0])


def test_the_marked_text_shows_the_chosen_layers_and_the_articles_markup_as_text(analysis):
    everything = highlighted_text(analysis, {"mentions", "quotes", "frames"}).data
    assert "&lt;script&gt;window.flag = 1;" in everything and "<script>window" not in everything
    assert "<img src=x" not in everything
    assert ">Olaf Scholz</span>" in everything and ">Zitat</span>" in everything
    quotes_only = highlighted_text(analysis, {"quotes"}).data
    assert ">Zitat</span>" in quotes_only and ">Olaf Scholz</span>" not in quotes_only
    assert "Akteur (das Schildchen nennt, wer gemeint ist)" in everything
    assert "Akteur (das Schildchen" not in quotes_only


def test_each_layer_has_one_colour_whatever_the_actor_or_category(analysis):
    marked = highlighted_text(analysis, {"mentions"}).data
    assert f'background:{MENTION_COLOR}">Olaf Scholz</span>' in marked
    assert f'background:{MENTION_COLOR}">Bundesregierung</span>' in marked


def test_one_actor_is_shown_with_its_mentions_and_quotes(analysis):
    choices = dict(actor_choices(analysis))
    assert choices["Olaf Scholz (1 Erwähnung, 1 Zitat)"] == "scholz"
    sentence = actor_view(analysis, "scholz")[0].data
    assert sentence.startswith("**Olaf Scholz** wird 1 Mal erwähnt (als „Bundeskanzler Olaf Scholz“) und kommt "
                               "in 1 Zitat mit 11 Wörtern selbst zu Wort.")


def test_the_overview_says_who_is_mentioned_and_who_speaks(analysis):
    texts = [part.data for part in overview(analysis) if isinstance(part, Markdown)]
    assert texts[:2] == ["### Wer wird erwähnt?", "Der Text nennt 2 Akteure in 2 Erwähnungen. Am häufigsten erwähnt "
                                                   "werden Bundesregierung (1) und Olaf Scholz (1)."]
    assert "### Wer spricht?" in texts


def test_the_app_command_refuses_a_port_in_use(capsys):
    import socket

    with socket.socket() as taken:
        taken.bind(("localhost", 0))
        taken.listen()
        assert main(["app", "--port", str(taken.getsockname()[1]), "--no-browser"]) == 2
    assert "already in use: choose another one with --port" in capsys.readouterr().err


@pytest.fixture
def app_address(tmp_path):
    """`blickwinkel app` on a free port: its address, as it prints it; stopped (with Voilà) afterwards."""
    log = open(tmp_path / "voila.log", "w")
    app = subprocess.Popen([sys.executable, "-m", "helpers", "app", "--port", str(free_port()), "--no-browser"],
                           stdout=subprocess.PIPE, stderr=log, text=True, start_new_session=True)
    try:
        line, deadline = "", time.monotonic() + 120
        while "Blickwinkel läuft" not in line and time.monotonic() < deadline and app.poll() is None:
            if select.select([app.stdout], [], [], 1)[0]:
                line = app.stdout.readline()
        assert "Blickwinkel läuft" in line, f"the app did not start: {(tmp_path / 'voila.log').read_text()[-2000:]}"
        yield line.split("Öffnen Sie ")[1].split()[0]
    finally:
        os.killpg(app.pid, signal.SIGTERM)  # the app's own process group: the command, Voilà and its kernel
        app.wait(timeout=30)
        log.close()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="the browser test needs Debian's chromium at /usr/bin/chromium")
def test_the_app_analyses_a_pasted_article_and_never_runs_its_markup(app_address):
    playwright = pytest.importorskip("playwright.sync_api", reason="the browser test drives chromium with playwright")
    assert app_address.startswith("http://localhost:")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(app_address)
            page.wait_for_selector("textarea", timeout=90_000)
            button = page.get_by_role("button", name="Analysieren")
            button.click()
            page.get_by_text("Es gibt noch nichts zu analysieren").wait_for(timeout=30_000)
            page.fill("textarea", ARTICLE)
            button.click()
            marked = page.locator(".bw-highlight").first
            marked.wait_for(timeout=90_000)
            text = marked.inner_text()
            assert "Bundeskanzler Olaf Scholz" in text and "Zitat" in text
            assert "<script>window.flag = 1; document.title = 'pwned'</script>" in text
            assert page.evaluate("window.flag") is None and page.title() != "pwned"
            assert page.get_by_text("Es gibt noch nichts zu analysieren").count() == 0
            page.get_by_role("tab", name="Wer wird erwähnt, wer spricht?").click()
            page.get_by_text("Der Text nennt 2 Akteure in 2 Erwähnungen").wait_for(timeout=10_000)
            assert page.get_by_role("heading", name="Wer spricht?").is_visible()
        finally:
            browser.close()
