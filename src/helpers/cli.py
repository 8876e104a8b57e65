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
from contextlib import contextmanager

import pandas as pd
from tqdm import tqdm

from helpers.article import article_summary, load_corpus, paragraphs_table
from helpers.corpus.runner import PARALLEL_FROM_ARTICLES
from helpers.errors import BlickwinkelError

# Commands that print one table row per thing found, for every article of the inputs: command -> the
# `helpers.analysis.Analysis` table it prints.
TABLE_COMMANDS = {"actors": "mentions", "frames": "frame_cues", "quotes": "quotes"}

FORMATS = ("csv", "json", "jsonl")
TABLE_FORMATS = (*FORMATS, "xlsx")  # an Excel workbook (helpers.exports): only with --output


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
        _add_inputs(table, default_format="csv", formats=TABLE_FORMATS)
        _add_spreadsheet_options(table)
        _add_catalogs(table)
        table.set_defaults(handler=_table, target=target)

    report = commands.add_parser("report", help="render the notebooks for one article as HTML pages "
                                 "(with a second article: also the two compared)")
    report.add_argument("paths", nargs="+", metavar="PATH",
                        help="the article file; a second one adds notebook 06_compare for the two")
    report.add_argument("--out", required=True, metavar="DIR", help="folder for the HTML pages and notebooks")
    report.add_argument("--show-code", action="store_true", help="keep the notebooks' code in the pages")
    report.add_argument("--notebooks", nargs="+", metavar="NOTEBOOK",
                        help="notebook names or paths (default: notebooks/0[1-4]_*.ipynb)")
    report.set_defaults(handler=_report)

    worksheet = commands.add_parser("worksheet", help="write a printable worksheet (A4, PDF or HTML) for one article: "
                                    "quotes and speakers marked, who speaks, discussion questions")
    worksheet.add_argument("path", metavar="PATH", help="the article file")
    worksheet.add_argument("--out", required=True, metavar="FILE", help="FILE.pdf (printed by Chromium) or FILE.html")
    _add_catalogs(worksheet)
    worksheet.set_defaults(handler=_worksheet)

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
    analyze.add_argument("--xlsx", metavar="FILE",
                         help="also write all tables into one Excel workbook (refused above Excel's row limit)")
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

    speakers = commands.add_parser("evaluate-speakers", help="share of hand-labelled quotations whose speaker is "
                                   "linked to the right actor and affiliation (tests/gold/speaker_linking.tsv)")
    speakers.add_argument("--details", action="store_true", help="also print every labelled quotation with the "
                          "tool's answer")
    speakers.set_defaults(handler=_evaluate_speakers)

    framing = commands.add_parser("evaluate-frames", help="frame-cue precision and metaphor recall on the "
                                  "hand-made samples in tests/gold")
    framing.set_defaults(handler=_evaluate_frames)

    names = commands.add_parser("evaluate-names", help="score the rule and the learned name finder on GermEval "
                                "2014: 5-fold cross-validated on NER-de-dev, or the shipped model on --data")
    names.add_argument("--data", metavar="TSV", help="a GermEval-format file: score the rules and the shipped "
                       "model on it (default: cross-validation on ../shared/data/germeval2014/NER-de-dev.tsv)")
    names.add_argument("--model", metavar="NPZ", help="with --data: a model of your own (from train-names --out) "
                       "instead of the shipped one")
    names.set_defaults(handler=_evaluate_names)

    quotes_training = commands.add_parser("train-quotes", help="train the learned speaker choice on the Wikinews "
                                          "train articles' gold speakers (CC BY-NC-SA 4.0 data)")
    quotes_training.add_argument("--data", metavar="DIR", help="folder with train/ (default ../shared/data/wikinews-quotes)")
    quotes_training.add_argument("--limit", type=_positive, metavar="N", help="only the first N articles")
    quotes_training.add_argument("--out", metavar="JSON", help="where to write the model (default: the shipped "
                                 "src/helpers/resources/speaker_model.json)")
    quotes_training.set_defaults(handler=_train_quotes)

    training = commands.add_parser("train-names", help="train the learned name finder on GermEval-format "
                                   "annotations (needs python-crfsuite and spacy-lookups-data)")
    training.add_argument("--data", metavar="TSV",
                          help="annotations (default ../shared/data/germeval2014/NER-de-dev.tsv)")
    training.add_argument("--out", metavar="NPZ", help="model file (default: the package's resources/name_model.npz)")
    training.set_defaults(handler=_train_names)

    app = commands.add_parser("app", help="start the explorer for teachers as a Voilà app in the browser (German)")
    app.add_argument("--port", type=_positive, metavar="N", help="port on localhost (default 8866, else a free one)")
    app.add_argument("--no-browser", action="store_true", help="only print the address, do not open a browser")
    app.set_defaults(handler=_app)
    return parser


def _add_inputs(command, default_format, formats=FORMATS):
    command.add_argument("paths", nargs="+", metavar="PATH",
                         help="article files (.txt, .html, .json, .jsonl), folders or globs")
    command.add_argument("--format", choices=formats, default=default_format, help="output format")


def _add_spreadsheet_options(command):
    command.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout (needed for xlsx)")
    command.add_argument("--excel", action="store_true",
                         help="with --format csv: for German Excel (UTF-8 with BOM, ';', decimal comma, German headings)")


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

    _check_spreadsheet_options(args)
    failed = []
    analyses = analyze_many(load_corpus(args.paths, on_error=lambda error: _report_failure(error, failed)),
                            catalogs=args.catalogs)
    if args.format == "xlsx" or args.excel or args.output:
        _write_table_file(args, analyses)
    elif args.format == "json":  # one JSON array, so the tables of all articles are collected first
        tables = [getattr(analysis, args.target) for analysis in analyses]
        if tables:
            write_table(pd.concat(tables, ignore_index=True), "json")
    else:
        for number, analysis in enumerate(analyses):
            write_table(getattr(analysis, args.target), args.format, header=number == 0)
    return 1 if failed else 0


