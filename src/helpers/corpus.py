"""Analyse a whole corpus: stream articles through the analyses and write Parquet tables, resumably.

    analyze_corpus("../shared/data/wikinews-quotes/train", "out/wikinews", processes=2)
    tables = read_tables("out/wikinews")
    tables["quotes"].groupby("speaker").size()

Layout of `out_dir`: one folder per table (`articles`, `actor_mentions`, `quotes`, `frame_cues`, `errors`,
`warnings`)
holding one Parquet part per batch of articles, and `_done/` with one small JSON file per finished batch
listing its article ids. A batch's done file is written (atomically) only after all its parts, so a run that
is interrupted can be started again with the same command: finished articles are skipped, and parts of a
batch that never finished are removed. Memory stays flat because only a few batches are in flight.

The same batches run in this process (`processes=1`), in a process pool (`processes=N`) or on a Dask
cluster (`engine="dask"`, a `distributed.LocalCluster` unless `scheduler` gives an address); the tables are
the same. An article whose analysis fails is recorded in the `errors` table and the run goes on; it
counts as done, so to try it again after a fix, analyse into a new folder.
"""

import itertools
import json
import os
import random
import uuid
import warnings
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from helpers.actors import actor_mention_columns
from helpers.article import JSONL_SUFFIXES, article_summary, corpus_paths, load_corpus
from helpers.errors import BlickwinkelError, BlickwinkelWarning
from helpers.framing import frame_cue_columns
from helpers.quotes import quote_columns
from helpers.tables import table_of

# Article-level analyses: table name -> function(article) returning its rows with article_id/start/end, as a
# DataFrame or as `helpers.tables.Columns` (the rows of a batch then become one DataFrame: faster).
ANALYSES = {"actor_mentions": actor_mention_columns, "quotes": quote_columns, "frame_cues": frame_cue_columns}
ENGINES = ("local", "dask")
DONE_DIR = "_done"
BATCH_SIZE = 16
BATCHES_IN_FLIGHT_PER_WORKER = 2


def analyze_corpus(sources, out_dir, *, processes=1, engine="local", scheduler=None, analyses=None,
                   batch_size=BATCH_SIZE, progress=True):
    """Analyse every article of `sources` (files, folders, globs, JSONL) into Parquet tables in `out_dir`.

        analyze_corpus("data/", "out/", processes=2)               # returns the number of new articles

    `analyses` maps table names to functions of one article that return its rows, as a DataFrame or as
    `helpers.tables.Columns` (default: `ANALYSES`). Articles already recorded as done in `out_dir` are skipped.
    """
    if engine not in ENGINES:
        raise BlickwinkelError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if scheduler and engine != "dask":
        raise BlickwinkelError("a scheduler address needs engine='dask' (--engine dask)")
    if processes < 1:
        raise BlickwinkelError(f"processes must be at least 1, not {processes}")
    analyses = ANALYSES if analyses is None else analyses
    out_dir = Path(out_dir)
    paths = corpus_paths(sources)
    done = finished_articles(out_dir)
    _remove_unfinished_parts(out_dir)
    has_jsonl = any(path.suffix.lower() in JSONL_SUFFIXES for path in paths)
    bar = tqdm(total=None if has_jsonl else len(paths), desc="articles", unit="article", disable=not progress)
    batches = _batches(paths, done, batch_size, on_skip=bar.update)
    analysed = 0
    with _executor(engine, processes, scheduler) as (submit, workers):
        for batch_name, ids, tables in _run(batches, submit, workers, analyses):
            write_batch(out_dir, batch_name, ids, tables)
            analysed += len(ids)
            bar.update(len(ids))
    bar.close()
    return analysed


def sample_paths(sources, n=None, seed=0):
    """`n` article files drawn at random from `sources` (the same ones for the same seed), in stable order.

        sample_paths("../shared/data/wikinews-quotes/train", 100)    # all files when n is None
    """
    paths = corpus_paths(sources)
    if n is None or n >= len(paths):
        return paths
    return sorted(random.Random(seed).sample(paths, n))


