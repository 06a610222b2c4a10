"""Exports of the dashboard's aggregates: CSV and Excel, within the privacy rules.

Every value comes from `barnrosten.results.insights`, so access is checked and every
figure has passed `barnrosten.results.privacy` before it reaches a file. A hidden
figure is an empty cell; a sheet "Om siffrorna" says why. Every export is in
the audit log.

    >>> tables = aggregate_tables(db, principal, filters, k=5, language="sv")
    >>> excel_bytes(tables, about)[:2]
    b'PK'
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import sqlite_utils
from openpyxl import Workbook
from openpyxl.styles import Font

from analysis.taxonomy import theme_label
from barnrosten.access import audit
from barnrosten.access.roles import Principal
from barnrosten.formatting import breakdown_label
from barnrosten.i18n import t
from barnrosten.results import insights
from barnrosten.results.filters import Filters


@dataclass(frozen=True)
class Table:
    """One exported table: a name (sheet or file name), column headers and rows of values (None = hidden).

    `counts` lists the columns that count people (each 0 or at least k, or hidden).
    """

    name: str
    columns: list[str]
    rows: list[list]
    counts: tuple[int, ...] = ()


def aggregate_tables(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int,
                     language: str = "sv", granularity: str = "month") -> list[Table]:
    """The dashboard's figures as tables. Raises PermissionError like the dashboard would."""
    def tr(key, **values):
        return t(key, language, **values)

    overview = insights.overview(db, principal, filters, k)
    tables = [Table(tr("export.sheet_key_figures"), [tr("export.col_figure"), tr("export.col_value"),
                                                     tr("dash.col_previous"), tr("export.col_change")], [
        [tr("dash.respondents"), overview.respondents.value, overview.respondents.previous, overview.respondents.change],
        [tr("dash.completion"), _pct(overview.completion.value), _pct(overview.completion.previous),
         _pct(overview.completion.change)],
        [tr("dash.listened_to"), overview.listened_to.value, overview.listened_to.previous, _round(overview.listened_to.change)],
    ])]
    tables.append(Table(tr("dash.respondents"), [tr("dash.col_period"), tr("dash.respondents")],
                        [[f"{filters.start} – {filters.end}", overview.respondents.value],
                         [f"{filters.previous().start} – {filters.previous().end}", overview.respondents.previous]],
                        counts=(1,)))
    tables.append(Table(tr("export.sheet_questions"),
                        [tr("dash.survey"), tr("dash.col_question"), tr("export.col_positive_pct"),
                         tr("export.col_previous_pct"), tr("export.col_answered")],
                        [[q["survey_id"], q["text"].get(language) or q["text"]["sv"], _pct(q["share"]), _pct(q["previous"]),
                          q["answered"]] for q in overview.questions], counts=(4,)))
    theme_rows = insights.themes(db, principal, filters, k)
    tables.append(Table(tr("export.sheet_themes"),
                        [tr("dash.col_theme"), tr("dash.col_comments"), tr("dash.col_previous"),
                         *(tr(f"sentiment.{s}") for s in insights.SENTIMENTS)],
                        [[theme_label(r["theme"], language) if r["theme"] else tr("dash.no_theme"), r["comments"],
                          r["previous"], *(r[s] for s in insights.SENTIMENTS)] for r in theme_rows],
                        counts=tuple(range(1, 3 + len(insights.SENTIMENTS)))))
    trend = insights.over_time(db, principal, filters, k, granularity)
    tables.append(Table(tr("export.sheet_over_time"), [tr("dash.col_period"), tr("dash.respondents"), tr("dash.listened_to")],
                        [[r["period"], r["respondents"], r["listened_to"]] for r in trend], counts=(1,)))
    split = insights.breakdown(db, principal, filters, k)["table"]
    columns = list(split.column_totals)
    tables.append(Table(tr("export.sheet_gender_age"), [tr("dash.gender"), *columns, tr("dash.total")],
                        [[breakdown_label("gender", g, language), *(split.cells[(g, c)] for c in columns), total]
                         for g, total in split.row_totals.items()]
                        + [[tr("dash.total"), *split.column_totals.values(), split.total]],
                        counts=tuple(range(1, len(columns) + 2))))
    if filters.municipality:
        peers = insights.network(db, principal, filters, k)
        tables.append(Table(tr("export.sheet_network"),
                            [tr("export.col_figure"), tr("dash.own"), tr("dash.median"), tr("dash.q1"), tr("dash.q3"),
                             tr("dash.low"), tr("dash.high"), tr("dash.peers")],
                            [[tr(f"dash.{metric}"), *_network_row(metric, peers[metric])] for metric in peers]))
    return tables


def _pct(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _network_row(metric: str, figure: dict) -> list:
    scale = _pct if metric == "completion" else _round
    others = figure["others"] or {}
    return [scale(figure["own"]), *(scale(others.get(c)) for c in ("median", "q1", "q3", "low", "high")),
            others.get("count")]


def about_rows(filters: Filters, k: int, language: str = "sv") -> list[list[str]]:
    """What the figures are: selection, period, the privacy rule. First sheet of the workbook."""
    described = ", ".join(f"{name}={value}" for name, value in filters.describe().items())
    return [[t("export.about_selection", language), described], [t("export.about_k", language, k=k), ""],
            [t("export.about_hidden", language), ""], [t("export.about_positive", language), ""]]


def csv_bytes(table: Table) -> bytes:
    """One table as CSV the way Swedish Excel opens it: UTF-8 with BOM, semicolons, decimal comma."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["" if v is None else (str(v).replace(".", ",") if isinstance(v, float) else v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def excel_bytes(tables: list[Table], about: list[list[str]], about_title: str) -> bytes:
    """All tables in one workbook, one sheet each, after a sheet about the figures."""
    book = Workbook()
    sheet = book.active
    sheet.title = about_title[:31]
    for row in about:
        sheet.append(row)
    sheet.column_dimensions["A"].width = 90
    for table in tables:
        sheet = book.create_sheet(table.name[:31])
        sheet.append(table.columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(row)  # None stays an empty cell: hidden by the privacy rules
        sheet.column_dimensions["A"].width = 48
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def record_export(db: sqlite_utils.Database, principal: Principal, what: str, filters: Filters) -> None:
    audit.record(db, principal.username, "export", filters.municipality or "network", format=what,
                 filters=filters.describe())
