"""Ni sa – vi gjorde (public, no login): what the municipality changed after listening to children."""

import streamlit as st

from analysis.taxonomy import theme_label
from barnrosten.i18n import t
from barnrosten.results import you_said_we_did
from barnrosten.ui.context import this_run
from barnrosten.ui.style import apply_answering_style
from barnrosten.ui.text import escape_markdown

STATUS_ICONS = {"done": "✅", "in_progress": "🛠️", "planned": "🗓️"}

# Query parameters are cleared on navigation: keep the municipality from the link at once.
if st.query_params.get("kommun"):
    st.session_state["public_municipality"] = st.query_params.get("kommun")
run = this_run()
lang, config = run.lang, run.config
apply_answering_style(lang)

st.title(f"💬 {t('public.heading', lang)}")
st.write(t("public.lead", lang))
with run.db() as db:
    places = {row["id"]: row["name"] for row in you_said_we_did.municipalities_with_actions(db)}
    if not places:
        st.info(t("public.nothing_yet", lang))
        st.stop()
    if st.session_state.get("public_municipality") not in places:
        st.session_state["public_municipality"] = next(iter(places))
    municipality = st.selectbox(t("public.municipality", lang), list(places), key="public_municipality",
                                format_func=lambda m: places[m])
    st.query_params["kommun"] = municipality
    audiences = [a for a in you_said_we_did.AUDIENCES if a != "all"]
    audience = st.segmented_control(t("public.for_whom", lang), audiences, key="public_audience", default="children",
                                    format_func=lambda v: t(f"actions.audience_{v}", lang)) or "children"
    rows = you_said_we_did.public_actions(db, municipality, audience)

if not rows:
    st.info(t("public.none_for_group", lang))
for row in rows:
    with st.container(border=True):
        if row["theme"]:
            st.caption(theme_label(row["theme"], lang))
        # Written by staff, still never markup.
        st.markdown(f"**{t('public.you_said', lang)}** {escape_markdown(row['said'])}")
        st.markdown(f"**{t(you_said_we_did.DID_LABEL_KEYS[row['status']], lang)}** {escape_markdown(row['did'])}")
        status_label = t(f"actions.status_{row['status']}", lang)
        st.caption(f"{STATUS_ICONS[row['status']]} {status_label} · {row['status_date']}")
