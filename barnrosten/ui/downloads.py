"""Downloads made only when clicked (Streamlit's deferred download): Excel, CSV and the PDF reports.

Each maker re-checks the staff session at the moment of the click, builds the
file through `exports`, `board_report` or `children_report` (access and privacy checked there) and
writes the export to the audit log.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from barnrosten.access import accounts
from barnrosten.config import Config
from barnrosten.results import board_report, children_report, exports, queries, tables
from barnrosten.results.filters import Filters
from barnrosten.storage.db import connection

MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv", "pdf": "application/pdf",
}


def slug(title: str) -> str:
    """A table's title as part of a file name: 'Teman över tid' -> 'teman-over-tid'."""
    folded = unicodedata.normalize("NFKD", title.lower()).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "tabell"


def file_name(filters: Filters, kind: str, extension: str) -> str:
    return f"barnrosten-{kind}-{filters.municipality or 'natverket'}-{filters.start}-{filters.end}.{extension}"


def maker(config: Config, token: str | None, filters: Filters, language: str, kind: str,
          granularity: str = "month", table_id: str | None = None) -> Callable[[], bytes]:
    """A function that builds the file `kind` (excel, csv, board, children) when the button is clicked.

    A CSV file is one table, chosen by its id (`barnrosten.results.tables`).
    """
    def build() -> bytes:
        with connection(config.db_path) as db:
            principal = accounts.resume_session(db, token)
            if principal is None:
                raise PermissionError("the session has ended; log in again")
            name = queries.municipality_names(db).get(filters.municipality) if filters.municipality else None
            details = {}
            if kind == "excel":
                every_table = exports.result_tables(db, principal, filters, config.k, granularity)
                data = exports.excel_bytes(every_table, language, exports.about_rows(filters, config.k, language))
            elif kind == "csv":
                source = tables.Source(db, principal, filters, config.k, granularity)
                data = exports.csv_bytes(tables.build(table_id, source), language)
                details["table"] = table_id
            elif kind == "board":
                data = board_report.board_report(db, principal, filters, config.k, language, name)
            elif kind == "children":
                data = children_report.children_summary(db, principal, filters, config.k, language, name)
            else:
                raise ValueError(kind)
            exports.record_export(db, principal, kind, filters, **details)
            return data

    return build
