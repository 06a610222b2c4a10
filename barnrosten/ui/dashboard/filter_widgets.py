"""The dashboard's filter widgets, kept in step with the URL so a view can be shared by link."""

from __future__ import annotations

import streamlit as st

from barnrosten.access.roles import Principal
from barnrosten.answering.responses import ANSWERED_WITH, GENDERS
from barnrosten.formatting import month_label
from barnrosten.i18n import t
from barnrosten.results import queries
from barnrosten.results.filters import (GRANULARITIES, QUERY_NAMES, RESPONDENT_GROUPS, SERVICE_AREAS, WITHOUT_PATTERNS,
                                        Filters)
from barnrosten.ui.staff import default_municipality, remember_municipality

NETWORK = "__network__"  # the "whole network" choice in the municipality list
ALL = ""  # "all" in a filter list (None would show Streamlit's empty placeholder)


def municipality_choices(principal: Principal, names: dict[str, str]) -> list[str]:
    """What this user may pick: the whole network (network viewers, admins), then their municipalities."""
    choices = [NETWORK] if principal.is_admin or principal.has_role("network_viewer") else []
    own = names if principal.is_admin else {m: names.get(m, m) for m in principal.municipalities("analyst")}
    return choices + sorted(own, key=lambda m: names.get(m, m))


def _default(choices: list[str]) -> str:
    """The same municipality as on every other page; the whole network for those who have none of their own."""
    own = [m for m in choices if m != NETWORK]
    return default_municipality(own) if own else NETWORK


def filter_sidebar(db, principal: Principal, lang: str) -> tuple[Filters, str]:
    """Draw the filters in the sidebar; returns the filters and the time granularity.

    Filters come from the URL on the first run and are written back to it on every run.
    """
    names = queries.municipality_names(db)
    options = queries.filter_options(db)
    choices = municipality_choices(principal, names)
    if not choices:
        st.info(t("dash.no_municipality", lang))
        st.stop()
    # Read the URL on the first visit, and again when coming back from another page (Streamlit drops
    # the state of widgets a page did not draw: without this the dashboard failed on "dash_start").
    if "dash_initialised" not in st.session_state or "dash_start" not in st.session_state:
        from_url = Filters.from_query(st.query_params)
        # A shared link opens its municipality; back from another page, the one chosen there (the same everywhere).
        returning = "dash_initialised" in st.session_state
        municipality = from_url.municipality if from_url.municipality in choices and not returning else None
        st.session_state.update({
            "dash_municipality": municipality or _default(choices),
            "dash_start": from_url.start, "dash_end": from_url.end, "dash_survey": from_url.survey or ALL,
            "dash_group": from_url.group or ALL, "dash_age_band": from_url.age_band or ALL,
            "dash_gender": from_url.gender or ALL, "dash_service_area": from_url.service_area or ALL,
            "dash_answered_with": from_url.answered_with or ALL,
            "dash_patterns": from_url.patterns == WITHOUT_PATTERNS,
            "dash_granularity": st.query_params.get("per") if st.query_params.get("per") in GRANULARITIES else "month",
            "dash_initialised": True,
        })
    if st.session_state.get("dash_municipality") not in choices:  # back from another page: Streamlit dropped it
        st.session_state["dash_municipality"] = _default(choices)
    months = sorted(set(options["month"]) | {st.session_state["dash_start"], st.session_state["dash_end"]})
    every = t("dash.all", lang)
    with st.sidebar:
        st.subheader(t("dash.filters", lang))
        municipality = st.selectbox(
            t("dash.municipality", lang), choices, key="dash_municipality",
            format_func=lambda m: t("dash.network", lang) if m == NETWORK else names.get(m, m))
        remember_municipality(None if municipality == NETWORK else municipality)
        col_from, col_to = st.columns(2)
        start = col_from.selectbox(t("dash.from", lang), months, key="dash_start", format_func=lambda m: month_label(m, lang))
        end = col_to.selectbox(t("dash.to", lang), months, key="dash_end", format_func=lambda m: month_label(m, lang))
        survey = st.selectbox(t("dash.survey", lang), [ALL] + options["survey"], key="dash_survey",
                              format_func=lambda v: every if v == ALL else v)
        group = st.selectbox(t("dash.group", lang), [ALL, *RESPONDENT_GROUPS], key="dash_group",
                             format_func=lambda v: every if v == ALL else t(f"group.{v}", lang))
        age_band = st.selectbox(t("dash.age_band", lang), [ALL] + options["age_band"], key="dash_age_band",
                                format_func=lambda v: every if v == ALL else f"{v} {t('profile.age_suffix', lang)}")
        gender = st.selectbox(t("dash.gender", lang), [ALL, *GENDERS], key="dash_gender",
                              format_func=lambda v: every if v == ALL else t(f"gender.{v}", lang))
        service_area = st.selectbox(t("dash.service_area", lang), [ALL, *SERVICE_AREAS], key="dash_service_area",
                                    format_func=lambda v: every if v == ALL else t(f"area.{v}", lang))
        answered_with = st.selectbox(t("dash.answered_with", lang), [ALL, *ANSWERED_WITH], key="dash_answered_with",
                                     format_func=lambda v: every if v == ALL else t(f"dash.answered_with_{v}", lang),
                                     help=t("dash.answered_with_help", lang))
        without_patterns = st.toggle(t("care.switch", lang), key="dash_patterns", help=t("care.switch_help", lang))
        granularity = st.radio(t("dash.granularity", lang), GRANULARITIES, key="dash_granularity", horizontal=True,
                               format_func=lambda v: t(f"dash.per_{v}", lang))
    filters = Filters.from_query({
        "kommun": None if municipality == NETWORK else municipality, "fran": start, "till": end, "enkat": survey,
        "grupp": group, "alder": age_band, "kon": gender, "omrade": service_area,  # ALL ("") reads as unset
        "svarade": answered_with, "monster": WITHOUT_PATTERNS if without_patterns else None,
    })
    # Key by key: the open tab's parameter belongs to st.tabs and must be left alone.
    wanted = {**filters.to_query(), "per": granularity}
    for name in [*QUERY_NAMES.values(), "per"]:
        if name in wanted and st.query_params.get(name) != wanted[name]:
            st.query_params[name] = wanted[name]
        elif name not in wanted and name in st.query_params:
            del st.query_params[name]
    return filters, granularity
