"""Do two versions of the code find the same things? Snapshot every table of the Wikinews articles, then compare.

    PYTHONPATH=/path/to/other/src .venv/bin/python benchmarks/same_tables.py save before.pkl
    .venv/bin/python benchmarks/same_tables.py save after.pkl
    .venv/bin/python benchmarks/same_tables.py compare before.pkl after.pkl

`save` analyses the Wikinews `train` and `dev` articles in ../shared (850) as `blickwinkel analyze` does
(`analyze_batch`, batches of `BATCH_SIZE`) and pickles the tables (`helpers.corpus.TABLES`, the articles,
errors and warnings). `compare` says for each table whether the two are equal (`DataFrame.equals`: same
values, columns and dtypes) and, where not, the first rows that differ. A speed-up must leave them equal.
"""

import argparse
import pickle
import sys
from pathlib import Path

import pandas as pd

from helpers.article import load_corpus
from helpers.corpus.runner import BATCH_SIZE, analyze_batch

WIKINEWS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wikinews-quotes"


def snapshot() -> dict[str, pd.DataFrame]:
    """Every table of the Wikinews train and dev articles, each as one DataFrame."""
    paths = sorted((WIKINEWS / "train").glob("*.json")) + sorted((WIKINEWS / "dev").glob("*.json"))
    articles = [(article, []) for article in load_corpus(paths, progress=False)]
    parts = {}
    for first in range(0, len(articles), BATCH_SIZE):
        for name, table in analyze_batch(articles[first:first + BATCH_SIZE], []).items():
            parts.setdefault(name, []).append(table)
    return {name: pd.concat(tables, ignore_index=True) for name, tables in parts.items()}


def compare(before: dict, after: dict) -> bool:
    """Print, table by table, whether `before` and `after` are equal; True when all are."""
    same = before.keys() == after.keys()
    if not same:
        print(f"tables differ: {sorted(before)} against {sorted(after)}")
    for name in sorted(before.keys() & after.keys()):
        old, new = before[name], after[name]
        equal = old.equals(new)
        same &= equal
        print(f"{name}: {len(old)} and {len(new)} rows, {'equal' if equal else 'DIFFERENT'}")
        if not equal and old.shape == new.shape and list(old.columns) == list(new.columns):
            differing = ~((old == new) | (old.isna() & new.isna())).all(axis=1)
            print(pd.concat({"before": old[differing], "after": new[differing]}, axis=1).head(5).T.to_string())
        elif not equal:
            print(f"  columns {list(old.columns)} against {list(new.columns)}; dtypes "
                  f"{dict(old.dtypes)} against {dict(new.dtypes)}")
    return same


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("save", help="analyse the articles and pickle the tables").add_argument("out", type=Path)
    compare_command = commands.add_parser("compare", help="compare two pickled snapshots")
    compare_command.add_argument("before", type=Path)
    compare_command.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "save":
        args.out.write_bytes(pickle.dumps(snapshot()))
        return
    before, after = (pickle.loads(path.read_bytes()) for path in (args.before, args.after))
    sys.exit(0 if compare(before, after) else 1)


if __name__ == "__main__":
    main()
