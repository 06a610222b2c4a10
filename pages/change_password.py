"""Change password (logged-in staff)."""

import streamlit as st

from barnrosten.access import accounts
from barnrosten.i18n import t
from barnrosten.ui.context import this_run
from barnrosten.ui.staff import change_password, sync_cookie

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
            try:
                change_password(config, principal, old, new)
                sync_cookie(config)  # the browser's cookie gets the new session now: a reload keeps it
                st.success(t("password.done", lang))
            except accounts.WeakPassword:
                st.error(t("password.weak", lang))
            except accounts.LoginFailed:
                st.error(t("password.wrong", lang))
