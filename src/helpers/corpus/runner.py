"""Analyse a whole corpus: stream articles through the pipeline and write Parquet tables, resumably.

    analyze_corpus("../shared/data/wikinews-quotes/train", "out/wikinews", processes=2)
    tables = read_tables("out/wikinews")
    tables["quotes"].groupby("speaker").size()

The tables are written batch by batch (`helpers.corpus.store`), so a run that is interrupted can be started
again with the same command: finished articles are skipped, and parts of a batch that never finished are
removed. Memory stays flat because only a few batches are in flight.

The same batches run in this process (`processes=1`), in a process pool (`processes=N`) or on a Dask
cluster (`engine="dask"`, a `distributed.LocalCluster` unless `scheduler` gives an address); the tables are
the same. An article whose analysis fails is recorded in the `errors` table and the run goes on; it
counts as done, so to try it again after a fix, analyse into a new folder.
"""

import itertools
import os
import random
import time
import uuid
import warnings
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from helpers.article import article_summary, corpus_files, corpus_paths
from helpers.actors.catalog import load_catalog
from helpers.article.files import JSONL_SUFFIXES, articles_of_file
from helpers.corpus.store import finished_articles, output_lock, remove_unfinished_parts, write_batch
from helpers.errors import BlickwinkelError, BlickwinkelWarning
from helpers.pipeline import article_doc, load_pipeline
from helpers.tables.build import frame_of
from helpers.tables.frame_cues import FRAME_CUE_DTYPES, frame_cue_columns
from helpers.tables.mentions import MENTION_DTYPES, mention_columns
from helpers.tables.quotes import QUOTE_DTYPES, quote_columns

# The tables of an article: table name -> (function of its Doc that returns its columns, their dtypes); the
# columns of a batch's articles become one DataFrame per table (see helpers.tables.build).
TABLES = {"actor_mentions": (mention_columns, MENTION_DTYPES), "quotes": (quote_columns, QUOTE_DTYPES),
          "frame_cues": (frame_cue_columns, FRAME_CUE_DTYPES)}
ENGINES = ("local", "dask")
# Articles per batch: a DataFrame per table and a Parquet part per batch. Making the DataFrames of the 700
# Wikinews train articles took 0.11 CPU s in batches of 16, 0.06 s in batches of 64 (0.05 s in 128); an
# interrupted run loses at most one batch's work, under a second.
BATCH_SIZE = 64
# Below this many articles a second process costs more than it saves: each worker starts Python and loads the
# pipeline, about 1.5 s of CPU (measured in round one: 400 articles took 1.9 s in one process, 2.6 s in two).
PARALLEL_FROM_ARTICLES = 1000
BATCHES_IN_FLIGHT_PER_WORKER = 2


