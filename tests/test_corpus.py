"""Corpus analysis: Parquet tables per batch, resumable, failures recorded, the same rows on every engine."""

import json
import os
import re
import subprocess
import sys
import warnings

import pandas as pd
import pytest

from helpers.corpus import (
    TABLES, analyze_corpus, quoted_mentions, rate_by_year, read_tables, sample_paths, with_article_dates,
)
from helpers.corpus.runner import choose_processes
from helpers.corpus.store import LOCK_FILE, output_lock, table_sizes
from helpers.cli import main
from helpers.errors import BlickwinkelError, BlickwinkelWarning

ARTICLES = {
    "wohnungen.txt": (
        "Berlin (dpa) - Bundeskanzler Olaf Scholz hat mehr Wohnungen versprochen. „Wir werden in diesem Jahr "
        "mehr bauen als je zuvor“, sagte Scholz am Montag. Die Union kritisierte den Plan als zu spät.\n"
    ),
    "migration.txt": (
        "Brüssel (AFP) - Die EU-Kommission will die Migration stärker steuern. Kommissionschefin Ursula von "
        "der Leyen sagte, Europa müsse seine Grenzen schützen. Hilfsorganisationen warnten vor einer Abschottung.\n"
    ),
    "klima.txt": (
        "Hamburg - Tausende Menschen haben für mehr Klimaschutz demonstriert. Die Polizei sprach von "
        "friedlichen Protesten. Greenpeace forderte die Regierung auf, den Kohleausstieg zu beschleunigen.\n"
    ),
}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "korpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def count_words(doc):
    """A tiny table for the tests: one row per word 'die' or 'Die' of an analysed Doc, with offsets."""
    article = doc._.article
    found = list(re.finditer(r"\b[Dd]ie\b", article.text))
    return {"article_id": [article.id] * len(found), "start": [match.start() for match in found],
            "end": [match.end() for match in found]}


def fail_on_klima(doc):
    if doc._.article.id == "klima":
        raise ValueError("Analyse kaputt")
    return count_words(doc)


def stop_on_klima(doc):
    if doc._.article.id == "klima":
        raise KeyboardInterrupt
    return count_words(doc)


def test_every_article_becomes_a_row_of_the_articles_table(corpus, tmp_path):
    assert analyze_corpus(corpus, tmp_path / "out", progress=False) == 3
    articles = read_tables(tmp_path / "out")["articles"]
    assert list(articles["article_id"]) == ["klima", "migration", "wohnungen"]
    assert list(articles["agency"].fillna("keine")) == ["keine", "AFP", "dpa"]


def test_article_level_tables_keep_ids_and_offsets(corpus, tmp_path):
    analyze_corpus(corpus, tmp_path / "out", tables={"die": (count_words, {})}, batch_size=2, progress=False)
    words = read_tables(tmp_path / "out")["die"]
    assert len(words) == 5
    texts = {path.stem: path.read_text(encoding="utf-8") for path in corpus.iterdir()}
    assert {texts[row.article_id][row.start:row.end] for row in words.itertuples()} == {"die", "Die"}


def test_a_second_run_skips_finished_articles(corpus, tmp_path):
    analyze_corpus(corpus, tmp_path / "out", progress=False)
    (corpus / "neu.txt").write_text("Köln - Der Rhein führt Hochwasser. Die Stadt sperrt das Ufer.\n", encoding="utf-8")
    assert analyze_corpus(corpus, tmp_path / "out", progress=False) == 1
    assert sorted(read_tables(tmp_path / "out")["articles"]["article_id"]) == ["klima", "migration", "neu", "wohnungen"]


def test_an_interrupted_run_resumes_without_losing_or_doubling_rows(corpus, tmp_path):
    with pytest.raises(KeyboardInterrupt):
        analyze_corpus(corpus, tmp_path / "out", tables={"die": (stop_on_klima, {})}, batch_size=1, progress=False)
    assert analyze_corpus(corpus, tmp_path / "out", tables={"die": (count_words, {})}, batch_size=1, progress=False) == 3
    tables = read_tables(tmp_path / "out")
    assert list(tables["articles"]["article_id"]) == ["klima", "migration", "wohnungen"]
    assert len(tables["die"]) == 5


