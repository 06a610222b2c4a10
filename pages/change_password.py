"""Change password (logged-in staff)."""

import streamlit as st

from barnrosten.access import accounts
from barnrosten.i18n import t
from barnrosten.storage.db import connection
from barnrosten.ui.context import get_config
from barnrosten.ui.staff import current_principal

lang = st.session_state.get("lang", "sv")
config = get_config()
principal = current_principal(config)
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
            with connection(config.db_path) as db:
                try:
                    accounts.change_password(db, principal, old, new)
                    st.session_state["staff_token"] = accounts.start_session(db, principal)
                    st.success(t("password.done", lang))
                except accounts.WeakPassword:
                    st.error(t("password.weak", lang))
                except accounts.LoginFailed:
                    st.error(t("password.wrong", lang))
