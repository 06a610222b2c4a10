"""A random id per browser in a cookie, only to slow down code guessing (see barnrosten/access/join_throttle.py).

Streamlit cannot set cookies from Python, so a tiny script in a component sets
it. The id is random, lives a day, says nothing about the person, and is never
stored on the server.
"""

from __future__ import annotations

import streamlit as st
import streamlit.components.v1 as components

COOKIE = "barnrosten_browser"
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