def analyze_batch(articles, load_errors, analyses):
    """The tables of one batch: every analysis for every article, failures as rows of `errors`, and the
    project's warnings about an article (e.g. an unclosed quotation mark) as rows of `warnings`."""
    summaries = []
    parts = {name: [] for name in analyses}
    errors = list(load_errors)
    warned = []
    for article in articles:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", BlickwinkelWarning)
            try:
                rows = {name: analysis(article) for name, analysis in analyses.items()}
            except Exception as error:  # noqa: BLE001 - one bad article must not stop a corpus run
                errors.append(_error_row(article.id, article.source, error))
                rows = None
        for warning in caught:
            if issubclass(warning.category, BlickwinkelWarning):
                warned.append({"article_id": article.id, "source": article.source, "warning": str(warning.message)})
            else:
                warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
        if rows is not None:
            summaries.append(article_summary(article))
            for name, part in rows.items():
                parts[name].append(part)
    tables = {"articles": pd.DataFrame(summaries)} if summaries else {}
    tables.update((name, table_of(found)) for name, found in parts.items() if found)
    if errors:
        tables["errors"] = pd.DataFrame(errors)
    if warned:
        tables["warnings"] = pd.DataFrame(warned)
    return tables


def write_batch(out_dir, batch_name, ids, tables):
    """Write a batch's Parquet parts, then (atomically) its done file listing `ids`."""
    for name, table in tables.items():
        folder = Path(out_dir) / name
        folder.mkdir(parents=True, exist_ok=True)
        table.to_parquet(folder / f"{batch_name}.parquet", index=False)
    done_dir = Path(out_dir) / DONE_DIR
    done_dir.mkdir(parents=True, exist_ok=True)
    temporary = done_dir / f".{batch_name}.json.tmp"
    temporary.write_text(json.dumps(ids), encoding="utf-8")
    os.replace(temporary, done_dir / f"{batch_name}.json")


def finished_articles(out_dir):
    """The ids (or, for files that could not be read, the paths) that earlier runs finished."""
    done = set()
    for done_file in sorted((Path(out_dir) / DONE_DIR).glob("*.json")):
        done.update(json.loads(done_file.read_text(encoding="utf-8")))
    return done


def read_tables(out_dir):
    """All tables of an `analyze_corpus` run as DataFrames, rows sorted by article_id and offsets.

        tables = read_tables("out/")      # {"articles": ..., "actor_mentions": ..., "errors": ...}
    """
    out_dir = Path(out_dir)
    finished = {path.stem for path in (out_dir / DONE_DIR).glob("*.json")}
    if not finished:
        raise BlickwinkelError(f"{out_dir} holds no finished analysis: run analyze_corpus (blickwinkel analyze) first")
    tables = {}
    for folder in sorted(path for path in out_dir.iterdir() if path.is_dir() and path.name != DONE_DIR):
        # Parts are read one by one: a column that is empty in one batch has no type to merge with the others.
        parts = [pd.read_parquet(part) for part in sorted(folder.glob("*.parquet")) if part.stem in finished]
        table = table_of(parts)
        order = [column for column in ("article_id", "start", "end") if column in table.columns]
        tables[folder.name] = table.sort_values(order, kind="stable").reset_index(drop=True) if order else table
    return tables


def with_article_dates(table, articles):
    """`table` with the `date`, `date_precision` and `year` of each row's article (from the articles table).

        cues = with_article_dates(tables["frame_cues"], tables["articles"])
        cues.groupby(["year", "category"]).size()
    """
    dates = articles[["article_id", "date", "date_precision"]]
    dated = table.merge(dates, on="article_id", how="left", validate="many_to_one")
    dated["year"] = _year(dated["date"])
    return dated


