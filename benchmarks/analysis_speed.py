"""How fast is the analysis, and does a corpus run scale? A benchmark script, not a test.

    .venv/bin/python benchmarks/analysis_speed.py                      # all three parts
    .venv/bin/python benchmarks/analysis_speed.py --parts throughput --limit 100
    .venv/bin/python benchmarks/analysis_speed.py --parts throughput --name-model   # with the learned name finder

The script never reads or writes the user's word-analysis cache (~/.cache/blickwinkel): every process it
starts uses one temporary `BLICKWINKEL_CACHE_DIR`, empty at the start of the run.

1. throughput: the full article analysis (the pipeline's components and every table of
   `helpers.corpus.TABLES`: actor mentions, quotes, frame cues) on the Wikinews `train` articles in ../shared,
   in tokens per second, against the tokenisation of the same texts by `spacy.blank("de")` in the same
   process, the two taking turns batch by batch (so that the load of a shared machine falls on both alike).
   The analysis is the one of `blickwinkel analyze` without writing Parquet (`analyze_batch`:
   each article through the pipeline, its tables' columns, one DataFrame per table and batch of `BATCH_SIZE`
   articles), timed stage by stage: each component of the pipeline, each table's columns, and making the
   DataFrames. Three passes, each in a fresh process
   pinned to one core, with the pipeline loaded before the clock starts: (a) cold start, nothing stored,
   every word form is analysed by HanTa; (b) a new process that reads the word analyses (a) stored (a
   user's second run); (c) a new process whose stored analyses come from the 150 Wikinews `dev` articles,
   analysed (untimed) before in a word cache of its own (a user's first run on these articles after a run
   on others: words seen there are not analysed again, new ones are).
   Times are CPU seconds of that process (time.process_time), so other work on a shared machine does not
   count; the word cache written at the end of (a) is timed on its own ("store s").
2. scaling: `analyze_corpus` on 1x, 4x and 16x a base corpus (the articles repeated under new ids, as a
   folder of JSON files or with --jsonl as one JSONL file), each in a fresh process, with wall time and the
   process's peak resident memory (getrusage ru_maxrss). These runs read the word cache of the run's
   temporary folder, filled by the throughput passes or, without them, by an untimed run of the base corpus.
3. processes: the 4x corpus with 1 and 2 worker processes, and the speed-up.
4. load: reading an article of 1, 4 and 16 MB (the Wikinews train texts one after another, as paragraphs)
   into an `Article`: seconds and seconds per MB, which stay flat when finding the structure is linear.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

from helpers.article import article_from_text, load_corpus
from helpers.corpus import TABLES, analyze_corpus
from helpers.corpus.runner import BATCH_SIZE
from helpers.corpus.store import table_sizes
from helpers.pipeline import article_doc, load_pipeline
from helpers.pipeline.word_analyses import save_word_analyses
from helpers.tables.build import frame_of

WIKINEWS_TRAIN = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wikinews-quotes" / "train"
WIKINEWS_DEV = WIKINEWS_TRAIN.parent / "dev"
SCALES = (1, 4, 16)


def throughput(paths, name_model=False):
    """Tokens per second of tokenisation alone and of the full analysis, on the same texts, with the CPU seconds
    of each component, of each table's columns and of making the DataFrames; then the seconds to store the word
    analyses."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    articles = list(load_corpus(paths, progress=False))
    tokenizer = spacy.blank("de")
    nlp = load_pipeline(name_model=name_model)
    stages = dict.fromkeys(["tokenizer", *nlp.pipe_names, *(f"table {name}" for name in TABLES), "DataFrames"], 0.0)
    # Tokenisation and analysis take turns, batch by batch, so that both are timed under the same conditions (on a
    # shared machine a process's speed changes by up to 2x from one second to the next with the load of the other
    # core). Each batch is tokenised by `spacy.blank("de")` before it is analysed; like the pipeline, that
    # tokenizer meets each word form first in this run.
    tokens, tokenize_seconds, analysis_seconds = 0, 0.0, 0.0
    for first in range(0, len(articles), BATCH_SIZE):
        batch = articles[first:first + BATCH_SIZE]
        started = time.process_time()
        tokens += sum(len(doc) for doc in tokenizer.pipe(article.text for article in batch))
        tokenize_seconds += time.process_time() - started
        analysis_started = time.process_time()
        parts = {name: [] for name in TABLES}
        for article in batch:
            started = time.process_time()
            doc = article_doc(nlp, article)
            stages["tokenizer"] += time.process_time() - started
            for name, component in nlp.pipeline:  # what nlp(doc) does, one component at a time
                started = time.process_time()
                doc = component(doc)
                stages[name] += time.process_time() - started
            for name, (columns, _) in TABLES.items():
                started = time.process_time()
                parts[name].append(columns(doc))
                stages[f"table {name}"] += time.process_time() - started
        started = time.process_time()
        for name, found in parts.items():
            frame_of(found, TABLES[name][1])
        stages["DataFrames"] += time.process_time() - started
        analysis_seconds += time.process_time() - analysis_started
    started = time.process_time()
    save_word_analyses()  # what the process would do at exit: the next run reads them
    store_seconds = time.process_time() - started
    return {
        "articles": len(articles),
        "tokens": tokens,
        "tokenize tokens/s": round(tokens / tokenize_seconds),
        "analysis tokens/s": round(tokens / analysis_seconds),
        "ratio": round(tokenize_seconds / analysis_seconds, 3),
        **{f"{name.removeprefix('blickwinkel_')} s": round(seconds, 2) for name, seconds in stages.items()},
        "store s": round(store_seconds, 2),
    }


