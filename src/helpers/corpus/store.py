"""The tables of a corpus run on disk: one Parquet part per batch and table, and a done file per batch.

    with output_lock("out/"):
        write_batch("out/", "20261202T101500-a1b2c3-00001", ["id1", "id2"], tables)
    read_tables("out/")["quotes"]

Layout of an output folder: one folder per table (`articles`, `actor_mentions`, `quotes`, `frame_cues`,
`errors`, `warnings`) holding one Parquet part per batch of articles, `_done/` with one small JSON file per
finished batch listing the ids of its articles, and `_lock` while a run writes into it. A batch's done file
is written (atomically) only after all its parts, so the parts of a batch that never finished (or that were
damaged since) are recognised, removed and redone. Inputs that failed are not done: every run tries them
again, and `read_tables` shows the latest error of each input that still has no article.
"""

import json
import os
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from helpers.errors import BlickwinkelError

DONE_DIR = "_done"
LOCK_FILE = "_lock"
ERRORS, WARNINGS = "errors", "warnings"


@contextmanager
def output_lock(out_dir):
    """Hold the output folder for one run: a lock file with this process's id, created exclusively.

    A second run into the same folder is refused with a clear message; the lock of a process that no longer
    runs (killed, machine restarted) is taken over.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise BlickwinkelError(f"{out_dir} is a file, not a folder: give --out a new or an existing results folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = out_dir / LOCK_FILE
    for _ in range(2):
        try:
            descriptor = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            holder = _lock_holder(lock)
            if holder is not None and _is_running(holder):
                raise BlickwinkelError(
                    f"another analysis (process {holder}) is writing into {out_dir}: wait until it has finished, "
                    "or give another --out folder"
                ) from None
            lock.unlink(missing_ok=True)  # a stale lock: its process is gone
            continue
        with os.fdopen(descriptor, "w") as file:
            file.write(str(os.getpid()))
        break
    try:
        yield out_dir
    finally:
        lock.unlink(missing_ok=True)


def _lock_holder(lock):
    try:
        return int(lock.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def _is_running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def write_batch(out_dir, batch_name: str, ids: list, tables: dict[str, pd.DataFrame]):
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


def finished_articles(out_dir) -> set:
    """The ids of the articles that earlier runs finished."""
    done = set()
    for done_file in sorted((Path(out_dir) / DONE_DIR).glob("*.json")):
        done.update(json.loads(done_file.read_text(encoding="utf-8")))
    return done


def remove_unfinished_parts(out_dir):
    """Delete the parts of batches without a done file (a run was interrupted) and whole batches with a part
    that cannot be read (a file was damaged since): their articles are analysed again."""
    out_dir = Path(out_dir)
    if not out_dir.exists():
        return
    finished = {path.stem: path for path in (out_dir / DONE_DIR).glob("*.json")}
    damaged = set()
    for part in out_dir.glob("*/*.parquet"):
        if part.stem not in finished:
            part.unlink()
        elif not _readable(part):
            damaged.add(part.stem)
    for batch in damaged:
        finished[batch].unlink()
        for part in out_dir.glob(f"*/{batch}.parquet"):
            part.unlink()


def _readable(part):
    try:
        pq.read_metadata(part)
    except (OSError, ValueError):  # pyarrow's ArrowInvalid is a ValueError
        return False
    return True


def table_sizes(out_dir) -> dict[str, int]:
    """The number of rows of each table of a finished run, counted from the Parquet parts' metadata (no table
    is read into memory); errors and warnings count as `read_tables` shows them."""
    out_dir = Path(out_dir)
    finished = _finished_batches(out_dir)
    sizes = {}
    for folder in _table_folders(out_dir):
        if folder.name in (ERRORS, WARNINGS):  # small tables, some of whose rows are hidden
            sizes[folder.name] = len(read_tables(out_dir, only=[folder.name])[folder.name])
        else:
            sizes[folder.name] = sum(pq.read_metadata(part).num_rows for part in _parts(folder, finished))
    return sizes


def read_tables(out_dir, only: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """All tables of an `analyze_corpus` run (or those named in `only`) as DataFrames, rows sorted by
    article_id and offsets.

        tables = read_tables("out/")      # {"articles": ..., "actor_mentions": ..., "errors": ...}
    """
    out_dir = Path(out_dir)
    finished = _finished_batches(out_dir)
    if not finished:
        raise BlickwinkelError(f"{out_dir} holds no finished analysis: run analyze_corpus (blickwinkel analyze) first")
    tables = {}
    for folder in _table_folders(out_dir):
        if only is not None and folder.name not in only:
            continue
        # Parts are read one by one: a column that is empty in one batch has no type to merge with the others.
        parts = [pd.read_parquet(part) for part in _parts(folder, finished)]
        filled = [part for part in parts if len(part)]
        table = pd.concat(filled, ignore_index=True) if filled else parts[0] if parts else pd.DataFrame()
        order = [column for column in ("article_id", "start", "end") if column in table.columns]
        tables[folder.name] = table.sort_values(order, kind="stable").reset_index(drop=True) if order else table
    for name in (ERRORS, WARNINGS):
        if name in tables:
            tables[name] = _latest_of_each_input(tables[name], name, out_dir, finished)
    return tables


def _latest_of_each_input(table, name, out_dir, finished):
    """Failed inputs are tried again by every run: of the errors and warnings, those of the last try of each
    input (source), and no error for an input that has since become an article."""
    if "batch" in table.columns and len(table):
        latest = table.groupby("source", dropna=False)["batch"].transform("max")
        table = table[table["batch"] == latest]
    if name == ERRORS:
        table = table[~table["source"].isin(_article_sources(out_dir, finished))]
    order = [column for column in ("article_id", "source") if column in table.columns]
    return table.drop(columns=["batch"], errors="ignore").sort_values(order, kind="stable").reset_index(drop=True)


def _article_sources(out_dir, finished):
    """The sources (path, or path:line) of the articles analysed so far, read column by column."""
    folder = out_dir / "articles"
    if not folder.is_dir():
        return set()
    return {source for part in _parts(folder, finished) for source in pd.read_parquet(part, columns=["source"])["source"]}


def _finished_batches(out_dir):
    return {path.stem for path in (out_dir / DONE_DIR).glob("*.json")}


def _table_folders(out_dir):
    return sorted(path for path in out_dir.iterdir() if path.is_dir() and not path.name.startswith("_"))


def _parts(folder, finished):
    return [part for part in sorted(folder.glob("*.parquet")) if part.stem in finished]
