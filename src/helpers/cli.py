"""The `blickwinkel` command line (also `python -m helpers`).

    blickwinkel load data/dpa_frankreich_russland_is.txt --format json
    blickwinkel actors data/ --format csv > mentions.csv

Each command only calls the public functions of the other modules.
"""

import argparse
import importlib
import json
import sys
import warnings

import pandas as pd

from helpers.article import article_summary, load_corpus, paragraphs_table
from helpers.errors import BlickwinkelError

# Commands that print one table row per thing found, for every article of the inputs.
TABLE_COMMANDS = {
    "actors": "helpers.actors:actor_mentions",
}

FORMATS = ("csv", "json", "jsonl")


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    warnings.simplefilter("default")
    warnings.formatwarning = lambda message, category, *rest: f"warning: {message}\n"
    try:
        return args.handler(args) or 0
    except BlickwinkelError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `blickwinkel actors ... | head`
        return 0


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
        table = commands.add_parser(name, help=f"print the {name} table of articles ({target.split(':')[1]})")
        _add_inputs(table, default_format="csv")
        table.set_defaults(handler=_table, target=target)
    return parser


def _add_inputs(command, default_format):
    command.add_argument("paths", nargs="+", metavar="PATH",
                         help="article files (.txt, .html, .json, .jsonl), folders or globs")
    command.add_argument("--format", choices=FORMATS, default=default_format, help="output format")


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
            "section_list": [
                {"index": s.index, "title": s.title, "start": s.start, "end": s.end,
                 "paragraphs": list(s.paragraph_indexes), "is_question": s.is_question}
                for s in article.sections
            ],
            "paragraph_list": paragraphs.to_dict(orient="records"),
        }
        if args.format == "jsonl":
            print(json.dumps(structure, ensure_ascii=False))
        else:
            structures.append(structure)
    if structures:  # --format json: one JSON array of all articles
        print(json.dumps(structures, ensure_ascii=False, indent=2))


def _table(args):
    module_name, function_name = args.target.split(":")
    analyse = getattr(importlib.import_module(module_name), function_name)
    if args.format == "json":  # one JSON array, so the tables of all articles are collected first
        tables = [analyse(article) for article in load_corpus(args.paths)]
        write_table(pd.concat(tables, ignore_index=True), "json")
        return
    for number, article in enumerate(load_corpus(args.paths)):
        write_table(analyse(article), args.format, header=number == 0)


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
