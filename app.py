"""Barnrösten: entry point. Page config and navigation by role.

Until accounts arrive (issue: accounts and roles), the answering flow is the
default page and the staff pages are reachable only by their address.
"""

import streamlit as st

from barnrosten.i18n import t

st.set_page_config(page_title=t("app.title"), page_icon="💬", layout="centered", initial_sidebar_state="collapsed")

lang = st.session_state.get("lang", "sv")
pages = [
    st.Page("pages/answer.py", title=t("nav.answer", lang), icon="💬", default=True, url_path="svara"),
    st.Page("pages/survey_files.py", title=t("nav.surveys", lang), icon="🗂️", url_path="enkatfiler"),
]
st.navigation(pages, position="hidden").run()
