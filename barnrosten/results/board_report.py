"""The PDF report for the social welfare board (socialnämnden), made offline.

Figures are the dashboard's own result tables (`tables`, filled from
`insights`), quotes come from `insights` and actions from `you_said_we_did`, so
access, privacy and the audit log work exactly as on the dashboard. Charts are
the dashboard's own Altair charts (`table_charts`, drawn by `pdf_document`).
Participant text is written as plain text.

    >>> pdf = board_report(db, principal, filters, k=5, language="sv")
    >>> pdf[:5]
    b'%PDF-'
"""

from __future__ import annotations

from datetime import date

import sqlite_utils

from analysis.taxonomy import theme_label
from barnrosten.access.roles import Principal
from barnrosten.formatting import HIDDEN, integer, month_label, percent
from barnrosten.i18n import t
from barnrosten.results import answer_patterns, insights, lundy, response_rate, table_charts, tables, you_said_we_did
from barnrosten.results.filters import Filters
from barnrosten.results.pdf_document import Document

# Themes with example quotes in the board report, and quotes per theme: a page, not a dump.
QUOTED_THEMES = 3
QUOTES_PER_THEME = 2


def board_report(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int,
                 language: str = "sv", municipality_name: str | None = None) -> bytes:
    """The report for the social welfare board (socialnämnden) as PDF bytes.

    Period, method, then the result tables as the dashboard shows them (key figures, questions,
    themes with example quotes, themes over time, trend, gender and age, network comparison),
    and the actions taken.
    """
    def tr(key, **values):
        return t(key, language, **values)

    granularity = "quarter" if len(filters.months()) > 6 else "month"
    source = tables.Source(db, principal, filters, k, granularity)
    key_figures = tables.build("key_figures", source)  # checks access first
    place = municipality_name or tr("dash.network")
    period = f"{month_label(filters.start, language)} – {month_label(filters.end, language)}"
    doc = Document(f"{tr('report.title')} · {place} · {period}", language)
    doc.heading(tr("report.title"), 20)
    doc.paragraph(f"{place} · {period} · {tr('report.made', day=date.today().isoformat())}", 11)

    doc.heading(tr("report.method_heading"))
    doc.paragraph(tr("report.method", k=k))
    selection = ", ".join(f"{name}: {value}" for name, value in filters.describe().items()
                          if name not in ("start", "end", "municipality"))
    if selection:
        doc.paragraph(f"{tr('export.about_selection')}: {selection}")
    if filters.municipality:
        _participation(doc, lundy.activities(db, principal, filters.municipality, filters), language)
        _response_rates(doc, response_rate.rates(db, principal, filters, k), language)

    doc.heading(tr("report.key_figures"))
    doc.result_table(key_figures)
    doc.paragraph(tr("dash.listened_to_help"), 9)

    doc.heading(tr("dash.tab_questions"))
    doc.paragraph(tr("dash.questions_lead"), 9)
    _section(doc, tables.build("questions", source), language)
    if filters.municipality:
        _answer_patterns(doc, answer_patterns.patterns(db, principal, filters, k), language, k)

    doc.heading(tr("dash.tab_themes"))
    themes = tables.build("themes", source)
    _section(doc, themes, language)
    doc.paragraph(tr("dash.hidden_note", k=k, hidden=HIDDEN), 9)
    if filters.municipality:
        quoted = [r["theme"] for r in themes.rows if r["theme"] and r["comments"]][:QUOTED_THEMES]
        if quoted:
            doc.heading(tr("report.quotes_heading"), 13)
            doc.paragraph(tr("dash.quotes_note"), 9)
        # One view: a child is quoted at most once in the whole report.
        by_theme = insights.quotes_by_theme(db, principal, filters, quoted, k, limit=QUOTES_PER_THEME) if quoted else {}
        for theme in quoted:
            doc.paragraph(theme_label(theme, language), 11, "B")
            for quote in by_theme[theme]:
                doc.paragraph(f"“{quote['redacted']}”", 10.5)
    doc.heading(tr("dash.theme_trend"), 13)
    _section(doc, tables.build("theme_trend", source), language)

    doc.heading(tr("dash.tab_time"))
    _section(doc, tables.build("over_time", source), language)

    doc.heading(tr("dash.tab_gender"))
    for table_id in ("by_gender", "by_age_band", "gender_age"):
        table = tables.build(table_id, source)
        doc.heading(table.title(language), 12)
        doc.result_table(table)

    if filters.municipality:
        doc.heading(tr("dash.tab_network"))
        doc.result_table(tables.build("network", source))
        doc.paragraph(tr("dash.network_lead"), 9)

        doc.heading(tr("report.actions_heading"))
        done = you_said_we_did.actions_for_staff(db, principal, filters.municipality)
        if not done:
            doc.paragraph(tr("actions.none_yet"))
        for row in done:
            label = theme_label(row["theme"], language) if row["theme"] else tr("actions.no_theme")
            doc.paragraph(f"{label} · {tr('actions.status_' + row['status'])} · {row['status_date']}", 9.5, "B")
            doc.paragraph(f"{tr('public.you_said')} {row['said']}\n{tr('public.we_did')} {row['did']}", 10)
    return bytes(doc.output())


