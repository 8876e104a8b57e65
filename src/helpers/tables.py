"""Tidy tables, built column by column and made into a DataFrame once for many articles.

    columns = Columns({"start": [0, 7], "speaker_start": [None, 3]}, dtypes={"speaker_start": "Int64"})
    table_of([columns, more_columns])            # one DataFrame for both articles

Each analysis (actors, quotes, framing) computes an article's rows once, as `Columns`, and its public
function (`actor_mentions`, `quotes`, `frame_cues`) makes the DataFrame. A corpus run joins the columns of a
whole batch of articles first and makes one DataFrame per batch: making a DataFrame costs about 0.3 ms
however few its rows, as much as finding a short article's quotations.
"""

from itertools import chain

import numpy
import pandas as pd

NULLABLE_INTEGERS = "Int64"


class Columns(dict):
    """An article's table before it becomes a DataFrame: column name -> list of values, in column order.

        Columns.of_rows(["start", "end"], [(0, 5), (7, 12)])

    `dtypes` names the columns whose type pandas would not infer: "Int64" for integers that may be None,
    `object` for columns of Python objects. A table without rows has these types and `object` elsewhere.
    Callers share one `Columns` per article (see `helpers.nlp.remembered`) and must not change it.
    """

    def __init__(self, columns, dtypes=None):
        super().__init__(columns)
        self.dtypes = dict(dtypes or {})

    @classmethod
    def of_rows(cls, names, rows, dtypes=None):
        """The columns of a list of row tuples (each in the order of `names`)."""
        values = zip(*rows) if rows else ([] for _ in names)
        return cls({name: list(column) for name, column in zip(names, values)}, dtypes)

    @property
    def rows(self):
        return len(next(iter(self.values()), ()))


def table_of(parts):
    """One DataFrame of the tables of several articles, in order: `Columns` or DataFrames.

        table_of([actor_mention_columns(article) for article in articles])

    `Columns` (all of one analysis) are joined before the DataFrame is made; DataFrames are concatenated.
    """
    if parts and all(isinstance(part, Columns) for part in parts):
        return _frame(parts)
    frames = [_frame([part]) if isinstance(part, Columns) else part for part in parts]
    filled = [frame for frame in frames if len(frame)]
    if not filled:
        return frames[0] if frames else pd.DataFrame()
    return pd.concat(filled, ignore_index=True)


def _frame(parts):
    dtypes = parts[0].dtypes
    if not any(part.rows for part in parts):
        return pd.DataFrame({name: pd.array([], dtype=dtypes.get(name, object)) for name in parts[0]})
    data = {}
    for name in parts[0]:
        values = parts[0][name] if len(parts) == 1 else list(chain.from_iterable(part[name] for part in parts))
        dtype = dtypes.get(name)
        if dtype == NULLABLE_INTEGERS:
            values = nullable_integers(values)
        elif dtype is not None:
            values = pd.Series(values, dtype=dtype)
        data[name] = values
    return pd.DataFrame(data)


def nullable_integers(values):
    """Integers and None as a pandas `Int64` array: `pd.array(values, dtype="Int64")`, made directly (that
    call costs more than building a small table's other columns)."""
    missing = numpy.array([value is None for value in values], dtype=bool)
    numbers = numpy.array([0 if value is None else value for value in values], dtype=numpy.int64)
    return pd.arrays.IntegerArray(numbers, missing)
