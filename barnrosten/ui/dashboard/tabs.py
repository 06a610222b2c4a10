"""The dashboard's tabs, each drawn from its own figures only when it is open.

Each function takes the `View` (who, what selection, which language) and draws
one tab. Figures are the result tables of `barnrosten.results.tables` (filled from
`barnrosten.results.insights`, where access and privacy are checked), drawn by
`result_view` exactly as the files and the board report show them.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from analysis.taxonomy import theme_label
from barnrosten.access.roles import Principal
from barnrosten.config import Config
from barnrosten.formatting import HIDDEN, integer, percent
from barnrosten.i18n import t
from barnrosten.results import answer_patterns, insights, tables, workshop_results
from barnrosten.results.filters import Filters
from barnrosten.storage.db import connection
from barnrosten.ui import downloads
from barnrosten.ui.dashboard import result_view
from barnrosten.ui.staff import TOKEN_KEY
from barnrosten.ui.text import escape_markdown


@dataclass(frozen=True)
class View:
    config: Config
    principal: Principal
    filters: Filters
    granularity: str
    lang: str
    overview: insights.Overview  # the key figures, already worked out for this run

    @property
    def k(self) -> int:
        return self.config.k


def source(view: View, db) -> tables.Source:
    """The figures of this view's selection, each asked of insights once (the key figures are reused)."""
    return tables.Source(db, view.principal, view.filters, view.k, view.granularity, view.overview)


def questions(view: View) -> None:
    st.write(t("dash.questions_lead", view.lang))
    with connection(view.config.db_path) as db:
        result_view.show(tables.build("questions", source(view, db)), view.lang)
        patterns = answer_patterns.patterns(db, view.principal, view.filters, view.k) if view.filters.municipality else []
    if patterns:
        st.subheader(t("care.heading", view.lang))
        st.caption(t("care.lead", view.lang, n=answer_patterns.MIN_SCALE_ANSWERS, k=view.k))
        # Lines, not a table: the tab's tables are the result tables (the same in files and the report).
        for row in patterns:
            st.markdown("- " + escape_markdown(care_line(row, view.lang)))


def care_line(row: dict, lang: str) -> str:
    return t("care.line", lang, age=row["age_band"] or t("dash.unknown", lang), same=percent(row["same_share"], lang),
             top=percent(row["top_share"], lang), respondents=integer(row["respondents"], lang))


def themes(view: View) -> None:
    filters, k, lang = view.filters, view.k, view.lang
    with connection(view.config.db_path) as db:
        figures = source(view, db)
        theme_table = tables.build("themes", figures)
        trend = tables.build("theme_trend", figures)
    st.write(t("dash.themes_lead", lang))
    result_view.show(theme_table, lang)
    st.caption(t("dash.hidden_note", lang, k=k, hidden=HIDDEN))
    result_view.show(trend, lang, title=True)

    if filters.municipality:
        st.subheader(t("dash.quotes", lang))
        quotable = [r["theme"] for r in theme_table.rows if r["theme"] and r["comments"]]
        theme = st.selectbox(t("dash.quotes_theme", lang), quotable, key="quote_theme",
                             format_func=lambda v: theme_label(v, lang), placeholder=t("dash.quotes_no_theme", lang),
                             disabled=not quotable)
        if st.button(t("dash.quotes_show", lang), key="quotes_show", disabled=not quotable):
            with connection(view.config.db_path) as db:
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
    with connection(view.config.db_path) as db:
        result_view.show(tables.build("over_time", source(view, db)), view.lang)


def gender_and_age(view: View) -> None:
    st.write(t("dash.gender_lead", view.lang, k=view.k))
    with connection(view.config.db_path) as db:
        figures = source(view, db)
        for table_id in ("by_gender", "by_age_band", "gender_age"):
            result_view.show(tables.build(table_id, figures), view.lang, title=True)


def network(view: View) -> None:
    lang = view.lang
    if view.filters.municipality is None:
        st.info(t("dash.network_pick", lang))
        return
    with connection(view.config.db_path) as db:
        peers = tables.build("network", source(view, db))
    st.write(t("dash.network_lead", lang))
    result_view.show(peers, lang)


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
    choices = {d.id: t(d.title, lang) for d in tables.available(filters)}
    table_id = st.selectbox(t("report.csv_table", lang), list(choices), format_func=choices.get, key="csv_table",
                            placeholder=t("dash.choose", lang))
    st.download_button(t("report.csv_download", lang),
                       downloads.maker(config, token, filters, lang, "csv", granularity, table_id),
                       file_name=downloads.file_name(filters, downloads.slug(choices[table_id]), "csv"),
                       mime=downloads.MIME["csv"], key="download_csv", on_click="ignore", icon="🧾")
    if filters.municipality:
        st.download_button(t("report.board_button", lang), downloads.maker(config, token, filters, lang, "board"),
                           file_name=downloads.file_name(filters, "rapport", "pdf"), mime=downloads.MIME["pdf"],
                           key="download_board", on_click="ignore", icon="📄")
        st.download_button(t("report.kids_button", lang), downloads.maker(config, token, filters, lang, "children"),
                           file_name=downloads.file_name(filters, "for-barn", "pdf"), mime=downloads.MIME["pdf"],
                           key="download_children", on_click="ignore", icon="🧒")
    else:
        st.info(t("report.network_only", lang))
