"""Every table command reads every loader format, JSONL corpora included, and prints csv, json or jsonl."""

import json
from io import StringIO

import pandas as pd
import pytest

from helpers.cli import TABLE_COMMANDS, main

ARTICLES = [
    {"id": "erster", "text": 'Berlin (dpa) - Kanzlerin Angela Merkel sagte: "Wir helfen Frankreich." '
                             "Russland sei ein schwieriger Partner, sagte sie."},
    {"id": "zweiter", "text": "Moskau (AFP) - Kreml-Chef Wladimir Putin lobte die Koalition gegen den IS."},
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("korpus") / "artikel.jsonl"
    path.write_text("\n".join(json.dumps(article, ensure_ascii=False) for article in ARTICLES), encoding="utf-8")
    return path


def parse_output(text, output_format):
    if output_format == "csv":
        return pd.read_csv(StringIO(text))
    if output_format == "json":
        return pd.DataFrame(json.loads(text))
    return pd.DataFrame([json.loads(line) for line in text.splitlines()])


@pytest.mark.parametrize("output_format", ["csv", "json", "jsonl"])
@pytest.mark.parametrize("command", sorted(TABLE_COMMANDS))
def test_table_commands_read_a_jsonl_corpus(command, output_format, corpus, capsys):
    assert main([command, str(corpus), "--format", output_format]) == 0
    table = parse_output(capsys.readouterr().out, output_format)
    assert {"article_id", "start", "end"} <= set(table.columns)
    assert set(table["article_id"]) == {"erster", "zweiter"}


def test_actors_command_finds_the_people_of_both_articles(corpus, capsys):
    main(["actors", str(corpus), "--format", "csv"])
    table = parse_output(capsys.readouterr().out, "csv")
    people = table[table["actor_type"] == "person"]
    assert list(zip(people["article_id"], people["surface"])) == [
        ("erster", "Kanzlerin Angela Merkel"),
        ("zweiter", "Kreml-Chef Wladimir Putin"),
    ]


def test_a_table_command_reports_a_bad_file_and_goes_on(tmp_path, capsys):
    (tmp_path / "a_kaputt.json").write_text("{kein json", encoding="utf-8")
    (tmp_path / "b_gut.txt").write_text(ARTICLES[0]["text"], encoding="utf-8")
    assert main(["actors", str(tmp_path), "--format", "csv"]) == 1
    captured = capsys.readouterr()
    assert "a_kaputt.json is not valid JSON" in captured.err and "(skipped)" in captured.err
    assert set(parse_output(captured.out, "csv")["article_id"]) == {"b_gut"}


@pytest.mark.parametrize("limit", ["0", "-3"])
def test_evaluate_quotes_needs_a_positive_limit(limit, capsys):
    with pytest.raises(SystemExit):
        main(["evaluate-quotes", "--limit", limit])
    assert "is not a whole number of at least 1" in capsys.readouterr().err


CATALOG = """actors:
  - id: gdl
    name: GDL
    type: organisation
    names: [GDL, Gewerkschaft Deutscher Lokomotivführer]
"""


def test_a_users_catalog_names_its_actors_in_table_commands_and_corpus_runs(tmp_path, capsys):
    from helpers.corpus import analyze_corpus, read_tables

    catalog = tmp_path / "meine_akteure.yaml"
    catalog.write_text(CATALOG, encoding="utf-8")
    article = tmp_path / "streik.txt"
    article.write_text("Berlin (dpa) - Die GDL streikt erneut.", encoding="utf-8")
    assert main(["actors", str(article), "--catalog", str(catalog)]) == 0
    table = parse_output(capsys.readouterr().out, "csv")
    assert ("GDL", "gdl", "name") in set(zip(table["surface"], table["actor_id"], table["kind"]))
    analyze_corpus([article], tmp_path / "out", catalogs=[catalog], progress=False)
    mentions = read_tables(tmp_path / "out")["actor_mentions"]
    assert mentions.loc[mentions["surface"] == "GDL", "actor_id"].tolist() == ["gdl"]


def test_a_missing_catalog_is_an_error_that_names_it(tmp_path, capsys):
    article = tmp_path / "streik.txt"
    article.write_text("Berlin (dpa) - Die GDL streikt erneut.", encoding="utf-8")
    assert main(["actors", str(article), "--catalog", str(tmp_path / "fehlt.yaml")]) == 2
    error = capsys.readouterr().err
    assert "actor catalog" in error and "fehlt.yaml not found" in error
