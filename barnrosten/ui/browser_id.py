"""A random id per browser in a cookie, only to slow down guessing of codes and passwords.

(See barnrosten/access/join_throttle.py and login_throttle.py.)

Streamlit cannot set cookies from Python, so a tiny script in a component sets
it. The id is random, lives a day, says nothing about the person, and is never
stored on the server.
"""

from __future__ import annotations

import secrets

import streamlit as st
import streamlit.components.v1 as components
from barnrosten.access.login_throttle import Client

COOKIE = "barnrosten_browser"
TAB_KEY = "_client_tab_id"
_SET_COOKIE = """<script>
if (!document.cookie.split("; ").some(c => c.startsWith("%(name)s="))) {
  const id = Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, "0")).join("");
  document.cookie = "%(name)s=" + id + "; path=/; max-age=86400; SameSite=Strict";
}
</script>"""


def browser_key() -> str | None:
    """This browser's id, or None on its very first visit (the cookie is read when a session starts)."""
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # noqa: BLE001 - no request context (AppTest, bare mode)
        return None
    return value if isinstance(value, str) and value else None


def ensure_browser_cookie() -> None:
    if browser_key() is None:
        components.html(_SET_COOKIE % {"name": COOKIE}, height=0)


def client() -> Client:
    """Who is trying to log in: this browser's cookie id, or else this Streamlit session (until a reload)."""
    browser = browser_key()
    if browser:
        return Client(browser, cookie=True)
    # A random id kept in this session's state: a new tab or a reload is a new client (and shares the
    # budget of every session without the cookie).
    return Client("session:" + st.session_state.setdefault(TAB_KEY, secrets.token_hex(16)), cookie=False)