def rate_by_year(table, articles, column, years=1):
    """Rows per article for each value of `column`, by year of publication (years as rows, values as columns).

        rate_by_year(tables["frame_cues"], tables["articles"], "frame", years=3)

    Dividing by the number of articles of each year keeps a year with many articles from looking like a
    year in which a frame was used more. `years=3` pools three years (2004-2006 as 2004), for small
    corpora. Articles without a date are left out.
    """
    dated = with_article_dates(table, articles).assign(year=lambda rows: rows["year"] // years * years)
    counts = dated.groupby(["year", column]).size().unstack(fill_value=0)
    per_year = (_year(articles["date"]) // years * years).value_counts()
    return counts.div(per_year.reindex(counts.index), axis=0).sort_index()


def _year(dates):
    """The year of dates like '2018-06-01', '2018-06' or '2018' (missing for a missing date)."""
    return pd.to_numeric(dates.str[:4], errors="coerce").astype("Int64")


def quoted_mentions(quotes, mentions, speaker="speaker_actor", mentioned="actor"):
    """Who speaks about whom: one row per mention that lies inside a quotation, with the quotation's speaker.

        quoted_mentions(tables["quotes"], tables["actor_mentions"]).groupby(["speaker", "mentioned"]).size()

    Columns: article_id, quote_id, speaker (the quote's `speaker` column; quotes without one are left
    out), mentioned (the mention's `mentioned` column), start, end (the mention's offsets).
    """
    quoted = quotes.dropna(subset=[speaker])[["article_id", "quote_id", speaker, "start", "end"]]
    quoted = quoted.rename(columns={speaker: "speaker"})
    found = mentions[["article_id", mentioned, "start", "end"]].rename(columns={mentioned: "mentioned"})
    pairs = quoted.merge(found, on="article_id", suffixes=("_quote", ""))
    inside = pairs[(pairs["start"] >= pairs["start_quote"]) & (pairs["end"] <= pairs["end_quote"])]
    columns = ["article_id", "quote_id", "speaker", "mentioned", "start", "end"]
    return inside[columns].sort_values(["article_id", "start"]).reset_index(drop=True)


def _batches(paths, done, batch_size, on_skip):
    """(batch name, articles, load errors, done keys) for the inputs not yet done, `batch_size` at a time."""
    run = uuid.uuid4().hex[:8]
    numbers = itertools.count(1)
    articles, load_errors, keys = [], [], []
    for article, error, key in _new_articles(paths, done, on_skip):
        articles += [article] if article else []
        load_errors += [error] if error else []
        keys += [key] if key else []
        if len(articles) + len(load_errors) >= batch_size:
            yield f"{run}-{next(numbers):05d}", articles, load_errors, keys
            articles, load_errors, keys = [], [], []
    if articles or load_errors:
        yield f"{run}-{next(numbers):05d}", articles, load_errors, keys


def _new_articles(paths, done, on_skip):
    """(article, error row, done key) one at a time, streamed: an article not yet done, or an input that failed.

    A file that cannot be read is recorded under its path, so that a rerun skips it too.
    """
    seen = set(done)
    for path in paths:
        if str(path) in done:
            on_skip(1)
            continue
        try:
            for article in load_corpus(path, progress=False):
                if article.id not in seen:
                    seen.add(article.id)
                    yield article, None, article.id
                elif article.id in done:
                    on_skip(1)
                else:
                    duplicate = BlickwinkelError(
                        f"article id {article.id} occurs twice in the corpus: give every article its own id"
                    )
                    yield None, _error_row(article.id, article.source, duplicate), None
        except BlickwinkelError as error:
            yield None, _error_row(None, str(path), error), str(path)


def _run(batches, submit, workers, analyses):
    """Analyse batches with `submit`, keeping a few in flight; yield (batch name, ids, tables) as they finish."""
    pending = {}
    limit = workers * BATCHES_IN_FLIGHT_PER_WORKER
    for batch_name, articles, load_errors, ids in batches:
        pending[submit(analyze_batch, articles, load_errors, analyses)] = (batch_name, ids)
        while len(pending) >= limit:
            yield from _collect(pending)
    while pending:
        yield from _collect(pending)


def _collect(pending):
    finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
    for future in finished:
        batch_name, ids = pending.pop(future)
        yield batch_name, ids, future.result()


@contextmanager
def _executor(engine, processes, scheduler):
    """(submit, workers): `submit(function, *args)` returns a future; in this process, a pool or on Dask."""
    if engine == "dask":
        from distributed import Client, LocalCluster  # only needed for the Dask engine

        if scheduler:
            with Client(scheduler) as client:
                yield client.get_executor().submit, max(len(client.scheduler_info()["workers"]), 1)
        else:
            with LocalCluster(n_workers=processes, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                yield client.get_executor().submit, processes
    elif processes > 1:
        # spawn, not fork: workers start clean and each loads the pipeline once, on its first batch
        with ProcessPoolExecutor(processes, mp_context=get_context("spawn")) as pool:
            yield pool.submit, processes
    else:
        yield _submit_here, 1


def _submit_here(function, *args):
    future = Future()
    future.set_result(function(*args))
    return future


def _remove_unfinished_parts(out_dir):
    """Delete parts of batches without a done file: they come from a run that was interrupted."""
    out_dir = Path(out_dir)
    if not out_dir.exists():
        return
    finished = {path.stem for path in (out_dir / DONE_DIR).glob("*.json")}
    for part in out_dir.glob("*/*.parquet"):
        if part.stem not in finished:
            part.unlink()


def _error_row(article_id, source, error):
    return {"article_id": article_id, "source": source, "error": type(error).__name__, "reason": str(error)}

