"""Make DataFrames from the columns of one or many Docs.

    frame_of([mention_columns(doc) for doc in docs], MENTION_DTYPES)    # one DataFrame for all of them

A table's columns are built as plain lists per Doc and made into a DataFrame once: making a DataFrame costs
about 0.3 ms however few its rows (measured in round one), as much as finding a short article's
quotations, so a corpus run makes one per batch of articles instead of one per article and table.
"""

from itertools import chain

import numpy
import pandas as pd

NULLABLE_INTEGERS = "Int64"


def frame_of(parts: list[dict], dtypes: dict | None = None) -> pd.DataFrame:
    """One DataFrame of several Docs' columns (dicts of equally long lists with the same keys), in order.

        frame_of([{"start": [0, 7]}, {"start": [3]}])      # three rows

    `dtypes` names the columns whose type pandas would not infer: "Int64" for integers that may be None,
    `object` for Python objects; a table without rows has these types and `object` elsewhere.
    """
    dtypes = dtypes or {}
    names = list(parts[0]) if parts else []
    data = {}
    for name in names:
        values = parts[0][name] if len(parts) == 1 else list(chain.from_iterable(part[name] for part in parts))
        dtype = dtypes.get(name)
        if dtype == NULLABLE_INTEGERS:
            data[name] = nullable_integers(values)
        elif dtype is not None or not values:
            data[name] = pd.Series(values, dtype=dtype or object)
        else:
            data[name] = values
    return pd.DataFrame(data)


def nullable_integers(values: list) -> pd.api.extensions.ExtensionArray:
    """Integers and None as a pandas `Int64` array: `pd.array(values, dtype="Int64")`, made directly (that
    call costs more than building a small table's other columns)."""
    missing = numpy.array([value is None for value in values], dtype=bool)
    numbers = numpy.array([0 if value is None else value for value in values], dtype=numpy.int64)
    return pd.arrays.IntegerArray(numbers, missing)
