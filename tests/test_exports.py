"""Exports for teachers: an Excel workbook with one sheet per table, and CSV that German Excel reads right."""

import io

import openpyxl
import pandas as pd
import pytest

from helpers import exports
from helpers.cli import main
from helpers.exports import write_excel_csv, write_workbook

ARTICLE = "Berlin (dpa) - „Die Straße bleibt bis Freitag gesperrt“, sagte Bürgermeisterin Anna Reiß am Montag."


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    path = tmp_path_factory.mktemp("artikel") / "strasse.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_a_table_command_writes_a_workbook_with_the_articles_and_the_table(article, tmp_path, capsys):
    workbook_path = tmp_path / "zitate.xlsx"
    assert main(["quotes", str(article), "--format", "xlsx", "--output", str(workbook_path)]) == 0
    assert capsys.readouterr().out.strip() == str(workbook_path)
    workbook = openpyxl.load_workbook(workbook_path)
    assert workbook.sheetnames == ["Artikel", "Zitate"]
    quotes = pd.read_excel(workbook_path, sheet_name="Zitate")
    assert quotes[["Art des Zitats", "Zitat", "Sprecher", "Beginn (Zeichen)"]].values.tolist() == [
        ["direct", "„Die Straße bleibt bis Freitag gesperrt“", "Anna Reiß", 15]]
    articles = pd.read_excel(workbook_path, sheet_name="Artikel")
    assert articles.loc[0, "Artikel"] == "strasse" and articles.loc[0, "Orte der Dachzeile"] == "Berlin"


def test_excel_csv_has_a_byte_order_mark_semicolons_and_keeps_umlauts(article, capsys):
    assert main(["quotes", str(article), "--format", "csv", "--excel"]) == 0
    written = capsys.readouterr().out
    assert written.startswith("\ufeffArtikel;Zitat Nr.;Art des Zitats;Beginn (Zeichen);")
    quotes = pd.read_csv(io.StringIO(written.removeprefix("\ufeff")), sep=";")
    assert quotes.loc[0, "Sprecher"] == "Anna Reiß" and quotes.loc[0, "Zitat"].startswith("„Die Straße")


def test_excel_csv_written_to_a_file_reads_back_as_utf8_with_bom(article, tmp_path):
    path = tmp_path / "erwaehnungen.csv"
    assert main(["actors", str(article), "--format", "csv", "--excel", "--output", str(path)]) == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "Reiß".encode("utf-8") in raw
    mentions = pd.read_csv(path, sep=";", encoding="utf-8-sig")
    assert "Anna Reiß" in set(mentions["Akteur"]) and mentions.columns[0] == "Artikel"


def test_a_workbook_keeps_article_text_that_looks_like_a_formula_as_text(tmp_path):
    table = pd.DataFrame({"text": ['=HYPERLINK("http://x","klick")', "Reiß\x0bStraße"], "start": [0, 40],
                          "share": [0.25, None]})
    path = write_workbook({"quotes": table}, tmp_path / "formel.xlsx")
    sheet = openpyxl.load_workbook(path)["Zitate"]
    assert [cell.value for cell in sheet[1]] == ["Zitat", "Beginn (Zeichen)", "share"]
    assert (sheet["A2"].value, sheet["A2"].data_type) == ('=HYPERLINK("http://x","klick")', "s")
    assert sheet["A3"].value == "ReißStraße"  # a control character Excel cannot hold is dropped
    assert (sheet["B3"].value, sheet["C2"].value, sheet["C3"].value) == (40, 0.25, None)


def test_excel_csv_makes_formulas_harmless_and_writes_a_decimal_comma():
    stream = io.StringIO()
    write_excel_csv(pd.DataFrame({"text": ["=1+1", "Reiß"], "share": [0.5, 1.25]}), stream)
    assert stream.getvalue() == "\ufeffZitat;share\r\n'=1+1;0,5\r\nReiß;1,25\r\n"


def test_a_table_longer_than_an_excel_sheet_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "EXCEL_MAX_ROWS", 3)
    with pytest.raises(exports.BlickwinkelError, match="too large for Excel: quotes has 3 rows"):
        write_workbook({"quotes": pd.DataFrame({"text": ["a", "b", "c"]})}, tmp_path / "gross.xlsx")
    assert not (tmp_path / "gross.xlsx").exists()


@pytest.mark.parametrize("arguments, message", [
    (["--format", "xlsx"], "add --output FILE.xlsx"),
    (["--format", "xlsx", "--output", "tabelle.csv"], "does not end in .xlsx"),
    (["--format", "json", "--excel"], "--excel is for --format csv"),
])
def test_impossible_spreadsheet_options_are_errors_that_say_what_to_do(article, arguments, message, capsys):
    assert main(["actors", str(article), *arguments]) == 2
    assert message in capsys.readouterr().err


def test_analyze_writes_its_tables_as_one_workbook(article, tmp_path, capsys):
    workbook_path = tmp_path / "korpus.xlsx"
    assert main(["analyze", str(article), "--out", str(tmp_path / "out"), "--xlsx", str(workbook_path)]) == 0
    assert f"Excel workbook: {workbook_path}" in capsys.readouterr().out
    sheets = pd.read_excel(workbook_path, sheet_name=None)
    assert {"Artikel", "Erwähnungen", "Zitate", "Frame-Signale"} <= set(sheets)
    assert sheets["Zitate"]["Sprecher"].tolist() == ["Anna Reiß"]


def test_analyze_refuses_a_workbook_above_excels_row_limit(article, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(exports, "EXCEL_MAX_ROWS", 1)
    assert main(["analyze", str(article), "--out", str(tmp_path / "out"), "--xlsx", str(tmp_path / "k.xlsx")]) == 2
    assert "too large for Excel" in capsys.readouterr().err and not (tmp_path / "k.xlsx").exists()
