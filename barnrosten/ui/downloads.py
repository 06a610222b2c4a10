"""Downloads made only when clicked (Streamlit's deferred download): Excel, CSV and the PDF reports.

Each maker re-checks the staff session at the moment of the click, builds the
file through `exports`, `board_report` or `children_report` (access and privacy checked there) and
writes the export to the audit log.
"""

from __future__ import annotations

from collections.abc import Callable

from barnrosten.access import accounts
from barnrosten.config import Config
from barnrosten.i18n import t
from barnrosten.results import board_report, children_report, exports, queries
from barnrosten.results.filters import Filters
from barnrosten.storage.db import connection

MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv", "pdf": "application/pdf",
}


def file_name(filters: Filters, kind: str, extension: str) -> str:
    return f"barnrosten-{kind}-{filters.municipality or 'natverket'}-{filters.start}-{filters.end}.{extension}"


def maker(config: Config, token: str | None, filters: Filters, language: str, kind: str,
          granularity: str = "month", table_index: int = 0) -> Callable[[], bytes]:
    """A function that builds the file `kind` (excel, csv, board, children) when the button is clicked."""
    def build() -> bytes:
        with connection(config.db_path) as db:
            principal = accounts.resume_session(db, token)
            if principal is None:
                raise PermissionError("the session has ended; log in again")
            name = queries.municipality_names(db).get(filters.municipality) if filters.municipality else None
            if kind == "excel":
                data = exports.excel_bytes(
                    exports.aggregate_tables(db, principal, filters, config.k, language, granularity),
                    exports.about_rows(filters, config.k, language), t("export.sheet_about", language))
            elif kind == "csv":
                tables = exports.aggregate_tables(db, principal, filters, config.k, language, granularity)
                data = exports.csv_bytes(tables[table_index])
            elif kind == "board":
                data = board_report.board_report(db, principal, filters, config.k, language, name)
            elif kind == "children":
                data = children_report.children_summary(db, principal, filters, config.k, language, name)
            else:
                raise ValueError(kind)
            exports.record_export(db, principal, kind, filters)
            return data

    return build