def _participation(doc: Document, rows: list[dict], language: str) -> None:
    """Lundy's four elements per survey round and workshop of the period, in the method section."""
    def tr(key, **values):
        return t(key, language, **values)

    doc.heading(tr("lundy.report_heading"), 12)
    doc.paragraph(tr("lundy.report_lead"), 9)
    if not rows:
        doc.paragraph(tr("lundy.none"), 9.5)
    for row in rows:
        state = tr("lundy.status_overdue") if row["overdue"] else (
            tr("lundy.status_missing") if row["checklist"] is None else
            tr("lundy.status_complete") if row["complete"] else tr("lundy.status_partial"))
        doc.paragraph(f"{tr('lundy.kind_' + row['kind'])}: {row['label']} ({row['code']}, {row['started']}) · {state}",
                      9.5, "B")
        if row["checklist"] is None:
            continue
        filled = row["checklist"]
        lines = []
        for element in lundy.ELEMENTS:
            parts = [tr("lundy." + element) + ":", "✓" if filled["ticks"][element] else "–", filled["notes"][element]]
            if filled.get(f"{element}_by"):
                parts.append(tr("lundy.by_date", day=filled[f"{element}_by"]))
            lines.append(" ".join(p for p in parts if p))
        doc.paragraph("\n".join(lines), 9.5)


def _response_rates(doc: Document, rows: list[dict], language: str) -> None:
    """Respondents over the invited, per group (only sessions with an invited figure; hidden under k)."""
    doc.heading(t("rate.heading", language), 12)
    doc.paragraph(t("rate.lead", language), 9)
    if not rows:
        doc.paragraph(t("rate.none", language), 9.5)
    for row in rows:
        doc.paragraph(rate_line(row, language), 9.5)


def rate_line(row: dict, language: str) -> str:
    return t("rate.line", language, group=t("group." + row["group"], language), rate=percent(row["rate"], language),
             respondents=integer(row["respondents"], language), invited=integer(row["invited"], language),
             sessions=integer(row["sessions"], language))


def _answer_patterns(doc: Document, rows: list[dict], language: str, k: int) -> None:
    """Beside the question figures: how many answered every face the same, or only the happiest, per age band."""
    if not rows:
        return
    doc.heading(t("care.heading", language), 12)
    doc.paragraph(t("care.lead", language, n=answer_patterns.MIN_SCALE_ANSWERS, k=k), 9)
    for row in rows:
        doc.paragraph(t("care.line", language, age=row["age_band"] or t("dash.unknown", language),
                        same=percent(row["same_share"], language), top=percent(row["top_share"], language),
                        respondents=integer(row["respondents"], language)), 9.5)


def _section(doc: Document, table: tables.ResultTable, language: str) -> None:
    """A table as on the dashboard: per part (survey), its charts and then its rows."""
    for name, part in table.groups(language):
        if name:
            doc.heading(name, 12)
        for drawn in table_charts.charts_for(part, language):
            if not drawn.empty:
                if drawn.title:
                    doc.paragraph(drawn.title, 10.5, "B")
                doc.chart(drawn.chart, language)
        doc.result_table(part)
