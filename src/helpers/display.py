"""Tables as a German reader sees them: German column labels and words, "–" for missing values, Ja/Nein.

    present(analysis.quotes, "quotes")          # the columns that matter to a reader, in German
    show(analysis.mentions, "mentions")         # the same as a styled table without index numbers

The labels live in `resources/labels_de.yaml`; a frame category is shown with its label from the frame
lexicon ("Konflikt und Konfrontation"). The tables themselves keep their English columns and codes.
"""

import re
import warnings
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy
import pandas as pd
from IPython.display import Markdown, display
from pandas.io.formats.style import Styler

from helpers.errors import BlickwinkelWarning, ResourceError
from helpers.framing import category_labels
from helpers.pipeline import DEFAULT_LEXICON
from helpers.resources import read_yaml

LABELS = "labels_de.yaml"


@lru_cache(maxsize=None)
def labels() -> dict:
    """The German labels: columns, values, shown, missing, booleans (see the resource file)."""
    content = read_yaml(LABELS)
    required = {"columns", "values", "shown", "missing", "booleans", "metadata", "explanations"}
    if not isinstance(content, dict) or not required <= set(content):
        raise ResourceError(f"{LABELS} needs the sections {sorted(required)}: restore the bundled file")
    return content


def present(table: pd.DataFrame, kind: str | None = None, columns: list[str] | None = None,
            lexicon: str = DEFAULT_LEXICON) -> pd.DataFrame:
    """A copy of `table` for readers: the columns of `kind` (mentions, quotes, frame_cues, discovered) or
    the given `columns`, German labels and words, "–" for missing values, Ja/Nein, decimal commas and shares
    as percentages (columns named share_...), a fresh index.

        present(analysis.mentions, "mentions")
    """
    german = labels()
    if columns is None:
        columns = german["shown"].get(kind) if kind else None
    if columns is None:
        columns = list(table.columns)
    shown = table[[column for column in columns if column in table.columns]].copy()
    categories = category_labels(lexicon)
    for column in shown.columns:
        values = german["values"].get(column) or (categories if column == "category" else None)
        if values:
            shown[column] = shown[column].map(lambda value: values.get(value, value))
        present_values = shown[column].dropna()
        if pd.api.types.is_float_dtype(shown[column]):
            shown[column] = shown[column].map(_percent if column.startswith("share") else decimal, na_action="ignore")
        if len(present_values) and all(isinstance(value, (bool, numpy.bool_)) for value in present_values):
            shown[column] = shown[column].map({True: german["booleans"][True], False: german["booleans"][False]})
        missing = shown[column].isna() | shown[column].astype(object).eq("")
        shown[column] = shown[column].astype(object).where(~missing, german["missing"])
    names = {**german["columns"], **german.get("columns_of_kind", {}).get(kind, {})}
    return shown.rename(columns=names).reset_index(drop=True)


def decimal(number: float) -> str:
    """41.7 -> '41,7'; 3.0 -> '3': a German decimal comma, at most one decimal."""
    return f"{number:.1f}".replace(".", ",").removesuffix(",0")


def _percent(share: float) -> str:
    """0.37 -> '37 %' (German style)."""
    return f"{share * 100:.0f} %"


def metadata(article) -> Styler:
    """An article's metadata as a two-column table for readers: field and value, in German.

        metadata(load_article("data/dpa_frankreich_russland_is.txt"))
    """
    fields = labels()["metadata"]
    values = {"title": article.title, "date": article.date, "places": ", ".join(article.places) or None,
              "agency": article.agency, "author": article.author, "teaser": article.teaser,
              "source": article.source and Path(str(article.source)).name, "article_id": article.id}
    table = pd.DataFrame({"Feld": list(fields.values()), "Wert": [values[field] for field in fields]})
    return _styled(present(table))


def show(table: pd.DataFrame, kind: str | None = None, columns: list[str] | None = None,
         empty: str | None = None) -> Styler | Markdown:
    """`present(table, kind, columns)` as a styled table without index numbers, for notebooks and reports; a
    table without rows is the sentence `empty` instead, when one is given.

        show(analysis.quotes, "quotes", empty="In diesem Artikel gibt es keine Zitate.")
    """
    if table.empty and empty is not None:
        return say(empty)
    return _styled(present(table, kind, columns))


def _styled(table):
    """A reader's table: no index numbers, text aligned left, numbers right."""
    text = [column for column in table.columns if table[column].dtype == object]
    # escape="html": an article's text in a cell is shown as text, never rendered (pandas' Styler does not escape)
    return (table.style.hide(axis="index").format(escape="html")
            .set_properties(subset=text, **{"text-align": "left"})
            .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}]))


def say(markdown: str) -> Markdown:
    """A sentence of `helpers.summary` (Markdown: **bold**, lists, "> " quotations) shown to the reader, with the
    article's words in it made harmless: no HTML tag, entity or link of an article is ever rendered.

        say(describe_quotes(quotes))
    """
    safe = markdown.replace("&", "&amp;").replace("<", "&lt;")
    return Markdown(re.sub(r"([\[\]`])", r"\\\1", safe))


@contextmanager
def notes():
    """Show the project's warnings raised inside (a text that does not look German, a guessed encoding, an
    unclosed quotation mark) as notes for the reader, not as warnings on stderr.

        with notes():
            analysis = analyze(ARTICLE)
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", BlickwinkelWarning)
        yield
    messages = list(dict.fromkeys(str(warning.message) for warning in caught
                                  if issubclass(warning.category, BlickwinkelWarning)))
    for warning in caught:
        if not issubclass(warning.category, BlickwinkelWarning):
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    if messages:
        display(Markdown("\n\n".join(f"> **Hinweis des Programms** (Meldung auf Englisch): {_escaped(message)}"
                                      for message in messages)))


def _escaped(text: str) -> str:
    """Text shown literally in Markdown: file names like ohne_zitate.txt are not turned into italics."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)
