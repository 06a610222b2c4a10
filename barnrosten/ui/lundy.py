"""Lundy's four elements on screen: the checklist form (facilitators) and the overview beside the results.

Notes are staff's words and are shown as plain text (st.dataframe cells, escaped Markdown).
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from barnrosten.access.roles import Principal
from barnrosten.config import Config
from barnrosten.i18n import t
from barnrosten.formatting import integer, percent
from barnrosten.results import lundy, response_rate
from barnrosten.results.filters import Filters
from barnrosten.storage.db import connection
from barnrosten.ui.text import escape_markdown

TICK, NO_TICK = "✓", "–"


def status_label(row: dict, lang: str) -> str:
    if row["overdue"]:
        return t("lundy.status_overdue", lang)
    if row["checklist"] is None:
        return t("lundy.status_missing", lang)
    return t("lundy.status_complete" if row["complete"] else "lundy.status_partial", lang)


def element_text(row: dict, element: str, lang: str) -> str:
    """One element as a cell: the tick, the note, and for Audience and Influence the date."""
    filled = row["checklist"]
    if filled is None:
        return NO_TICK
    parts = [TICK if filled["ticks"][element] else NO_TICK]
    if filled["notes"][element]:
        parts.append(filled["notes"][element])
    when = filled.get(f"{element}_by")
    if when:
        parts.append(t("lundy.by_date", lang, day=when))
    return " ".join(parts)


def table_rows(rows: list[dict], lang: str) -> list[dict]:
    return [{t("lundy.col_activity", lang): f"{t('lundy.kind_' + row['kind'], lang)}: {row['label']} ({row['code']})",
             t("lundy.col_started", lang): row["started"],
             **{t(f"lundy.{element}", lang): element_text(row, element, lang) for element in lundy.ELEMENTS},
             t("lundy.col_status", lang): status_label(row, lang)} for row in rows]


def overview(rows: list[dict], lang: str, key: str, *, warn: bool = True) -> None:
    """The activities with their four elements, as a table; overdue ones named above it (unless `warn` is off:
    the dashboard already says it at the top)."""
    late = [row for row in rows if row["overdue"]]
    if late and warn:
        st.warning(t("lundy.overdue", lang, n=len(late)), icon="⏰")
        for row in late:
            st.markdown(f"- {escape_markdown(row['label'])} ({row['code']}) · "
                        f"{escape_markdown(t('lundy.by_date', lang, day=row['checklist']['influence_by']))}")
    if not rows:
        st.info(t("lundy.none", lang))
        return
    st.dataframe(table_rows(rows, lang), hide_index=True, width="stretch", key=key)


def dashboard_tab(config: Config, principal: Principal, filters: Filters, lang: str) -> None:
    """Beside the results: how the rounds and workshops of the period were run (Space, Voice, Audience, Influence)."""
    if filters.municipality is None:
        st.info(t("dash.network_pick", lang))
        return
    st.write(t("lundy.dashboard_lead", lang))
    with connection(config.db_path) as db:
        rows = lundy.activities(db, principal, filters.municipality, filters)
        rates = response_rate.rates(db, principal, filters, config.k)
    overview(rows, lang, key="lundy_dashboard", warn=not principal.can("analyst", filters.municipality))
    st.subheader(t("rate.heading", lang))
    st.caption(t("rate.lead", lang))
    if not rates:
        st.info(t("rate.none", lang))
    else:
        st.dataframe([{t("rate.col_group", lang): t("group." + r["group"], lang), t("rate.col_rate", lang): percent(r["rate"], lang),
                       t("rate.col_respondents", lang): integer(r["respondents"], lang),
                       t("rate.col_invited", lang): integer(r["invited"], lang),
                       t("rate.col_sessions", lang): integer(r["sessions"], lang)} for r in rates],
                     hide_index=True, width="stretch", key="rate_dashboard")


def invited_form(config: Config, principal: Principal, activity: dict, lang: str) -> None:
    """For a survey round: how many were invited or could answer (the response rate's denominator)."""
    with connection(config.db_path) as db:
        stored = response_rate.invited_of(db, activity["id"])
    with st.form(f"invited_{activity['id']}"):
        invited = st.number_input(t("rate.invited_input", lang), min_value=0, max_value=response_rate.MAX_INVITED,
                                  value=stored or 0, step=1, key=f"invited_{activity['id']}_n",
                                  help=t("rate.invited_help", lang))
        if st.form_submit_button(t("rate.save", lang)):
            with connection(config.db_path) as db:
                response_rate.set_invited(db, principal, activity["id"], int(invited) or None)
            st.session_state["lundy_saved"] = True
            st.rerun()


def overdue_banner(config: Config, principal: Principal, municipality: str | None, lang: str) -> None:
    """For the municipality's analysts, on the dashboard: rounds whose children have not heard back in time."""
    if municipality is None or not principal.can("analyst", municipality):
        return
    with connection(config.db_path) as db:
        late = lundy.overdue(db, principal, municipality)
    if late:
        st.warning(t("lundy.overdue", lang, n=len(late)), icon="⏰")


def checklist_form(config: Config, principal: Principal, activity: dict, lang: str) -> None:
    """The facilitator's checklist for one survey round or workshop."""
    ids = {"session_id": activity["id"]} if activity["kind"] == "survey" else {"workshop_id": activity["id"]}
    filled = activity["checklist"] or {"ticks": {}, "notes": {}, "audience_by": None, "influence_by": None}
    prefix = f"lundy_{activity['kind']}_{activity['id']}"
    with st.form(prefix):
        ticks, notes = {}, {}
        for element in lundy.ELEMENTS:
            st.markdown(f"**{t('lundy.' + element, lang)}**")
            ticks[element] = st.checkbox(t(f"lundy.{element}_question", lang), value=filled["ticks"].get(element, False),
                                         key=f"{prefix}_{element}_ok")
            notes[element] = st.text_input(t("lundy.note", lang), value=filled["notes"].get(element, ""),
                                           max_chars=lundy.MAX_NOTE, key=f"{prefix}_{element}_note",
                                           placeholder=t(f"lundy.{element}_example", lang))
            if element in ("audience", "influence"):
                stored = filled.get(f"{element}_by")
                notes[f"{element}_by"] = st.date_input(
                    t(f"lundy.{element}_by", lang), value=date.fromisoformat(stored) if stored else None,
                    key=f"{prefix}_{element}_by", format="YYYY-MM-DD")
        if st.form_submit_button(t("lundy.save", lang), type="primary"):
            try:
                with connection(config.db_path) as db:
                    lundy.save(db, principal, **ids, ticks=ticks,
                               notes={e: notes[e] for e in lundy.ELEMENTS},
                               audience_by=notes["audience_by"], influence_by=notes["influence_by"])
            except lundy.InvalidChecklist as problem:
                st.error(t(f"lundy.error_{problem.key}", lang))
            else:
                st.session_state["lundy_saved"] = True
                st.rerun()
