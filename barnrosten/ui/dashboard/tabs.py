"""The dashboard's tabs, each drawn from its own figures only when it is open.

Each function takes the `View` (who, what selection, which language) and draws
one tab; every figure comes from `barnrosten.results.insights`, so access and privacy
are checked there.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from analysis.taxonomy import theme_label
from barnrosten.access.roles import Principal
from barnrosten.config import Config
from barnrosten.formatting import HIDDEN, breakdown_label, decimal, integer, month_label, percent
from barnrosten.i18n import t
from barnrosten.results import charts, insights, workshop_results
from barnrosten.results.filters import Filters
from barnrosten.storage.db import connection
from barnrosten.ui import downloads
from barnrosten.ui.chart_view import chart_with_table
from barnrosten.ui.context import survey_catalog
from barnrosten.ui.staff import TOKEN_KEY
from barnrosten.ui.text import escape_markdown


@dataclass(frozen=True)
class View:
    config: Config
    principal: Principal
    filters: Filters
    granularity: str
    lang: str
    overview: insights.Overview

    @property
    def k(self) -> int:
        return self.config.k


def questions(view: View) -> None:
    config, lang, overview = view.config, view.lang, view.overview
    st.write(t("dash.questions_lead", lang))
    surveys = survey_catalog(config).surveys
    for survey_id in dict.fromkeys(q["survey_id"] for q in overview.questions):
        survey = surveys.get(survey_id)
        st.subheader(survey.title.get(lang) or survey.title["sv"] if survey else survey_id)
        if survey:
            st.caption(t(f"group.{survey.respondent_group}", lang))
        rows = [{"label": q["text"].get(lang) or q["text"]["sv"], "share": q["share"], "previous": q["previous"]}
                for q in overview.questions if q["survey_id"] == survey_id]
        table = [{t("dash.col_question", lang): r["label"], t("dash.col_positive", lang): percent(r["share"], lang),
                  t("dash.col_previous", lang): percent(r["previous"], lang)} for r in rows]
        chart_with_table(charts.share_bars(rows, "label", t("dash.col_positive", lang), t("dash.col_previous", lang), lang),
                         table, lang, f"questions_{survey_id}", t("dash.questions_alt", lang),
                         empty=not any(r["share"] is not None for r in rows))


def themes(view: View) -> None:
    config, principal, filters, k, lang = view.config, view.principal, view.filters, view.k, view.lang
    granularity = view.granularity
    with connection(config.db_path) as db:
        theme_rows = insights.themes(db, principal, filters, k)
        theme_trend = insights.theme_trend(db, principal, filters, k, granularity)
    st.write(t("dash.themes_lead", lang))
    sentiment_label = {s: t(f"sentiment.{s}", lang) for s in insights.SENTIMENTS}
    label = {r["theme"]: theme_label(r["theme"], lang) if r["theme"] else t("dash.no_theme", lang) for r in theme_rows}
    sentiment_label["hidden"] = t("dash.hidden_segment", lang, k=k)
    stacked = [{"theme_label": label[r["theme"]], "sentiment": s, "sentiment_label": sentiment_label[s],
                "sentiment_order": i, "comments": r[s]} for r in theme_rows for i, s in enumerate(insights.SENTIMENTS)]
    # What the hidden cells add up to is the total less the cells shown: drawn grey so bars keep their length.
    stacked += [{"theme_label": label[r["theme"]], "sentiment": "hidden", "sentiment_label": sentiment_label["hidden"],
                 "sentiment_order": 9, "comments": r["comments"] - sum(r[s] or 0 for s in insights.SENTIMENTS)}
                for r in theme_rows if r["comments"] is not None]
    table = [{t("dash.col_theme", lang): label[r["theme"]], t("dash.col_comments", lang): integer(r["comments"], lang),
              t("dash.col_previous", lang): integer(r["previous"], lang),
              **{sentiment_label[s]: integer(r[s], lang) for s in insights.SENTIMENTS}} for r in theme_rows]
    chart_with_table(charts.sentiment_bars(stacked, sentiment_label, t("dash.col_comments", lang), lang),
                     table, lang, "themes", t("dash.themes_alt", lang), empty=not any(r["comments"] for r in stacked))
    st.caption(t("dash.hidden_note", lang, k=k, hidden=HIDDEN))

    st.subheader(t("dash.theme_trend", lang))
    labelled = [{**r, "theme_label": theme_label(r["theme"], lang), "period_label": month_label(r["period"], lang, short=True)}
                for r in theme_trend]
    chart_with_table(
        charts.trend_lines(labelled, "period_label", "comments", "theme_label", t(f"dash.per_{granularity}", lang),
                           t("dash.col_comments", lang)),
        [{t("dash.col_period", lang): r["period_label"], t("dash.col_theme", lang): r["theme_label"],
          t("dash.col_comments", lang): integer(r["comments"], lang)} for r in labelled],
        lang, "theme_trend", t("dash.theme_trend_alt", lang), empty=not any(r["comments"] for r in labelled))

    if filters.municipality:
        st.subheader(t("dash.quotes", lang))
        quotable = [r["theme"] for r in theme_rows if r["theme"] and r["comments"]]
        theme = st.selectbox(t("dash.quotes_theme", lang), quotable, key="quote_theme",
                             format_func=lambda v: theme_label(v, lang))
        if st.button(t("dash.quotes_show", lang), key="quotes_show", disabled=not quotable):
            with connection(config.db_path) as db:
                st.session_state["quotes"] = (theme, filters, insights.quotes(db, view.principal, filters, theme, k))
        shown = st.session_state.get("quotes")
        if shown and shown[0] == theme and shown[1] == filters:
            st.caption(t("dash.quotes_note", lang))
            for quote in shown[2]:
                st.markdown(f"> {escape_markdown(quote['redacted'])}")
            if not shown[2]:
                st.info(t("dash.quotes_none", lang, k=k))
        emerging(view)


def emerging(view: View) -> None:
    """New topics, worked out on request (it reads many comments): only for one municipality."""
    lang = view.lang
    st.subheader(t("dash.emerging", lang))
    st.caption(t("dash.emerging_lead", lang, k=view.k))
    if st.button(t("dash.emerging_show", lang), key="emerging_show"):
        with connection(view.config.db_path) as db, st.spinner(t("dash.emerging_working", lang)):
            st.session_state["emerging"] = (view.filters, insights.emerging_themes(db, view.principal, view.filters, view.k))
    shown = st.session_state.get("emerging")
    if shown and shown[0] == view.filters:
        if not shown[1]:
            st.info(t("dash.emerging_none", lang, k=view.k))
        for topic in shown[1]:
            with st.container(border=True):
                st.markdown(f"**{escape_markdown(', '.join(topic['terms']) or '…')}** · "
                            f"{t('dash.emerging_size', lang, n=topic['size'])}")
                for example in topic["examples"]:
                    st.markdown(f"> {escape_markdown(example)}")


def over_time(view: View) -> None:
    config, principal, filters, k, lang = view.config, view.principal, view.filters, view.k, view.lang
    granularity = view.granularity
    with connection(config.db_path) as db:
        trend = insights.over_time(db, principal, filters, k, granularity)
    labelled = [{**r, "period_label": month_label(r["period"], lang, short=True)} for r in trend]
    table = [{t("dash.col_period", lang): r["period_label"], t("dash.respondents", lang): integer(r["respondents"], lang),
              t("dash.listened_to", lang): decimal(r["listened_to"], lang)} for r in labelled]
    st.subheader(t("dash.listened_to", lang))
    chart_with_table(charts.trend_lines(labelled, "period_label", "listened_to", None, t(f"dash.per_{granularity}", lang),
                                        t("dash.listened_to", lang), ".0f"),
                     table, lang, "trend_index", t("dash.trend_alt", lang),
                     empty=not any(r["listened_to"] is not None for r in trend))
    st.subheader(t("dash.respondents", lang))
    chart_with_table(charts.trend_lines(labelled, "period_label", "respondents", None, t(f"dash.per_{granularity}", lang),
                                        t("dash.respondents", lang)),
                     table, lang, "trend_respondents", t("dash.trend_alt", lang),
                     empty=not any(r["respondents"] for r in trend))


def gender_and_age(view: View) -> None:
    config, principal, filters, k, lang = view.config, view.principal, view.filters, view.k, view.lang
    with connection(config.db_path) as db:
        split = insights.breakdown(db, principal, filters, k)
    st.write(t("dash.gender_lead", lang, k=k))
    st.subheader(t("dash.by_gender", lang))
    gender_rows = [{"label": breakdown_label("gender", g, lang), "value": v} for g, v in split["by_gender"].items()]
    chart_with_table(charts.index_bars(gender_rows, "label", t("dash.listened_to", lang)),
                     [{t("dash.gender", lang): r["label"], t("dash.listened_to", lang): decimal(r["value"], lang)}
                      for r in gender_rows], lang, "by_gender", t("dash.gender_alt", lang),
                     empty=not any(r["value"] is not None for r in gender_rows))
    st.subheader(t("dash.by_age", lang))
    age_rows = [{"label": breakdown_label("age_band", a, lang), "value": v} for a, v in split["by_age_band"].items()]
    chart_with_table(charts.index_bars(age_rows, "label", t("dash.listened_to", lang)),
                     [{t("dash.age_band", lang): r["label"], t("dash.listened_to", lang): decimal(r["value"], lang)}
                      for r in age_rows], lang, "by_age", t("dash.age_alt", lang),
                     empty=not any(r["value"] is not None for r in age_rows))
    st.subheader(t("dash.respondents_table", lang))
    table = split["table"]
    columns = list(table.column_totals)
    st.dataframe(
        [{t("dash.gender", lang): breakdown_label("gender", g, lang),
          **{c: integer(table.cells[(g, c)], lang) for c in columns}, t("dash.total", lang): integer(total, lang)}
         for g, total in table.row_totals.items()]
        + [{t("dash.gender", lang): t("dash.total", lang), **{c: integer(n, lang) for c, n in table.column_totals.items()},
            t("dash.total", lang): integer(table.total, lang)}],
        hide_index=True, width="stretch", key="respondents_table")


def network(view: View) -> None:
    config, principal, filters, k, lang = view.config, view.principal, view.filters, view.k, view.lang
    if filters.municipality is None:
        st.info(t("dash.network_pick", lang))
        return
    with connection(config.db_path) as db:
        peers = insights.network(db, principal, filters, k)
    st.write(t("dash.network_lead", lang))
    metric_format = {"respondents": ("d", integer), "completion": (".0%", percent), "listened_to": (".0f", decimal)}
    for metric, (value_format, fmt) in metric_format.items():
        figure = peers[metric]
        others = figure["others"] or {}
        row = {"metric_label": t(f"dash.{metric}", lang), "own": figure["own"], **others}
        st.subheader(t(f"dash.{metric}", lang))
        chart_with_table(
            charts.peer_ranges([row], t(f"dash.{metric}", lang), t("dash.own", lang), t("dash.others", lang), value_format),
            [{t("dash.own", lang): fmt(figure["own"], lang), t("dash.median", lang): fmt(others.get("median"), lang),
              t("dash.q1", lang): fmt(others.get("q1"), lang), t("dash.q3", lang): fmt(others.get("q3"), lang),
              t("dash.low", lang): fmt(others.get("low"), lang), t("dash.high", lang): fmt(others.get("high"), lang),
              t("dash.peers", lang): integer(others.get("count"), lang)}],
            lang, f"network_{metric}", t("dash.network_alt", lang), empty=not others)


def workshops_tab(view: View) -> None:
    """What the municipality's workshops produced in the period: the rooms' top ideas."""
    lang = view.lang
    if view.filters.municipality is None:
        st.info(t("dash.network_pick", lang))
        return
    with connection(view.config.db_path) as db:
        rows = workshop_results.workshop_results(db, view.principal, view.filters, view.k)
    st.write(t("dash.workshops_lead", lang, k=view.k))
    if not rows:
        st.info(t("dash.workshops_none", lang))
    for row in rows:
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(row['title'])}** · {row['date']} · {t('group.' + row['audience'], lang)} · "
                        f"{t('dash.workshop_people', lang, n=integer(row['participants'], lang))}")
            for card in row["top_cards"]:
                st.markdown(f"- {escape_markdown(card['shown_text'])} ({'🔵' * min(card['votes'], 10)} {card['votes']})")


def downloads_tab(view: View) -> None:
    config, filters, k, lang = view.config, view.filters, view.k, view.lang
    granularity = view.granularity
    st.subheader(t("report.download_heading", lang))
    st.caption(t("report.download_lead", lang, k=k))
    token = st.session_state.get(TOKEN_KEY)
    st.download_button(t("report.excel_download", lang), downloads.maker(config, token, filters, lang, "excel", granularity),
                       file_name=downloads.file_name(filters, "tabeller", "xlsx"), mime=downloads.MIME["xlsx"],
                       key="download_excel", on_click="ignore", icon="📊")
    sheets = [t("export.sheet_key_figures", lang), t("dash.respondents", lang)] + [
        t(f"export.sheet_{name}", lang) for name in ("questions", "themes", "over_time", "gender_age")]
    sheet = st.selectbox(t("report.csv_table", lang), range(len(sheets)), format_func=lambda i: sheets[i], key="csv_table")
    st.download_button(t("report.csv_download", lang), downloads.maker(config, token, filters, lang, "csv", granularity, sheet),
                       file_name=downloads.file_name(filters, f"tabell{sheet + 1}", "csv"), mime=downloads.MIME["csv"],
                       key="download_csv", on_click="ignore", icon="🧾")
    if filters.municipality:
        st.download_button(t("report.board_button", lang), downloads.maker(config, token, filters, lang, "board"),
                           file_name=downloads.file_name(filters, "rapport", "pdf"), mime=downloads.MIME["pdf"],
                           key="download_board", on_click="ignore", icon="📄")
        st.download_button(t("report.kids_button", lang), downloads.maker(config, token, filters, lang, "children"),
                           file_name=downloads.file_name(filters, "for-barn", "pdf"), mime=downloads.MIME["pdf"],
                           key="download_children", on_click="ignore", icon="🧒")
    else:
        st.info(t("report.network_only", lang))
