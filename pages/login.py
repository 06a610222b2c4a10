"""Log in: for municipality staff only; children answer without an account."""

import streamlit as st

from barnrosten.access import accounts
from barnrosten.i18n import t
from barnrosten.ui.browser_id import ensure_browser_cookie
from barnrosten.ui.context import this_run
from barnrosten.ui.staff import LOGIN_FOR_LINK_KEY, SSO_REFUSED_KEY, log_in, sso_configured

run = this_run()
lang, config, principal = run.lang, run.config, run.principal

st.title(t("login.heading", lang))
if principal:
    st.success(t("login.welcome", lang, username=principal.username))
    st.stop()

st.write(t("login.lead", lang))
if st.session_state.get(LOGIN_FOR_LINK_KEY):
    st.info(t("login.for_link", lang))
with run.db() as db:
    if not accounts.has_users(db):
        st.info(t("login.no_users", lang))

if sso_configured():
    if st.session_state.get(SSO_REFUSED_KEY):
        st.error(t("login.sso_unknown", lang))
        if st.button(t("login.sso_other", lang), key="sso_logout"):
            st.logout()
    elif st.button(t("login.sso_button", lang), key="sso_login", type="primary"):
        st.login()
    st.caption(t("login.or_password", lang))

with st.form("login_form"):
    username = st.text_input(t("login.username", lang), key="login_username", autocomplete="username")
    password = st.text_input(t("login.password", lang), type="password", key="login_password", autocomplete="current-password")
    if st.form_submit_button(t("login.button", lang), type="primary"):
        problem = log_in(config, username, password)
        if problem:
            st.error(t(problem, lang))
        else:
            st.rerun()
ensure_browser_cookie()  # wrong passwords are counted per browser from the next visit on