def analyze_corpus(sources, out_dir, *, processes: int | None = 1, engine: str = "local",
                   scheduler: str | None = None, tables: dict | None = None, batch_size: int = BATCH_SIZE,
                   progress: bool = True, catalogs=()) -> int:
    """Analyse every article of `sources` (files, folders, globs, JSONL) into Parquet tables in `out_dir`.

        analyze_corpus("data/", "out/", processes=2)     # returns the number of inputs analysed or failed

    `tables` maps table names to (function of an analysed Doc that returns its columns, their dtypes)
    (default: `TABLES`). Articles already recorded as done in `out_dir` are skipped; inputs that failed are
    tried again. `processes=None` chooses (see `choose_processes`). Files inside `out_dir` are never read.
    `catalogs` are your own actor catalogs (YAML files, see `load_pipeline`); resume a run with the same ones.
    """
    if engine not in ENGINES:
        raise BlickwinkelError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if scheduler and engine != "dask":
        raise BlickwinkelError("a scheduler address needs engine='dask' (--engine dask)")
    if processes is not None and processes < 1:
        raise BlickwinkelError(f"processes must be at least 1, not {processes}")
    tables = TABLES if tables is None else tables
    catalogs = tuple(str(Path(catalog).resolve()) for catalog in catalogs)  # the same file for every worker
    load_catalog(catalogs)  # a missing or broken catalog fails here, before any article
    with output_lock(out_dir) as out_dir:
        files = corpus_files(sources, exclude=out_dir)
        if engine == "local":
            processes, note = choose_processes(processes, _count_articles(files))
            if note and progress:
                tqdm.write(note)
        done = finished_articles(out_dir)
        remove_unfinished_parts(out_dir)
        done = finished_articles(out_dir)  # without the batches just removed
        has_jsonl = any(corpus_file.path.suffix.lower() in JSONL_SUFFIXES for corpus_file in files)
        analysed = 0
        # the bar is closed (its line ended) also when the run is interrupted, so nothing runs into it
        with tqdm(total=None if has_jsonl else len(files), desc="articles", unit="article",
                  disable=not progress) as bar, _executor(engine, processes or 1, scheduler) as (submit, workers):
            batches = _batches(files, done, batch_size, on_skip=bar.update)
            for batch_name, ids, size, batch_tables in _run(batches, submit, workers, tables, catalogs):
                write_batch(out_dir, batch_name, ids, batch_tables)
                analysed += size
                bar.update(size)
    return analysed


def choose_processes(requested: int | None, articles: int) -> tuple[int, str | None]:
    """The number of worker processes for a corpus of about `articles` articles, and a note for the user
    when the request was changed: at most one per core; without a request, one for a small corpus
    (fewer than `PARALLEL_FROM_ARTICLES`), else one per core.

        choose_processes(None, 50)        # (1, None)
    """
    cores = os.cpu_count() or 1
    if requested is None:
        return (1 if articles < PARALLEL_FROM_ARTICLES else cores), None
    if requested > cores:
        return cores, f"note: {requested} processes requested, but this machine has {cores} cores: using {cores}"
    return requested, None


def _count_articles(files):
    """About how many articles the files hold (the lines of JSONL files, counted without parsing them)."""
    count = 0
    for corpus_file in files:
        if corpus_file.path.suffix.lower() in JSONL_SUFFIXES and corpus_file.path.is_file():
            with open(corpus_file.path, "rb") as lines:
                count += sum(1 for line in lines if line.strip())
        else:
            count += 1
    return count


def sample_paths(sources, n: int | None = None, seed: int = 0) -> list[Path]:
    """`n` article files drawn at random from `sources` (the same ones for the same seed), in stable order.

        sample_paths("../shared/data/wikinews-quotes/train", 100)    # all files when n is None
    """
    paths = corpus_paths(sources)
    if n is None or n >= len(paths):
        return paths
    return sorted(random.Random(seed).sample(paths, n))


def analyze_batch(articles: list, load_errors: list, tables: dict = TABLES,
                  batch_name: str = "", catalogs=()) -> dict[str, pd.DataFrame]:
    """The tables of one batch: every table for every article, failures as rows of `errors`, and the
    project's warnings about an article (while loading it, e.g. a guessed encoding, or while analysing it,
    e.g. an unclosed quotation mark) as rows of `warnings`.

    `articles` are (Article, warnings raised while loading it) pairs, `load_errors` the error rows of inputs
    that could not be loaded (with their warnings); `batch_name` marks the error and warning rows, so that
    only the latest try of an input is shown (see `helpers.corpus.store.read_tables`); `catalogs` are the
    user's actor catalogs.
    """
    nlp = load_pipeline(catalogs=catalogs)
    summaries = []
    parts = {name: [] for name in tables}
    errors = []
    warned = []
    for error, load_warnings in load_errors:
        errors.append(error)
        warned += [_warning_row(None, error["source"], message) for message in load_warnings]
    for article, load_warnings in articles:
        warned += [_warning_row(article.id, article.source, message) for message in load_warnings]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", BlickwinkelWarning)
            try:
                doc = nlp(article_doc(nlp, article))
                rows = {name: columns(doc) for name, (columns, _) in tables.items()}
            except Exception as error:  # noqa: BLE001 - one bad article must not stop a corpus run
                errors.append(_error_row(article.id, article.source, error))
                rows = None
        warned += [_warning_row(article.id, article.source, message) for message in _project_warnings(caught)]
        if rows is not None:
            summaries.append(article_summary(article))
            for name, part in rows.items():
                parts[name].append(part)
    batch = {"articles": pd.DataFrame(summaries)} if summaries else {}
    batch.update((name, frame_of(found, tables[name][1])) for name, found in parts.items() if found)
    if errors:
        batch["errors"] = pd.DataFrame(errors).assign(batch=batch_name)
    if warned:
        batch["warnings"] = pd.DataFrame(warned).assign(batch=batch_name)
    return batch


