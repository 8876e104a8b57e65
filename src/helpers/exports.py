"""Tables for a spreadsheet: an Excel workbook with one sheet per table, and CSV that German Excel opens right.

    write_workbook({"mentions": analysis.mentions, "quotes": analysis.quotes}, "artikel.xlsx")
    write_excel_csv(analysis.quotes, sys.stdout)       # UTF-8 with BOM, ";" between fields, decimal comma

Both keep every row and value of the table (the same data as `--format csv`); what changes is what a teacher
sees when opening the file: German column headings and sheet names (`resources/labels_de.yaml`, sections
`columns`, `export_columns` and `sheets`), lists as "a, b" and, in the CSV, a decimal comma. Text from an article is always
written as text: a cell that begins with "=" is never run as an Excel formula.
"""

import csv
import re
from pathlib import Path
from typing import TextIO

import numpy
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from helpers.display import labels
from helpers.errors import BlickwinkelError

EXCEL_MAX_ROWS = 1_048_576  # rows of an Excel sheet, the heading row included
SHEET_NAME_LENGTH = 31  # Excel's limit
# Excel reads a CSV field that begins with one of these as a formula; a leading apostrophe makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters an .xlsx file cannot hold (openpyxl refuses them); they are dropped from text cells.
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def sheet_name(table_name: str) -> str:
    """The German sheet name of a table ('quotes' -> 'Zitate'), or the table name itself, at most 31 characters.

        sheet_name("frame_cues")      # 'Frame-Signale'
    """
    return str(labels().get("sheets", {}).get(table_name, table_name))[:SHEET_NAME_LENGTH]


def excel_columns(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of `table` for a spreadsheet: German column headings (a column keeps its own name where two would
    get the same heading), lists and arrays joined with ", ", every value otherwise unchanged.

        excel_columns(analysis.mentions).columns[:3]     # ['Artikel', 'actor_id', 'Akteur']
    """
    names = {**labels()["columns"], **labels().get("export_columns", {})}
    headings = [names.get(column, column) for column in table.columns]
    unique = [heading if headings.count(heading) == 1 else column for column, heading in zip(table.columns, headings)]
    shown = table.copy()
    for column in shown.columns:
        if not pd.api.types.is_numeric_dtype(shown[column]):
            shown[column] = shown[column].map(_joined)
    shown.columns = unique
    return shown


def _joined(value):
    if isinstance(value, (list, tuple, numpy.ndarray)):
        return ", ".join(str(item) for item in value)
    return value


def check_excel_size(sizes: dict[str, int]) -> None:
    """Refuse tables (name -> rows) that do not fit on an Excel sheet, with a message saying what to do instead.

        check_excel_size({"frame_cues": 2_000_000})     # raises BlickwinkelError
    """
    too_long = {name: rows for name, rows in sizes.items() if rows + 1 > EXCEL_MAX_ROWS}
    if too_long:
        listed = ", ".join(f"{name} has {rows:,} rows" for name, rows in too_long.items())
        raise BlickwinkelError(
            f"too large for Excel: {listed}, and a sheet holds at most {EXCEL_MAX_ROWS - 1:,} rows below its "
            "heading. Analyse a smaller part of the corpus, or read the Parquet tables with pandas "
            "(helpers.corpus.read_tables)"
        )


def check_workbook_path(path: str | Path) -> Path:
    """The path of a workbook to write, refused unless it ends in .xlsx (Excel would not open it).

        check_workbook_path("tabellen.xlsx")
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise BlickwinkelError(f"{path} does not end in .xlsx: give the workbook a name like tabellen.xlsx")
    if path.is_dir():
        raise BlickwinkelError(f"{path} is a folder: give a file name for the workbook, like tabellen.xlsx")
    return path


def write_workbook(tables: dict[str, pd.DataFrame], path: str | Path) -> Path:
    """Write each table (name -> DataFrame) as one sheet of an .xlsx workbook, headings in bold, and return
    the path. Refuses tables longer than an Excel sheet (`check_excel_size`).

        write_workbook({"articles": articles, "quotes": quotes}, "korpus.xlsx")
    """
    path = check_workbook_path(path)
    check_excel_size({name: len(table) for name, table in tables.items()})
    workbook = Workbook(write_only=True)  # rows go straight to the file: flat memory for long tables
    bold = Font(bold=True)
    for name, table in tables.items():
        sheet = workbook.create_sheet(sheet_name(name))
        shown = excel_columns(table)
        sheet.freeze_panes = "A2"
        heading = []
        for column in shown.columns:
            cell = WriteOnlyCell(sheet, value=str(column))
            cell.font = bold
            heading.append(cell)
        sheet.append(heading)
        for row in shown.itertuples(index=False):
            sheet.append([_cell(sheet, value) for value in row])
    if not tables:
        workbook.create_sheet(sheet_name("empty"))  # a workbook needs a sheet
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def _cell(sheet, value):
    """A cell of a value: missing values empty, numpy numbers as Python numbers, text always as text."""
    if value is None or value is pd.NA or (isinstance(value, float) and numpy.isnan(value)):
        return None
    if isinstance(value, numpy.generic):
        value = value.item()
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS.sub("", value))
        cell.data_type = "s"  # openpyxl would store "=…" as a formula
        return cell
    if not isinstance(value, (int, float, bool)):
        return str(value)
    return value


def write_excel_csv(table: pd.DataFrame, stream: TextIO, header: bool = True) -> None:
    """Write a table as CSV for German Excel: a byte order mark first (so Excel reads UTF-8: "Reiß", not
    "ReiÃŸ"), ";" between fields, a decimal comma, German headings, and text that looks like a formula made
    harmless with a leading apostrophe. The mark is written only with the heading (the first table of many).

        with open("zitate.csv", "w", encoding="utf-8", newline="") as file:
            write_excel_csv(analysis.quotes, file)
    """
    shown = excel_columns(table)
    for column in shown.columns:
        if not pd.api.types.is_numeric_dtype(shown[column]):
            shown[column] = shown[column].map(_harmless)
    if header:
        stream.write("\ufeff")
    shown.to_csv(stream, index=False, header=header, sep=";", decimal=",", quoting=csv.QUOTE_MINIMAL,
                 lineterminator="\r\n")


def _harmless(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
