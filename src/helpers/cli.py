"""The `blickwinkel` command line (also `python -m helpers`).

    blickwinkel load data/dpa_frankreich_russland_is.txt --format json
    blickwinkel actors data/ --format csv > mentions.csv

Each command only calls the public functions of the other modules.
"""

import argparse
import json
import os
import sys
import warnings

import pandas as pd
from tqdm import tqdm

from helpers.article import article_summary, load_corpus, paragraphs_table
from helpers.corpus.runner import PARALLEL_FROM_ARTICLES
from helpers.errors import BlickwinkelError

# Commands that print one table row per thing found, for every article of the inputs: command -> the
# `helpers.analysis.Analysis` table it prints.
TABLE_COMMANDS = {"actors": "mentions", "frames": "frame_cues", "quotes": "quotes"}

FORMATS = ("csv", "json", "jsonl")


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    warnings.simplefilter("default")
    warnings.showwarning = _show_warning
    try:
        return args.handler(args) or 0
    except BlickwinkelError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `blickwinkel actors ... | head`
        return 0


def _show_warning(message, category, filename, lineno, file=None, line=None):
    """A warning on its own line of stderr, above a progress bar rather than into it."""
    tqdm.write(f"warning: {message}", file=sys.stderr)


def build_parser():
    parser = argparse.ArgumentParser(
        prog="blickwinkel",
        description="Who is mentioned, who speaks and how a German news story is framed.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    load = commands.add_parser("load", help="print the structure of articles (metadata, sections, paragraphs)")
    _add_inputs(load, default_format="json")
    load.set_defaults(handler=_load)

    for name, target in TABLE_COMMANDS.items():
        table = commands.add_parser(name, help=f"print the {name} table of articles (Analysis.{target})")
        _add_inputs(table, default_format="csv")
        _add_catalogs(table)
        table.set_defaults(handler=_table, target=target)

    report = commands.add_parser("report", help="render the notebooks for one article as HTML pages")
    report.add_argument("path", metavar="PATH", help="the article file")
    report.add_argument("--out", required=True, metavar="DIR", help="folder for the HTML pages and notebooks")
    report.add_argument("--show-code", action="store_true", help="keep the notebooks' code in the pages")
    report.add_argument("--notebooks", nargs="+", metavar="NOTEBOOK",
                        help="notebook names or paths (default: notebooks/0[1-4]_*.ipynb)")
    report.set_defaults(handler=_report)

    analyze = commands.add_parser("analyze", help="analyse a corpus into Parquet tables (resumable)")
    analyze.add_argument("paths", nargs="+", metavar="PATH",
                         help="article files (.txt, .html, .json, .jsonl), folders or globs")
    analyze.add_argument("--out", required=True, metavar="DIR", help="folder for the Parquet tables")
    analyze.add_argument("--processes", type=_positive, metavar="N",
                         help=f"worker processes, at most one per core (default: 1 for fewer than "
                              f"{PARALLEL_FROM_ARTICLES} articles, else all {os.cpu_count()} cores)")
    analyze.add_argument("--engine", choices=("local", "dask"), default="local",
                         help="run here (local) or on a Dask cluster (dask)")
    analyze.add_argument("--scheduler", metavar="ADDRESS",
                         help="Dask scheduler address (default: start a LocalCluster)")
    _add_catalogs(analyze)
    analyze.set_defaults(handler=_analyze)

    scoring = commands.add_parser("evaluate-quotes", help="score the quotation finder on the Wikinews gold data")
    scoring.add_argument("--split", choices=("dev", "train"), default="dev", help="data split (default dev)")
    scoring.add_argument("--limit", type=_positive, metavar="N", help="only the first N articles of the split")
    scoring.add_argument("--data", metavar="DIR", help="folder with train/ and dev/ (default ../shared/data/wikinews-quotes)")
    scoring.set_defaults(handler=_evaluate_quotes)

    frames = commands.add_parser("frame-profile", help="print the frame profile of a corpus: cues per category, "
                                 "journalist vs quoted voice, the most frequent cues")
    frames.add_argument("paths", nargs="+", metavar="PATH",
                        help="article files (.txt, .html, .json, .jsonl), folders or globs")
    frames.add_argument("--top", type=int, default=10, metavar="N", help="cues listed per category (default 10)")
    frames.set_defaults(handler=_frame_profile)

    names = commands.add_parser("evaluate-names", help="score the actor mentions as named entities on GermEval 2014")
    names.add_argument("--file", metavar="TSV",
                       help="GermEval 2014 file (default ../shared/data/germeval2014/NER-de-dev.tsv)")
    names.set_defaults(handler=_evaluate_names)

    app = commands.add_parser("app", help="start the explorer for teachers as a Voilà app in the browser (German)")
    app.add_argument("--port", type=_positive, metavar="N", help="port on localhost (default 8866, else a free one)")
    app.add_argument("--no-browser", action="store_true", help="only print the address, do not open a browser")
    app.set_defaults(handler=_app)
    return parser


def _add_inputs(command, default_format):
    command.add_argument("paths", nargs="+", metavar="PATH",
                         help="article files (.txt, .html, .json, .jsonl), folders or globs")
    command.add_argument("--format", choices=FORMATS, default=default_format, help="output format")


def _add_catalogs(command):
    command.add_argument("--catalog", action="append", default=[], metavar="YAML", dest="catalogs",
                         help="your own actor catalog, in the format of helpers/resources/actors.yaml (repeatable)")


def _load(args):
    structures = []
    for number, article in enumerate(load_corpus(args.paths)):
        paragraphs = paragraphs_table(article).drop(columns=["text"])
        if args.format == "csv":
            paragraphs.to_csv(sys.stdout, index=False, header=number == 0)
            continue
        structure = {
            **article_summary(article),
            "dateline": article.dateline,
            "lead_span": article.lead,
            "sections": [
                {"index": s.index, "title": s.title, "start": s.start, "end": s.end,
                 "paragraphs": list(s.paragraph_indexes), "is_question": s.is_question}
                for s in article.sections
            ],
            "paragraphs": paragraphs.to_dict(orient="records"),
        }
        if args.format == "jsonl":
            print(json.dumps(structure, ensure_ascii=False))
        else:
            structures.append(structure)
    if structures:  # --format json: one JSON array of all articles
        print(json.dumps(structures, ensure_ascii=False, indent=2))


def _table(args):
    from helpers.analysis import analyze_many  # loads the pipeline: only for the commands that need it

    failed = []
    analyses = analyze_many(load_corpus(args.paths, on_error=lambda error: _report_failure(error, failed)),
                            catalogs=args.catalogs)
    if args.format == "json":  # one JSON array, so the tables of all articles are collected first
        tables = [getattr(analysis, args.target) for analysis in analyses]
        if tables:
            write_table(pd.concat(tables, ignore_index=True), "json")
    else:
        for number, analysis in enumerate(analyses):
            write_table(getattr(analysis, args.target), args.format, header=number == 0)
    return 1 if failed else 0


def _report_failure(error, failed):
    """A bad input of a table command: said on stderr, and the command goes on with the next one."""
    failed.append(error)
    print(f"error: {error} (skipped)", file=sys.stderr)


def _positive(value):
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return number


def _report(args):
    from helpers.report import render_report  # imports papermill and nbconvert: only for this command

    index = render_report(args.path, args.out, notebooks=args.notebooks, show_code=args.show_code)
    print(index)


def _analyze(args):
    from helpers.corpus import analyze_corpus
    from helpers.corpus.store import table_sizes

    analysed = analyze_corpus(args.paths, args.out, processes=args.processes, engine=args.engine,
                              scheduler=args.scheduler, catalogs=args.catalogs)
    sizes = ", ".join(f"{name} {count}" for name, count in table_sizes(args.out).items())
    print(f"{analysed} new articles (or unreadable inputs) done; {args.out} holds: {sizes} rows")


def _evaluate_quotes(args):
    from helpers.evaluation.quotes import evaluate, format_scores

    print(format_scores(evaluate(args.split, limit=args.limit, data_dir=args.data)))


def _frame_profile(args):
    from helpers.analysis import analyze_many
    from helpers.tables.build import frame_of
    from helpers.tables.frame_cues import FRAME_CUE_DTYPES, describe_frames, frame_cue_columns

    from helpers.summary.wording import words_in

    parts, words = [], 0
    for analysis in analyze_many(load_corpus(args.paths)):
        parts.append(frame_cue_columns(analysis.doc))
        words += words_in(analysis.article)
    print(describe_frames(frame_of(parts, FRAME_CUE_DTYPES), n=args.top, articles=len(parts), words=words))


def _evaluate_names(args):
    from helpers.evaluation.names import GERMEVAL_DEV, evaluate_names

    print(evaluate_names(args.file or GERMEVAL_DEV).to_string(index=False))


def _app(args):
    from helpers.app.server import serve  # imports ipywidgets and the pipeline's modules: only for this command

    return serve(port=args.port, open_browser=not args.no_browser)


def write_table(table, output_format, header=True, stream=None):
    """Write a table to stdout as csv, a json array of records, or jsonl (one record per line)."""
    stream = stream or sys.stdout
    if output_format == "csv":
        table.to_csv(stream, index=False, header=header)
    elif output_format == "json":
        stream.write(table.to_json(orient="records", force_ascii=False, indent=2) + "\n")
    else:
        for record in json.loads(table.to_json(orient="records", force_ascii=False)):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
