"""Log in: for municipality staff only; children answer without an account."""

import streamlit as st

from barnrosten import accounts
from barnrosten.i18n import t
from barnrosten.ui.context import get_config, get_db
from barnrosten.ui.staff import current_principal, log_in

lang = st.session_state.get("lang", "sv")
config = get_config()

st.title(t("login.heading", lang))
principal = current_principal(config)
if principal:
    st.success(t("login.welcome", lang, username=principal.username))
    st.stop()

st.write(t("login.lead", lang))
db = get_db(config)
if not accounts.has_users(db):
    st.info(t("login.no_users", lang))
db.conn.close()

with st.form("login_form"):
    username = st.text_input(t("login.username", lang), key="login_username", autocomplete="username")
    password = st.text_input(t("login.password", lang), type="password", key="login_password", autocomplete="current-password")
    if st.form_submit_button(t("login.button", lang), type="primary"):
        problem = log_in(config, username, password)
        if problem:
            st.error(t(problem, lang))
        else:
            st.rerun()
