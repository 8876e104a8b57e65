"""How fast is the analysis, and does a corpus run scale? A benchmark script, not a test.

    .venv/bin/python benchmarks/analysis_speed.py                      # all three parts
    .venv/bin/python benchmarks/analysis_speed.py --parts throughput --limit 100

1. throughput: the full article analysis (every table of `helpers.corpus.ANALYSES`: actor mentions,
   quotes, frame cues) on the Wikinews `train` articles in ../shared, in tokens per second, against the
   tokenisation of the same texts by `spacy.blank("de")` in the same run, and the seconds spent parsing
   (the Doc all analyses share) and in each analysis. The pipeline is loaded before the clock starts; its
   word caches start cold.
2. scaling: `analyze_corpus` on 1x, 4x and 16x a base corpus (the articles repeated under new ids, as a
   folder of JSON files or with --jsonl as one JSONL file), each in a fresh process, with wall time and the
   process's peak resident memory (getrusage ru_maxrss).
3. processes: the 4x corpus with 1 and 2 worker processes, and the speed-up.
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

from helpers.article import load_corpus
from helpers.corpus import ANALYSES, analyze_corpus
from helpers.nlp import load_pipeline, parse

WIKINEWS_TRAIN = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wikinews-quotes" / "train"
SCALES = (1, 4, 16)


def throughput(paths):
    """Tokens per second of tokenisation alone and of the full analysis, on the same texts, with the seconds
    spent in parsing (the shared Doc) and in each analysis."""
    articles = list(load_corpus(paths, progress=False))
    tokenizer = spacy.blank("de")
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in tokenizer.pipe(article.text for article in articles))
    tokenize_seconds = time.perf_counter() - started
    load_pipeline()
    stages = dict.fromkeys(["parse", *ANALYSES], 0.0)
    for article in articles:
        started = time.perf_counter()
        parse(article)  # the Doc every analysis of this article shares
        stages["parse"] += time.perf_counter() - started
        for name, analysis in ANALYSES.items():
            started = time.perf_counter()
            analysis(article)
            stages[name] += time.perf_counter() - started
    analysis_seconds = sum(stages.values())
    return {
        "articles": len(articles),
        "tokens": tokens,
        "tokenize tokens/s": round(tokens / tokenize_seconds),
        "analysis tokens/s": round(tokens / analysis_seconds),
        "ratio": round(tokenize_seconds / analysis_seconds, 3),
        **{f"{name} s": round(seconds, 1) for name, seconds in stages.items()},
    }


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
        command = [sys.executable, __file__, "--run-one", str(corpus), out_dir, str(processes)]
        result = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_one(corpus, out_dir, processes):
    """Inside the fresh process: analyse the corpus and print seconds, articles and peak memory as JSON."""
    started = time.perf_counter()
    articles = analyze_corpus(corpus, out_dir, processes=processes, progress=False)
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
    parser.add_argument("--parts", nargs="+", default=["throughput", "scaling", "processes"],
                        choices=["throughput", "scaling", "processes"])
    parser.add_argument("--limit", type=int, default=None, help="articles for throughput (default: all 700)")
    parser.add_argument("--base", type=int, default=100, help="articles in the 1x corpus for scaling")
    parser.add_argument("--jsonl", action="store_true", help="repeated corpora as one JSONL file, not JSON files")
    parser.add_argument("--run-one", nargs=3, metavar=("CORPUS", "OUT", "PROCESSES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_one:
        corpus, out_dir, processes = args.run_one
        run_one(corpus, out_dir, int(processes))
        return
    if not WIKINEWS_TRAIN.is_dir():
        sys.exit(f"the benchmark reads the Wikinews articles in {WIKINEWS_TRAIN}: put ../shared beside the project")
    paths = sorted(WIKINEWS_TRAIN.glob("*.json"))
    print(f"analyses: {', '.join(ANALYSES)}")
    if "throughput" in args.parts:
        print_table("throughput (one process)", [throughput(paths[: args.limit])])
    with tempfile.TemporaryDirectory() as folder:
        base = paths[: args.base]
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


if __name__ == "__main__":
    main()
