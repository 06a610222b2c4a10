"""Who is logged in, for pages and navigation.

The session token lives in session state and in an HttpOnly cookie (barnrosten/ui/session_cookie.py),
never in the URL. The session itself is a row on the server (accounts.start_session), which ends it
after the idle time or the longest lifetime, at logout and at a password change.
"""

from __future__ import annotations

import streamlit as st

from barnrosten.access import accounts, sso
from barnrosten.access.roles import Principal
from barnrosten.config import Config
from barnrosten.i18n import t
from barnrosten.results.queries import municipality_names
from barnrosten.safeguarding import review_queue
from barnrosten.storage.db import connection, write_transaction
from barnrosten.ui import session_cookie
from barnrosten.ui.browser_id import client as browser_client

TOKEN_KEY = "staff_token"
SSO_TRIED_KEY = "sso_tried"
SSO_REFUSED_KEY = "sso_refused"
# The login page was opened at a staff page's address (a shared link): that page follows the login.
LOGIN_FOR_LINK_KEY = "_login_for_link"


def sso_configured() -> bool:
    """Whether an identity provider is set up ([auth] in .streamlit/secrets.toml, see docs/sso.md)."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all means no single sign-on
        return False


def _provider_logged_in() -> bool:
    # st.user has no is_logged_in outside a real server session (AppTest, bare mode).
    return bool(getattr(st.user, "is_logged_in", False))


def _from_identity_provider(config: Config) -> str | None:
    """After st.login: our own staff session for the provider's identity, once per browser session."""
    if not sso_configured() or not _provider_logged_in() or st.session_state.get(SSO_TRIED_KEY):
        return None
    st.session_state[SSO_TRIED_KEY] = True
    with connection(config.db_path) as db:
        try:
            principal = sso.log_in_with_claims(db, st.user.to_dict())
        except accounts.LoginFailed:
            st.session_state[SSO_REFUSED_KEY] = True
            return None
        return begin_session(config, db, principal)


def begin_session(config: Config, db, principal: Principal) -> str:
    """A new session for `principal`: in this tab at once, and in the browser's cookie from the next run."""
    with write_transaction(db):
        token = accounts.start_session(db, principal, lifetime=config.staff_session_max)
        ticket = accounts.hand_over(db, token)
    st.session_state[TOKEN_KEY] = token
    session_cookie.hand_over(ticket)
    return token


def current_principal(config: Config) -> Principal | None:
    """The logged-in user of this run: from this tab's session, else the browser's cookie (a reload, a new tab)."""
    token = (st.session_state.get(TOKEN_KEY) or session_cookie.cookie_token()
             or _from_identity_provider(config))
    if not token:
        return None
    with connection(config.db_path) as db:
        principal = accounts.resume_session(db, token, idle=config.staff_idle_timeout)
    if principal is None:
        st.session_state.pop(TOKEN_KEY, None)
        session_cookie.mark_dead(token)  # ended elsewhere (logout in another tab, a new password) or expired
    else:
        st.session_state[TOKEN_KEY] = token
    return principal


def sync_cookie(config: Config) -> None:
    """Draw what the browser's cookie needs in this run (a ticket to trade after login, or clearing after logout)."""
    def waiting(ticket: str) -> bool:
        with connection(config.db_path) as db:
            return accounts.handoff_waiting(db, ticket)

    session_cookie.sync(waiting)


def log_in(config: Config, username: str, password: str) -> str | None:
    """None on success, else the i18n key of the message to show."""
    with connection(config.db_path) as db:
        try:
            principal = accounts.log_in(db, username, password, client=browser_client())
        except accounts.LoginFailed as failure:
            return f"login.{failure.reason}"
        begin_session(config, db, principal)
    return None


def change_password(config: Config, principal: Principal, old: str, new: str) -> None:
    """Change the password: every session of the user ends, and this tab and browser get a new one.

    Raises accounts.WeakPassword or accounts.LoginFailed (the old password was wrong).
    """
    with connection(config.db_path) as db:
        accounts.change_password(db, principal, old, new)
        begin_session(config, db, principal)


def log_out(config: Config) -> None:
    token = st.session_state.pop(TOKEN_KEY, None)
    if token:
        with connection(config.db_path) as db:
            accounts.log_out(db, token)
        session_cookie.mark_dead(token)  # this tab still holds the cookie it connected with; the browser clears it
    if sso_configured() and _provider_logged_in():
        st.logout()  # also ends the identity provider's cookie, so the next person starts afresh


def reviews_flags(principal: Principal | None) -> bool:
    """Whether the safety queue is in this user's menu."""
    return principal is not None and (principal.is_admin or principal.has_role("analyst")
                                      or principal.has_role("facilitator"))


def new_flag_count(config: Config, principal: Principal) -> int:
    """New safety flags in the municipalities this user reviews (0 for users who review none)."""
    with connection(config.db_path) as db:
        return review_queue.new_count(db, principal, list(municipality_names(db)))


def pick_municipality(config: Config, principal: Principal | None, roles: tuple[str, ...], lang: str,
                      key: str, empty_key: str = "dash.no_municipality") -> str:
    """A choice among the municipalities where the user holds one of `roles`; stops the page kindly when none.

    Only offers what the roles allow; the data functions check again whatever is chosen.
    """
    with connection(config.db_path) as db:
        names = municipality_names(db)
    allowed = [m for m in names if principal is not None and any(principal.can(role, m) for role in roles)]
    if not allowed:
        st.info(t(empty_key, lang))
        st.stop()
    if st.session_state.get(key) not in allowed:
        st.session_state[key] = default_municipality(allowed)
    chosen = st.selectbox(t("dash.municipality", lang), allowed, key=key, format_func=lambda m: names.get(m, m))
    remember_municipality(chosen)
    return chosen


# The municipality staff work on, the same on every page: the one they last chose, else their first by name.
MUNICIPALITY_KEY = "staff_municipality"


def default_municipality(allowed: list[str]) -> str:
    """The municipality a page opens on, among `allowed` (in name order): the last one chosen on any page, else the first."""
    remembered = st.session_state.get(MUNICIPALITY_KEY)
    return remembered if remembered in allowed else allowed[0]


def remember_municipality(municipality: str | None) -> None:
    if municipality:
        st.session_state[MUNICIPALITY_KEY] = municipality
