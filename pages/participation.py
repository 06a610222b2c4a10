"""Delaktighet (facilitators, analysts, admins): Lundy's four elements per survey round and workshop.

Facilitators fill the checklist; analysts read it, and see which rounds are overdue
(barnrosten/results/lundy.py).
"""

import streamlit as st

from barnrosten.i18n import t
from barnrosten.results import lundy
from barnrosten.ui import lundy as lundy_view
from barnrosten.ui.context import this_run
from barnrosten.ui.staff import pick_municipality

run = this_run()
lang, config, principal = run.lang, run.config, run.principal

st.title(t("lundy.heading", lang))
st.write(t("lundy.lead", lang))
municipality = pick_municipality(config, principal, ("facilitator", "analyst"), lang, key="lundy_municipality")
if st.session_state.pop("lundy_saved", False):
    st.success(t("lundy.saved", lang))
with run.db() as db:
    rows = lundy.activities(db, principal, municipality)
lundy_view.overview(rows, lang, key="lundy_overview")

if principal.can("facilitator", municipality) and rows:
    st.subheader(t("lundy.fill_heading", lang))
    choices = {(row["kind"], row["id"]): row for row in rows}
    chosen = st.selectbox(t("lundy.choose", lang), list(choices), key="lundy_activity",
                          format_func=lambda c: f"{t('lundy.kind_' + c[0], lang)}: {choices[c]['label']} "
                                                f"({choices[c]['code']}, {choices[c]['started']})")
    lundy_view.checklist_form(config, principal, choices[chosen], lang)
    if chosen[0] == "survey":
        lundy_view.invited_form(config, principal, choices[chosen], lang)