def test_a_failing_article_is_recorded_and_the_others_are_kept(corpus, tmp_path):
    (corpus / "kaputt.json").write_text("{kein json", encoding="utf-8")
    analyze_corpus(corpus, tmp_path / "out", tables={"die": (fail_on_klima, {})}, progress=False)
    tables = read_tables(tmp_path / "out")
    assert list(tables["articles"]["article_id"]) == ["migration", "wohnungen"]
    errors = tables["errors"].set_index("error")
    assert errors.loc["ValueError", "article_id"] == "klima"
    assert errors.loc["ValueError", "reason"] == "Analyse kaputt"
    assert pd.isna(errors.loc["ArticleError", "article_id"])
    assert "kaputt.json is not valid JSON" in errors.loc["ArticleError", "reason"]


def test_warnings_about_an_article_become_rows_of_the_warnings_table(corpus, tmp_path):
    (corpus / "offen.txt").write_text("Berlin (dpa) - Er sagte: „Wir kommen. Dann ging er nach Hause.\n",
                                      encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", BlickwinkelWarning)  # none may reach the caller
        analyze_corpus(corpus, tmp_path / "out", progress=False)
    [row] = read_tables(tmp_path / "out")["warnings"].to_dict(orient="records")
    assert row["article_id"] == "offen"
    assert "is not closed in its paragraph" in row["warning"]


def test_an_unknown_engine_is_an_error(corpus, tmp_path):
    with pytest.raises(BlickwinkelError, match="unknown engine 'spark'"):
        analyze_corpus(corpus, tmp_path / "out", engine="spark")


def test_process_pool_and_dask_write_the_same_rows_as_one_process(corpus, tmp_path):
    pytest.importorskip("distributed", reason="the Dask engine needs the distributed package")
    runs = {"one": {}, "pool": {"processes": 2}, "dask": {"engine": "dask"}}
    results = {}
    for name, options in runs.items():
        analyze_corpus(corpus, tmp_path / name, batch_size=1, progress=False, **options)
        results[name] = read_tables(tmp_path / name)
    assert set(results["one"]) == {"articles", *TABLES}
    assert all(len(table) for table in results["one"].values())
    for name in ("pool", "dask"):
        assert results[name].keys() == results["one"].keys()
        for table in results["one"]:
            pd.testing.assert_frame_equal(results[name][table], results["one"][table])


def test_quoted_mentions_pairs_each_linked_speaker_with_the_actors_named_inside_the_quote():
    quotes = pd.DataFrame([
        {"article_id": "a", "quote_id": 0, "start": 10, "end": 60, "speaker": "Scholz", "speaker_actor": "Olaf Scholz",
         "nested": False},
        {"article_id": "a", "quote_id": 1, "start": 18, "end": 30, "speaker": "Scholz", "speaker_actor": "Olaf Scholz",
         "nested": True},  # a direct quote inside quote 0: Macron is named once
        {"article_id": "a", "quote_id": 2, "start": 80, "end": 120, "speaker": "ein Sprecher", "speaker_actor": None,
         "nested": False},
    ])
    mentions = pd.DataFrame([
        {"article_id": "a", "actor": "Olaf Scholz", "start": 0, "end": 6},
        {"article_id": "a", "actor": "Emmanuel Macron", "start": 20, "end": 26},
        {"article_id": "a", "actor": "Wladimir Putin", "start": 90, "end": 95},
        {"article_id": "b", "actor": "Wladimir Putin", "start": 20, "end": 25},
    ])
    pairs = quoted_mentions(quotes, mentions)
    assert pairs[["speaker", "mentioned", "start"]].values.tolist() == [["Olaf Scholz", "Emmanuel Macron", 20]]


def test_with_article_dates_adds_the_year_of_each_rows_article():
    articles = pd.DataFrame([
        {"article_id": "a", "date": "2005-03-01", "date_precision": "day"},
        {"article_id": "b", "date": None, "date_precision": None},
    ])
    cues = pd.DataFrame({"article_id": ["a", "a", "b"], "category": ["Konflikt", "Kooperation", "Konflikt"]})
    dated = with_article_dates(cues, articles)
    assert dated["year"].tolist() == [2005, 2005, pd.NA]


def test_rate_by_year_divides_by_the_articles_of_each_year():
    articles = pd.DataFrame([
        {"article_id": "a", "date": "2005-03-01", "date_precision": "day"},
        {"article_id": "b", "date": "2005-07-12", "date_precision": "day"},
        {"article_id": "c", "date": "2006", "date_precision": "year"},
    ])
    cues = pd.DataFrame({"article_id": ["a", "a", "b", "c"],
                         "category": ["Konflikt", "Konflikt", "Kooperation", "Konflikt"]})
    rates = rate_by_year(cues, articles, "category")
    assert rates.to_dict(orient="index") == {2005: {"Konflikt": 1.0, "Kooperation": 0.5},
                                             2006: {"Konflikt": 1.0, "Kooperation": 0.0}}
    pooled = rate_by_year(cues, articles, "category", years=2)
    assert pooled.to_dict(orient="index") == {2004: {"Konflikt": 2 / 2, "Kooperation": 1 / 2},
                                              2006: {"Konflikt": 1.0, "Kooperation": 0.0}}


def test_a_sample_of_paths_is_the_same_for_the_same_seed(corpus):
    sample = sample_paths(corpus, 2)
    assert len(sample) == 2 and sample == sorted(sample)
    assert sample_paths(corpus, 2) == sample
    assert [path.name for path in sample_paths(corpus)] == ["klima.txt", "migration.txt", "wohnungen.txt"]


def test_the_analyze_command_writes_the_tables_and_says_what_it_did(corpus, tmp_path, capsys):
    assert main(["analyze", str(corpus), "--out", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out.startswith("3 new articles")
    assert main(["analyze", str(corpus), "--out", str(tmp_path / "out"), "--scheduler", "tcp://localhost:8786"]) == 2
    assert "a scheduler address needs engine='dask'" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------------------
# Nothing lost, nothing doubled


def jsonl_corpus(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_broken_jsonl_line_is_an_error_row_and_a_rerun_analyses_it_once_it_is_fixed(tmp_path):
    good = [json.dumps({"id": f"a{n}", "text": text}) for n, text in enumerate(ARTICLES.values(), start=1)]
    good += [json.dumps({"id": "a4", "text": ARTICLES["klima.txt"]}), json.dumps({"id": "a5", "text": "Ein Satz."})]
    corpus = jsonl_corpus(tmp_path / "korpus.jsonl", good[:2] + ['{"id": "a3", "text": '] + good[3:])
    assert analyze_corpus(corpus, tmp_path / "out", progress=False) == 5  # 4 articles and 1 error
    tables = read_tables(tmp_path / "out")
    assert list(tables["articles"]["article_id"]) == ["a1", "a2", "a4", "a5"]
    [error] = tables["errors"].to_dict(orient="records")
    assert error["source"].endswith("korpus.jsonl:3") and "line 3 is not valid JSON" in error["reason"]
    jsonl_corpus(corpus, good)
    assert analyze_corpus(corpus, tmp_path / "out", progress=False) == 1
    assert list(read_tables(tmp_path / "out")["articles"]["article_id"]) == ["a1", "a2", "a3", "a4", "a5"]


def test_a_second_run_into_the_same_folder_is_refused_while_the_first_holds_the_lock(corpus, tmp_path):
    out = tmp_path / "out"
    with output_lock(out):
        with pytest.raises(BlickwinkelError, match=f"another analysis \\(process {os.getpid()}\\) is writing"):
            analyze_corpus(corpus, out, progress=False)
    assert analyze_corpus(corpus, out, progress=False) == 3  # the lock is gone with its holder


def test_a_stale_lock_of_a_process_that_died_is_taken_over(corpus, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (out / LOCK_FILE).write_text(dead.stdout.strip(), encoding="utf-8")
    assert analyze_corpus(corpus, out, progress=False) == 3
    assert not (out / LOCK_FILE).exists()


def test_files_with_the_same_name_in_two_folders_are_two_articles(tmp_path):
    for year, text in (("2019", ARTICLES["klima.txt"]), ("2020", ARTICLES["migration.txt"])):
        (tmp_path / "korpus" / year).mkdir(parents=True)
        (tmp_path / "korpus" / year / "bericht.txt").write_text(text, encoding="utf-8")
    assert analyze_corpus(tmp_path / "korpus", tmp_path / "out", progress=False) == 2
    tables = read_tables(tmp_path / "out")
    assert list(tables["articles"]["article_id"]) == ["2019/bericht", "2020/bericht"]
    assert "errors" not in tables


def test_warnings_raised_while_loading_reach_the_warnings_table(corpus, tmp_path):
    (corpus / "latin.txt").write_bytes("Köln - Die Stadt sperrt das Ufer wegen Hochwasser.".encode("cp1252"))
    with warnings.catch_warnings():
        warnings.simplefilter("error", BlickwinkelWarning)
        analyze_corpus(corpus, tmp_path / "out", progress=False)
    [row] = read_tables(tmp_path / "out")["warnings"].to_dict(orient="records")
    assert row["article_id"] == "latin" and "is not UTF-8" in row["warning"]


def test_a_truncated_part_is_redone_and_the_folder_stays_readable(corpus, tmp_path):
    out = tmp_path / "out"
    analyze_corpus(corpus, out, batch_size=1, progress=False)
    part = sorted((out / "quotes").glob("*.parquet"))[0]
    part.write_bytes(part.read_bytes()[:40])
    assert analyze_corpus(corpus, out, batch_size=1, progress=False) == 1
    tables = read_tables(out)
    assert sorted(tables["articles"]["article_id"]) == ["klima", "migration", "wohnungen"]
    fresh = tmp_path / "fresh"
    analyze_corpus(corpus, fresh, batch_size=1, progress=False)
    pd.testing.assert_frame_equal(tables["quotes"], read_tables(fresh)["quotes"])


def test_an_output_folder_inside_the_input_folder_is_never_read_as_input(corpus):
    assert analyze_corpus(corpus, corpus / "ergebnisse", progress=False) == 3
    (corpus / "ergebnisse" / "notiz.txt").write_text("Berlin - Die Notiz ist kein Artikel des Korpus.", encoding="utf-8")
    assert analyze_corpus(corpus, corpus / "ergebnisse", progress=False) == 0


def test_the_summary_counts_rows_from_the_parquet_metadata(corpus, tmp_path):
    analyze_corpus(corpus, tmp_path / "out", batch_size=2, progress=False)
    tables = read_tables(tmp_path / "out")
    assert table_sizes(tmp_path / "out") == {name: len(table) for name, table in tables.items()}


@pytest.mark.parametrize("requested, articles, expected", [
    (None, 50, 1), (None, 5000, os.cpu_count()), (1, 5000, 1), (64, 5000, os.cpu_count())])
def test_the_number_of_processes_fits_the_machine_and_the_corpus(requested, articles, expected):
    assert choose_processes(requested, articles)[0] == expected


def test_an_existing_file_as_output_folder_is_an_error(corpus, tmp_path, capsys):
    taken = tmp_path / "ergebnis.txt"
    taken.write_text("schon da", encoding="utf-8")
    assert main(["analyze", str(corpus), "--out", str(taken)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    assert taken.read_text(encoding="utf-8") == "schon da"


def test_ctrl_c_says_in_one_line_how_to_resume(corpus, tmp_path, capsys, monkeypatch):
    def interrupted(*arguments, **options):
        raise KeyboardInterrupt
    monkeypatch.setattr("helpers.corpus.runner.analyze_batch", interrupted)
    assert main(["analyze", str(corpus), "--out", str(tmp_path / "out"), "--processes", "1"]) == 130
    err = capsys.readouterr().err
    assert err.endswith("\ninterrupted; run the same command again to resume\n")  # after the progress bar's line
    assert "Traceback" not in err


def test_a_warning_while_loading_goes_to_the_table_and_not_into_the_progress_bar(corpus, tmp_path, capsys):
    (corpus / "latin.txt").write_bytes("Köln - Die Stadt sperrt das Ufer wegen Hochwasser.".encode("cp1252"))
    assert main(["analyze", str(corpus), "--out", str(tmp_path / "out"), "--processes", "1"]) == 0
    assert "is not UTF-8" not in capsys.readouterr().err
    assert read_tables(tmp_path / "out")["warnings"]["article_id"].tolist() == ["latin"]
