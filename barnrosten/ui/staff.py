"""Who is logged in, for pages and navigation. The session token lives in session state, never in the URL."""

from __future__ import annotations

import streamlit as st

from barnrosten import accounts
from barnrosten.config import Config
from barnrosten.db import connection

TOKEN_KEY = "staff_token"


def current_principal(config: Config) -> accounts.Principal | None:
    token = st.session_state.get(TOKEN_KEY)
    if not token:
        return None
    with connection(config.db_path) as db:
        principal = accounts.resume_session(db, token)
    if principal is None:
        st.session_state.pop(TOKEN_KEY, None)
    return principal


def log_in(config: Config, username: str, password: str) -> str | None:
    """None on success, else the i18n key of the message to show."""
    with connection(config.db_path) as db:
        try:
            principal = accounts.log_in(db, username, password)
        except accounts.LoginFailed as failure:
            return f"login.{failure.reason}"
        st.session_state[TOKEN_KEY] = accounts.start_session(db, principal)
    return None


def log_out(config: Config) -> None:
    token = st.session_state.pop(TOKEN_KEY, None)
    if token:
        with connection(config.db_path) as db:
            principal = accounts.resume_session(db, token)
            accounts.end_session(db, token)
            if principal:
                from barnrosten import audit

                audit.record(db, principal.username, "logout")


def new_flag_count(config: Config, principal: accounts.Principal) -> int:
    """New safety flags in the municipalities this user reviews (0 for users who review none)."""
    from barnrosten import safety_queue
    from barnrosten.insight_queries import municipality_names

    with connection(config.db_path) as db:
        return safety_queue.new_count(db, principal, list(municipality_names(db)))