def _project_warnings(caught):
    """The messages of the project's warnings among those caught; other warnings are shown as usual."""
    messages = []
    for warning in caught:
        if issubclass(warning.category, BlickwinkelWarning):
            messages.append(str(warning.message))
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    return messages


def _warning_row(article_id, source, message):
    return {"article_id": article_id, "source": source, "warning": message}


def _batches(files, done, batch_size, on_skip):
    """(batch name, articles, load errors, ids, inputs) for the inputs not yet done, `batch_size` at a time.

    Batch names sort in the order they were made, across runs: a run's time comes first.
    """
    run = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
    numbers = itertools.count(1)
    articles, load_errors = [], []
    for article, error, load_warnings in _new_articles(files, done, on_skip):
        if article is not None:
            articles.append((article, load_warnings))
        else:
            load_errors.append((error, load_warnings))
        if len(articles) + len(load_errors) >= batch_size:
            yield f"{run}-{next(numbers):05d}", articles, load_errors
            articles, load_errors = [], []
    if articles or load_errors:
        yield f"{run}-{next(numbers):05d}", articles, load_errors


def _new_articles(files, done, on_skip):
    """(article, error row, warnings raised while loading) one at a time, streamed: an article not yet done,
    or an input that failed (a file, or a line of a JSONL file)."""
    seen = set(done)
    for corpus_file in files:
        failed = []
        loaded = articles_of_file(corpus_file, on_error=failed.append)
        while True:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", BlickwinkelWarning)
                article = next(loaded, None)
            load_warnings = _project_warnings(caught)
            for error in failed:  # the inputs that failed while this article was read (lines before it)
                yield None, _error_row(None, getattr(error, "source", None) or str(corpus_file.path), error), \
                    load_warnings
                load_warnings = []
            failed.clear()
            if article is None:
                break
            if article.id not in seen:
                seen.add(article.id)
                yield article, None, load_warnings
            elif article.id in done:
                on_skip(1)
            else:
                duplicate = BlickwinkelError(
                    f"article id {article.id} occurs twice in the corpus: give every article its own id"
                )
                yield None, _error_row(article.id, article.source, duplicate), load_warnings


def _run(batches, submit, workers, tables, catalogs):
    """Analyse batches with `submit`, keeping a few in flight; yield (batch name, ids, inputs, tables) as they
    finish."""
    pending = {}
    limit = workers * BATCHES_IN_FLIGHT_PER_WORKER
    for batch_name, articles, load_errors in batches:
        ids = [article.id for article, _ in articles]
        pending[submit(analyze_batch, articles, load_errors, tables, batch_name, catalogs)] = (batch_name, ids,
                                                                                     len(articles) + len(load_errors))
        while len(pending) >= limit:
            yield from _collect(pending)
    while pending:
        yield from _collect(pending)


def _collect(pending):
    finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
    for future in finished:
        batch_name, ids, size = pending.pop(future)
        yield batch_name, ids, size, future.result()


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


def _error_row(article_id, source, error):
    return {"article_id": article_id, "source": source, "error": type(error).__name__, "reason": str(error)}

