"""Dashboard (analysts, network viewers, admins): what children and guardians tell us, within the privacy rules."""

import streamlit as st

from barnrosten.formatting import month_label
from barnrosten.i18n import t
from barnrosten.results import tables
from barnrosten.ui import lundy as lundy_view
from barnrosten.ui.context import this_run
from barnrosten.ui.dashboard import result_view, tabs
from barnrosten.ui.dashboard.filter_widgets import filter_sidebar

run = this_run()
lang, config, principal = run.lang, run.config, run.principal
k = config.k

st.title(t("dash.heading", lang))
with run.db() as db:
    filters, granularity = filter_sidebar(db, principal, lang)
    try:
        figures = tables.Source(db, principal, filters, k, granularity)
        key_figures = tables.build("key_figures", figures)
    except PermissionError:
        st.error(t("dash.not_allowed", lang))
        st.stop()

waiting = run.new_flags
if waiting:
    st.warning(t("queue.banner_one", lang) if waiting == 1 else t("queue.banner", lang, n=waiting), icon="🛟")
lundy_view.overdue_banner(config, principal, filters.municipality, lang)  # children waiting to hear back
st.caption(t("dash.lead", lang, start=month_label(filters.start, lang), end=month_label(filters.end, lang), k=k))

# Key figures, each with its change from the period just before.
result_view.metrics(key_figures, lang)
if figures.overview.respondents.value is None:
    st.info(t("dash.too_few_total", lang, k=k))

# Only the open tab is worked out; which tab is open is in the URL with the filters.
view = tabs.View(config, principal, filters, granularity, lang, figures.overview)
sections = {
    "dash.tab_questions": tabs.questions, "dash.tab_themes": tabs.themes, "dash.tab_time": tabs.over_time,
    "dash.tab_gender": tabs.gender_and_age, "dash.tab_network": tabs.network, "dash.tab_workshops": tabs.workshops_tab,
    "dash.tab_lundy": lambda v: lundy_view.dashboard_tab(v.config, v.principal, v.filters, v.lang),
    "dash.tab_downloads": tabs.downloads_tab,
}
for tab, draw in zip(st.tabs([t(key, lang) for key in sections], key="flik", bind="query-params"), sections.values()):
    if tab.open:
        with tab:
            draw(view)
