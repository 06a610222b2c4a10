"""The result tables as files: an Excel workbook of every table, or one table as CSV, within the privacy rules.

Tables are defined in `barnrosten.results.tables` and filled from `insights`, so
access is checked and every figure has passed `barnrosten.results.privacy`
before it reaches a file. A hidden figure is an empty cell; a sheet "Om
siffrorna" says why. Numbers stay numbers (shares as percent, with "(%)" in
their heading). Every export is in the audit log.

    >>> tables = result_tables(db, principal, filters, k=5)
    >>> excel_bytes(tables, "sv", about_rows(filters, 5))[:2]
    b'PK'
    >>> csv_bytes(table_by_id(tables, "themes"), "sv")[:3]
    b'\\xef\\xbb\\xbf'
"""

from __future__ import annotations

import io
import re

import sqlite_utils
from openpyxl import Workbook
from openpyxl.styles import Font

from barnrosten.access import audit
from barnrosten.access.roles import Principal
from barnrosten.formatting import (
    EXCEL_CHANGE_FORMATS, EXCEL_NUMBER_FORMATS, SHARE, TEXT, csv_text, excel_csv, file_heading, spreadsheet_cell,
    spreadsheet_value,
)
from barnrosten.i18n import t
from barnrosten.results import tables as result
from barnrosten.results.filters import Filters

EXCEL_SHEET_NAME_LIMIT = 31
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def result_tables(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int,
                  granularity: str = "month") -> list[result.ResultTable]:
    """Every table that exists for this selection, filled once. Raises PermissionError like the dashboard would."""
    source = result.Source(db, principal, filters, k, granularity)
    return [result.build(definition, source) for definition in result.available(filters)]


def table_by_id(tables: list[result.ResultTable], table_id: str) -> result.ResultTable:
    """The table with this id (the CSV choice is by id, never by position)."""
    for table in tables:
        if table.id == table_id:
            return table
    raise KeyError(table_id)


def file_rows(table: result.ResultTable, language: str, *, as_csv: bool) -> list[list]:
    """Header and rows for a file: numbers as numbers (CSV: as text with the language's decimal sign).

    In a table whose rows differ in kind (key figures), a row of shares says "(%)" in its name.
    """
    header = [file_heading(c.heading(language), c.kind) for c in table.columns]
    rows = []
    for row in table.rows:
        cells = []
        for column in table.columns:
            kind = column.kind_in(row)
            if column.kind == TEXT or column.name is not None:
                text = column.text(row, language)
                if column is table.columns[0] and row.get("kind") == SHARE:
                    text = file_heading(text, SHARE)
                cells.append(text if as_csv else spreadsheet_cell(text))  # excel_csv guards CSV text itself
            elif as_csv:
                cells.append(csv_text(row.get(column.key), kind, language, change=column.change))
            else:
                cells.append(spreadsheet_value(row.get(column.key), kind, change=column.change))
        rows.append(cells)
    return [header, *rows]


def csv_bytes(table: result.ResultTable, language: str = "sv") -> bytes:
    """One table as CSV the way Swedish Excel opens it: UTF-8 with BOM, semicolons, decimal comma, no formulas."""
    return excel_csv(file_rows(table, language, as_csv=True))


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name for a table title."""
    name = _NOT_IN_SHEET_NAMES.sub("-", title)[:EXCEL_SHEET_NAME_LIMIT]
    number = 2
    while name.lower() in taken:
        suffix = f" {number}"
        name = name[:EXCEL_SHEET_NAME_LIMIT - len(suffix)] + suffix
        number += 1
    taken.add(name.lower())
    return name


def excel_bytes(tables: list[result.ResultTable], language: str, about: list[list[str]]) -> bytes:
    """All tables in one workbook, one sheet each (named by the table's title), after a sheet about the figures."""
    book = Workbook()
    sheet = book.active
    taken: set[str] = set()
    sheet.title = sheet_name(t("export.sheet_about", language), taken)
    for row in about:
        sheet.append(row)
    sheet.column_dimensions["A"].width = 90
    for table in tables:
        sheet = book.create_sheet(sheet_name(table.title(language), taken))
        for row in file_rows(table, language, as_csv=False):
            sheet.append(row)  # None stays an empty cell: hidden by the privacy rules
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row_number, row in enumerate(table.rows, start=2):
            for column_number, column in enumerate(table.columns, start=1):
                formats = EXCEL_CHANGE_FORMATS if column.change else EXCEL_NUMBER_FORMATS
                number_format = formats.get(column.kind_in(row))
                if number_format and column.name is None:
                    sheet.cell(row_number, column_number).number_format = number_format
        sheet.column_dimensions["A"].width = 48
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def about_rows(filters: Filters, k: int, language: str = "sv") -> list[list[str]]:
    """What the figures are: selection, period, the privacy rule. First sheet of the workbook."""
    described = ", ".join(f"{name}={value}" for name, value in filters.describe().items())
    return [[t("export.about_selection", language), described], [t("export.about_k", language, k=k), ""],
            [t("export.about_hidden", language), ""], [t("export.about_positive", language), ""]]


def record_export(db: sqlite_utils.Database, principal: Principal, what: str, filters: Filters,
                  **details) -> None:
    audit.record(db, principal.username, "export", filters.municipality or "network", format=what,
                 filters=filters.describe(), **details)