def load_speed(paths):
    """Seconds to read articles of 1, 4 and 16 MB into an Article, and seconds per MB."""
    texts = [json.loads(path.read_text(encoding="utf-8"))["originalText"] for path in paths]
    pool = "\n\n".join(texts)
    rows = []
    for megabytes in SCALES:
        size = megabytes * 1_000_000
        text = (pool * (size // len(pool) + 1))[:size]
        started = time.process_time()
        article = article_from_text(text, article_id=f"{megabytes}mb")
        seconds = time.process_time() - started
        rows.append({"MB": megabytes, "paragraphs": len(article.paragraphs), "sentences": len(article.sentences),
                     "seconds": round(seconds, 2), "s per MB": round(seconds / megabytes, 2)})
    return rows


def throughput_passes(limit, name_model=False):
    """Passes (a) and (b), then (c), each in a fresh process (see the module docstring); `name_model`: the
    pipeline with the learned name finder."""
    command = [sys.executable, __file__, "--throughput-pass", str(limit or 0)] + ["--name-model"] * name_model
    rows = [{"pass": label, **_last_json_line(command)} for label in ("(a) cold start", "(b) stored analyses")]
    with tempfile.TemporaryDirectory() as other_cache, tempfile.TemporaryDirectory() as out_dir:
        environment = {**os.environ, "BLICKWINKEL_CACHE_DIR": other_cache}
        _last_json_line([sys.executable, __file__, "--run-one", str(WIKINEWS_DEV), out_dir, "1"], environment)
        rows.append({"pass": "(c) stored analyses of dev", **_last_json_line(command, environment)})
    return rows


def _last_json_line(command, environment=None):
    """Run a command (this script in another mode) and read the JSON it prints last."""
    result = subprocess.run(command, check=True, capture_output=True, text=True, env=environment)
    return json.loads(result.stdout.strip().splitlines()[-1])


def repeated_corpus(paths, times, folder, jsonl=False):
    """The Wikinews documents `times` over, each copy under its own id: a folder of JSON files, or one JSONL file."""
    target = Path(folder) / f"corpus_x{times}{'.jsonl' if jsonl else ''}"
    if target.exists():  # made by an earlier part of this run
        return target
    if jsonl:
        lines = (json.dumps(record, ensure_ascii=False) + "\n" for record in _copies(paths, times))
        target.write_text("".join(lines), encoding="utf-8")
    else:
        target.mkdir()
        for record in _copies(paths, times):
            (target / f"{record['id']}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return target


def _copies(paths, times):
    for copy in range(times):
        for path in paths:
            record = json.loads(path.read_text(encoding="utf-8"))
            record["id"] = f"{path.stem}-{copy}"
            yield record


def timed_run(corpus, processes):
    """Run `analyze_corpus` in a fresh Python process; its wall time and peak memory."""
    with tempfile.TemporaryDirectory() as out_dir:
        return _last_json_line([sys.executable, __file__, "--run-one", str(corpus), out_dir, str(processes)])


def run_one(corpus, out_dir, processes):
    """Inside the fresh process: analyse the corpus and print seconds, articles and peak memory as JSON."""
    started = time.perf_counter()
    articles = analyze_corpus(corpus, out_dir, processes=processes, progress=False)
    table_sizes(out_dir)  # the summary `blickwinkel analyze` prints at the end: part of the peak memory
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes
    print(json.dumps({"articles": articles, "seconds": round(seconds, 1), "peak MB": round(peak_mb)}))


def print_table(title, rows):
    print(f"\n{title}")
    columns = list(rows[0])
    widths = [max(len(str(column)), *(len(str(row[column])) for row in rows)) for column in columns]
    print("  ".join(str(column).rjust(width) for column, width in zip(columns, widths)))
    for row in rows:
        print("  ".join(str(row[column]).rjust(width) for column, width in zip(columns, widths)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parts", nargs="+", default=["throughput", "scaling", "processes", "load"],
                        choices=["throughput", "scaling", "processes", "load"])
    parser.add_argument("--limit", type=int, default=None, help="articles for throughput (default: all 700)")
    parser.add_argument("--base", type=int, default=100, help="articles in the 1x corpus for scaling")
    parser.add_argument("--jsonl", action="store_true", help="repeated corpora as one JSONL file, not JSON files")
    parser.add_argument("--run-one", nargs=3, metavar=("CORPUS", "OUT", "PROCESSES"), help=argparse.SUPPRESS)
    parser.add_argument("--name-model", action="store_true", help="throughput with the learned name finder on")
    parser.add_argument("--throughput-pass", type=int, metavar="LIMIT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_one:
        corpus, out_dir, processes = args.run_one
        run_one(corpus, out_dir, int(processes))
        return
    if not WIKINEWS_TRAIN.is_dir():
        sys.exit(f"the benchmark reads the Wikinews articles in {WIKINEWS_TRAIN}: put ../shared beside the project")
    paths = sorted(WIKINEWS_TRAIN.glob("*.json"))
    if args.throughput_pass is not None:
        print(json.dumps(throughput(paths[: args.throughput_pass or None], args.name_model)))
        return
    print(f"tables: {', '.join(TABLES)}")
    with tempfile.TemporaryDirectory() as cache_dir, tempfile.TemporaryDirectory() as folder:
        os.environ["BLICKWINKEL_CACHE_DIR"] = cache_dir  # every process of this run, and only this run, uses it
        if "throughput" in args.parts:
            print_table("throughput (a fresh process per pass, one core, CPU seconds)", throughput_passes(args.limit, args.name_model))
        base = paths[: args.base]
        if "throughput" not in args.parts and {"scaling", "processes"} & set(args.parts):
            # fill the run's word cache first, so that no timed run pays for analysing new words
            timed_run(repeated_corpus(base, 1, folder, args.jsonl), processes=1)
        if "scaling" in args.parts:
            rows = []
            for times in SCALES:
                run = timed_run(repeated_corpus(base, times, folder, args.jsonl), processes=1)
                rows.append({"corpus": f"{times}x", **run, "s per article": round(run["seconds"] / run["articles"], 3)})
            source = "one JSONL file" if args.jsonl else "JSON files"
            print_table(f"scaling (base corpus: {len(base)} articles as {source}, one process)", rows)
        if "processes" in args.parts:
            # 4x the base corpus, so that starting the workers (each loads the pipeline) does not dominate
            corpus = repeated_corpus(base, 4, folder, args.jsonl)
            runs = {processes: timed_run(corpus, processes) for processes in (1, 2)}
            rows = [{"processes": processes, "articles": run["articles"], "seconds": run["seconds"],
                     "speed-up": round(runs[1]["seconds"] / run["seconds"], 2)} for processes, run in runs.items()]
            print_table(f"processes (4x {len(base)} articles)", rows)
        if "load" in args.parts:
            print_table("load (one article of N MB into an Article, CPU seconds)", load_speed(paths))


if __name__ == "__main__":
    main()
