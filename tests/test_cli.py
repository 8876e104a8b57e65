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
