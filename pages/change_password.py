"""Change password (logged-in staff)."""

import streamlit as st

from barnrosten.access import accounts
from barnrosten.i18n import t
from barnrosten.ui.context import this_run

run = this_run()
lang, config, principal = run.lang, run.config, run.principal
st.title(t("password.heading", lang))
if principal is None:
    st.stop()

with st.form("password_form"):
    old = st.text_input(t("password.old", lang), type="password", key="password_old")
    new = st.text_input(t("password.new", lang), type="password", key="password_new")
    repeat = st.text_input(t("password.repeat", lang), type="password", key="password_repeat")
    if st.form_submit_button(t("password.button", lang), type="primary"):
        if new != repeat:
            st.error(t("password.mismatch", lang))
        else:
            with run.db() as db:
                try:
                    accounts.change_password(db, principal, old, new)
                    st.session_state["staff_token"] = accounts.start_session(db, principal)
                    st.success(t("password.done", lang))
                except accounts.WeakPassword:
                    st.error(t("password.weak", lang))
                except accounts.LoginFailed:
                    st.error(t("password.wrong", lang))
