"""PDF reports, made offline: one for the social welfare board, one in plain words for children.

Figures, quotes and actions come from `insights` and `actions`, so access,
privacy and the audit log work exactly as on the dashboard. Charts are the
dashboard's own Altair charts rendered to PNG by vl-convert (no browser, no
network). Participant text is written as plain text: fpdf2 reads no markup
unless asked to.

    >>> pdf = board_report(db, principal, filters, k=5, language="sv")
    >>> pdf[:5]
    b'%PDF-'
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import sqlite_utils
import vl_convert
from fpdf import FPDF

from analysis.taxonomy import theme_label
from barnrosten import actions, charts, insight_queries, insights
from barnrosten.access.accounts import Principal
from barnrosten.filters import Filters
from barnrosten.formatting import breakdown_label, decimal, integer, month_label, percent, signed
from barnrosten.i18n import t

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core: covers å ä ö and much more
# Themes with example quotes in the board report, and quotes per theme: a page, not a dump.
QUOTED_THEMES = 3
QUOTES_PER_THEME = 2
CHART_WIDTH_PX = 720


class Document(FPDF):
    """An A4 document with the report font, headings, paragraphs, tables and charts (also used for workshop papers)."""

    def __init__(self, footer_text: str):
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.set_auto_page_break(auto=True, margin=18)
        if (FONT_DIR / "DejaVuSans.ttf").exists():
            self.add_font("body", "", str(FONT_DIR / "DejaVuSans.ttf"))
            self.add_font("body", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
            self.family = "body"
        else:  # pragma: no cover - make test installs the font; without it, Latin-1 text still prints
            self.family = "helvetica"
        self.add_page()

    def text_safe(self, text: str) -> str:
        return text if self.family == "body" else text.encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 8)
        self.cell(0, 6, self.text_safe(f"{self.footer_text} · {self.page_no()}"), align="C")

    def heading(self, text: str, size: int = 16) -> None:
        if self.get_y() > self.h - 70:  # never leave a heading alone at the foot of a page
            self.add_page()
        self.ln(3)
        self.set_font(self.family, "B", size)
        self.multi_cell(0, size * 0.5, self.text_safe(text), new_x="LMARGIN", new_y="NEXT", align="L")
        self.ln(1)

    def paragraph(self, text: str, size: int = 10.5, style: str = "") -> None:
        self.set_font(self.family, style, size)
        self.multi_cell(0, size * 0.5, self.text_safe(text), new_x="LMARGIN", new_y="NEXT", align="L")
        self.ln(1.5)

    def table(self, header: list[str], rows: list[list[str]], widths: tuple | None = None) -> None:
        self.set_font(self.family, "", 9.5)
        with super().table(col_widths=widths, text_align="LEFT", line_height=5.5) as table:
            for index, row in enumerate([header, *rows]):
                cells = table.row()
                for value in row:
                    if index == 0:
                        self.set_font(self.family, "B", 9.5)
                    cells.cell(self.text_safe(str(value)))
                    self.set_font(self.family, "", 9.5)
        self.ln(2)

    def chart(self, chart, language: str) -> None:
        spec = charts.finish(chart, language, width=CHART_WIDTH_PX).to_dict()
        png = vl_convert.vegalite_to_png(spec, scale=2)
        self.image(io.BytesIO(png), w=self.epw)
        self.ln(2)


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
    titles = insight_queries.survey_titles(db)
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
        done = actions.actions_for_staff(db, principal, filters.municipality)
        if not done:
            doc.paragraph(tr("actions.none_yet"))
        for row in done:
            label = theme_label(row["theme"], language) if row["theme"] else tr("actions.no_theme")
            doc.paragraph(f"{label} · {tr('actions.status_' + row['status'])} · {row['status_date']}", 9.5, "B")
            doc.paragraph(f"{tr('public.you_said')} {row['said']}\n{tr('public.we_did')} {row['did']}", 10)
    return bytes(doc.output())


def children_summary(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int,
                     language: str = "sv", municipality_name: str | None = None, audience: str = "children") -> bytes:
    """The same results in plain words and large type, to show children (PDF bytes). No quotes."""
    def tr(key, **values):
        return t(key, language, **values)

    overview = insights.overview(db, principal, filters, k)
    place = municipality_name or tr("dash.network")
    doc = Document(f"{tr('kids.title')} · {place}")
    doc.heading(tr("kids.title"), 26)
    doc.paragraph(tr("kids.lead", place=place, start=month_label(filters.start, language),
                     end=month_label(filters.end, language)), 15)
    if overview.respondents.value:
        doc.paragraph(tr("kids.respondents", n=integer(overview.respondents.value, language)), 15)
    if overview.listened_to.value is not None:
        doc.paragraph(tr("kids.listened", n=round(overview.listened_to.value / 10)), 15, "B")
    themes = [r for r in insights.themes(db, principal, filters, k) if r["theme"] and r["comments"]][:3]
    if themes:
        doc.heading(tr("kids.themes_heading"), 20)
        for row in themes:
            doc.paragraph(f"• {theme_label(row['theme'], language)}", 15)
    if filters.municipality:
        rows = actions.public_actions(db, filters.municipality, audience)
        if rows:
            doc.heading(tr("kids.actions_heading"), 20)
            for row in rows:
                doc.paragraph(f"{tr('public.you_said')} {row['said']}", 14)
                doc.paragraph(f"{tr('public.we_did')} {row['did']}", 14, "B")
    doc.heading(tr("help.title"), 18)
    doc.paragraph(tr("help.body"), 13)
    return bytes(doc.output())