def _check_spreadsheet_options(args):
    """Refuse option combinations of the table commands that cannot work, before any article is analysed."""
    if args.format == "xlsx" and not args.output:
        raise BlickwinkelError("--format xlsx writes a file: add --output FILE.xlsx")
    if args.format == "xlsx":
        from helpers.exports import check_workbook_path

        check_workbook_path(args.output)
    if args.excel and args.format != "csv":
        raise BlickwinkelError(f"--excel is for --format csv, not {args.format}: use --format csv --excel, "
                               "or --format xlsx --output FILE.xlsx")


def _write_table_file(args, analyses):
    """A table command's output as an Excel workbook (a sheet of the articles and one of the table), as CSV
    for Excel, or in any format into --output."""
    from helpers.exports import write_excel_csv, write_workbook

    if args.format == "xlsx":
        articles, tables = [], []
        for analysis in analyses:
            articles.append(article_summary(analysis.article))
            tables.append(getattr(analysis, args.target))
        table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()
        print(write_workbook({"articles": pd.DataFrame(articles), args.target: table}, args.output))
        return
    with _output(args.output) as stream:
        if args.format == "json":
            tables = [getattr(analysis, args.target) for analysis in analyses]
            if tables:
                write_table(pd.concat(tables, ignore_index=True), "json", stream=stream)
            return
        for number, analysis in enumerate(analyses):
            if args.excel:
                write_excel_csv(getattr(analysis, args.target), stream, header=number == 0)
            else:
                write_table(getattr(analysis, args.target), args.format, header=number == 0, stream=stream)


@contextmanager
def _output(path):
    """The file at `path` for writing text (newlines as written), or stdout."""
    if path is None:
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as stream:
        yield stream


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

    if len(args.paths) > 2:
        raise BlickwinkelError(f"report takes one article, or two to compare, not {len(args.paths)}: for a corpus "
                               "use blickwinkel analyze")
    index = render_report(args.paths[0], args.out, notebooks=args.notebooks, show_code=args.show_code,
                          compare_with=args.paths[1] if len(args.paths) == 2 else None)
    print(index)


def _worksheet(args):
    from helpers.worksheet import write_worksheet

    print(write_worksheet(args.path, args.out, catalogs=args.catalogs))


def _analyze(args):
    from helpers.corpus import analyze_corpus
    from helpers.corpus.store import table_sizes

    if args.xlsx:
        from helpers.exports import check_workbook_path

        check_workbook_path(args.xlsx)  # before the analysis, not after it
    analysed = analyze_corpus(args.paths, args.out, processes=args.processes, engine=args.engine,
                              scheduler=args.scheduler, catalogs=args.catalogs)
    sizes = ", ".join(f"{name} {count}" for name, count in table_sizes(args.out).items())
    print(f"{analysed} new articles (or unreadable inputs) done; {args.out} holds: {sizes} rows")
    if args.xlsx:
        from helpers.corpus import read_tables
        from helpers.exports import check_excel_size, write_workbook

        check_excel_size(table_sizes(args.out))  # before reading tables that could not be written anyway
        print(f"Excel workbook: {write_workbook(read_tables(args.out), args.xlsx)}")


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


def _evaluate_speakers(args):
    from helpers.evaluation.speakers import linking_summary, read_speaker_sample, score_speakers

    scored = score_speakers(read_speaker_sample())
    if args.details:
        columns = ["article_id", "annotation_id", "gold_speaker_text", "speaker_name", "tool_speaker", "tool_actor",
                   "linked", "affiliation_in_text", "affiliation_known", "tool_affiliation", "affiliation_right"]
        print(scored[columns].to_string(index=False), end="\n\n")
    print(linking_summary(scored).to_string(index=False))


def _evaluate_frames(args):
    from helpers.evaluation.frames import evaluate_frames

    for title, table in evaluate_frames().items():
        print(f"{title}\n{table.to_string(index=False)}\n")


def _evaluate_names(args):
    from helpers.evaluation.name_training import cross_validated, lookups_lexicon, prepared_sentences
    from helpers.evaluation.names import GERMEVAL_DEV, evaluate_names
    from helpers.pipeline import load_pipeline

    if args.data:
        model = load_pipeline(name_model=args.model or True)
        tables = {"rules": evaluate_names(args.data), f"model ({args.model or 'shipped'})":
                  evaluate_names(args.data, pipeline=model)}
    else:
        tables = cross_validated(prepared_sentences(GERMEVAL_DEV), lexicon=lookups_lexicon())
        print(f"5-fold cross-validation on {GERMEVAL_DEV.name}: each sentence scored by a model trained on the "
              "other four folds")
    for finder, table in tables.items():
        print(f"\n{finder}:\n{table.to_string(index=False)}")


def _train_names(args):
    from helpers.actors.name_model import MODEL_FILE
    from helpers.evaluation.name_training import train_names
    from helpers.evaluation.names import GERMEVAL_DEV

    print(f"model: {train_names(args.data or GERMEVAL_DEV, args.out or MODEL_FILE)}")


def _train_quotes(args):
    from helpers.evaluation.speaker_training import train_speakers
    from helpers.quotes.speaker_choice import MODEL_FILE

    print(f"model: {train_speakers(data_dir=args.data, out=args.out or MODEL_FILE, limit=args.limit)}")


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
