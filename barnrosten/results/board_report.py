"""The PDF report for the social welfare board (socialnämnden), made offline.

Figures, quotes and actions come from `insights` and `you_said_we_did`, so
access, privacy and the audit log work exactly as on the dashboard. Charts are
the dashboard's own Altair charts (see `pdf_document`). Participant text is
written as plain text.

    >>> pdf = board_report(db, principal, filters, k=5, language="sv")
    >>> pdf[:5]
    b'%PDF-'
"""

from __future__ import annotations

from datetime import date

import sqlite_utils

from analysis.taxonomy import theme_label
from barnrosten.access.roles import Principal
from barnrosten.formatting import breakdown_label, decimal, integer, month_label, percent, signed
from barnrosten.i18n import t
from barnrosten.results import charts, insights, queries, you_said_we_did
from barnrosten.results.filters import Filters
from barnrosten.results.pdf_document import Document

# Themes with example quotes in the board report, and quotes per theme: a page, not a dump.
QUOTED_THEMES = 3
QUOTES_PER_THEME = 2


def board_report(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int,
                 language: str = "sv", municipality_name: str | None = None) -> bytes:
    """The report for the social welfare board (socialnämnden) as PDF bytes.

    Period, method, respondents, key figures, questions, themes with example quotes,
    trend, gender and age, network comparison and the actions taken.
    """
    def tr(key, **values):
        return t(key, language, **values)

    overview = insights.overview(db, principal, filters, k)  # checks access first
    place = municipality_name or tr("dash.network")
    period = f"{month_label(filters.start, language)} – {month_label(filters.end, language)}"
    doc = Document(f"{tr('report.title')} · {place} · {period}")
    doc.heading(tr("report.title"), 20)
    doc.paragraph(f"{place} · {period} · {tr('report.made', day=date.today().isoformat())}", 11)

    doc.heading(tr("report.method_heading"))
    doc.paragraph(tr("report.method", k=k))
    selection = ", ".join(f"{name}: {value}" for name, value in filters.describe().items()
                          if name not in ("start", "end", "municipality"))
    if selection:
        doc.paragraph(f"{tr('export.about_selection')}: {selection}")

    doc.heading(tr("report.key_figures"))
    doc.table([tr("export.col_figure"), tr("export.col_value"), tr("dash.col_previous"), tr("export.col_change")], [
        [tr("dash.respondents"), integer(overview.respondents.value, language),
         integer(overview.respondents.previous, language), signed(overview.respondents.change, language) or "–"],
        [tr("dash.completion"), percent(overview.completion.value, language), percent(overview.completion.previous, language),
         signed(overview.completion.change, language, as_percent_points=True) or "–"],
        [tr("dash.listened_to"), decimal(overview.listened_to.value, language),
         decimal(overview.listened_to.previous, language), signed(overview.listened_to.change, language, places=1) or "–"],
    ], widths=(50, 20, 20, 20))
    doc.paragraph(tr("dash.listened_to_help"), 9)

    doc.heading(tr("dash.tab_questions"))
    doc.paragraph(tr("dash.questions_lead"), 9)
    titles = queries.survey_titles(db)
    for survey_id in dict.fromkeys(q["survey_id"] for q in overview.questions):
        rows = [{"label": q["text"].get(language) or q["text"]["sv"], "share": q["share"], "previous": q["previous"]}
                for q in overview.questions if q["survey_id"] == survey_id]
        if any(r["share"] is not None for r in rows):
            title = titles.get(survey_id, {})
            doc.heading(f"{tr('group.' + title.get('respondent_group', 'children'))}: "
                        f"{title.get('title', {}).get(language) or survey_id}", 12)
            doc.chart(charts.share_bars(rows, "label", tr("dash.col_positive"), tr("dash.col_previous"), language),
                      language)

    doc.heading(tr("dash.tab_themes"))
    theme_rows = insights.themes(db, principal, filters, k)
    doc.table([tr("dash.col_theme"), tr("dash.col_comments"), *(tr(f"sentiment.{s}") for s in insights.SENTIMENTS)],
              [[theme_label(r["theme"], language) if r["theme"] else tr("dash.no_theme"), integer(r["comments"], language),
                *(integer(r[s], language) for s in insights.SENTIMENTS)] for r in theme_rows],
              widths=(46, 22, 14, 14, 14, 14))
    doc.paragraph(tr("dash.hidden_note", k=k, hidden="–"), 9)
    if filters.municipality:
        quoted = [r["theme"] for r in theme_rows if r["theme"] and r["comments"]][:QUOTED_THEMES]
        if quoted:
            doc.heading(tr("report.quotes_heading"), 13)
            doc.paragraph(tr("dash.quotes_note"), 9)
        for theme in quoted:
            doc.paragraph(theme_label(theme, language), 11, "B")
            for quote in insights.quotes(db, principal, filters, theme, k, limit=QUOTES_PER_THEME):
                doc.paragraph(f"“{quote['redacted']}”", 10.5)

    doc.heading(tr("dash.tab_time"))
    trend = insights.over_time(db, principal, filters, k, "quarter" if len(filters.months()) > 6 else "month")
    labelled = [{**r, "period_label": month_label(r["period"], language, short=True)} for r in trend]
    if any(r["listened_to"] is not None for r in trend):
        doc.chart(charts.trend_lines(labelled, "period_label", "listened_to", None, tr("dash.col_period"),
                                     tr("dash.listened_to"), ".0f"), language)
    doc.table([tr("dash.col_period"), tr("dash.respondents"), tr("dash.listened_to")],
              [[r["period_label"], integer(r["respondents"], language), decimal(r["listened_to"], language)] for r in labelled],
              widths=(40, 30, 40))

    doc.heading(tr("dash.tab_gender"))
    split = insights.breakdown(db, principal, filters, k)
    doc.table([tr("dash.gender"), tr("dash.listened_to")],
              [[breakdown_label("gender", g, language), decimal(v, language)]
               for g, v in split["by_gender"].items()], widths=(50, 40))
    doc.table([tr("dash.age_band"), tr("dash.listened_to")],
              [[breakdown_label("age_band", a, language), decimal(v, language)]
               for a, v in split["by_age_band"].items()], widths=(50, 40))

    if filters.municipality:
        doc.heading(tr("dash.tab_network"))
        peers = insights.network(db, principal, filters, k)
        formats = {"respondents": integer, "completion": percent, "listened_to": decimal}
        doc.table([tr("export.col_figure"), tr("dash.own"), tr("dash.median"), tr("dash.low"), tr("dash.high")],
                  [[tr(f"dash.{m}"), formats[m](f["own"], language),
                    *(formats[m]((f["others"] or {}).get(c), language) for c in ("median", "low", "high"))]
                   for m, f in peers.items()], widths=(50, 25, 25, 25, 25))
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
