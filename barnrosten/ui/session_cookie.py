"""The staff session in an HttpOnly cookie, so a reload or a new tab keeps staff logged in.

Streamlit cannot set cookies from Python, and a cookie a page script sets can be read by any script
on the page. So, after a login (or a password change), the app gives the page a one-time ticket
(`accounts.hand_over`); a few lines of script post it to our own endpoint
(`barnrosten/ui/session_endpoint.py`, served by `serve.py`), whose answer sets the cookie:
HttpOnly, SameSite=Strict, Secure under TLS, on the app's path, for this browser session. Scripts
never see the session token, and it is never in a URL. Each run reads the cookie through
`st.context.cookies` (the browser sends it with the app's websocket).

The server decides everything: the session row (`staff_sessions`) holds the idle and absolute
expiry, and logout or a password change deletes it, so a copied or left-behind cookie is worth nothing.
"""

from __future__ import annotations

import secrets
from html import escape

import streamlit as st

COOKIE = "barnrosten_staff"
ENDPOINT = "api/staff-session"  # under server.baseUrlPath
TICKET_KEY = "_staff_handoff"
FORGET_KEY = "_staff_cookie_forget"
DEAD_KEY = "_staff_cookie_dead"


def base_path() -> str:
    """The app's path prefix ('' or '/barnrosten'), as `--server.baseUrlPath` sets it."""
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def cookie_token() -> str | None:
    """The session token from this browser's cookie, unless this session already found it dead."""
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # noqa: BLE001 - no request context (AppTest, bare mode)
        return None
    if not isinstance(value, str) or not value or st.session_state.get(DEAD_KEY) == value:
        return None
    return value


def mark_dead(token: str) -> None:
    """The cookie's session has ended: look it up no more in this browser session, and clear it."""
    st.session_state[DEAD_KEY] = token
    forget()


def hand_over(ticket: str) -> None:
    """From the next run on, the page trades `ticket` for the cookie (see `sync`)."""
    st.session_state[TICKET_KEY] = ticket
    st.session_state.pop(FORGET_KEY, None)


def forget() -> None:
    """After logout: the page asks the endpoint to clear the cookie (the session itself is already gone)."""
    st.session_state[FORGET_KEY] = True
    st.session_state.pop(TICKET_KEY, None)


# One fixed script; the ticket is data in a hidden element. It posts each ticket once per page load.
_SCRIPT = """<script>
(function () {
  var done = window.__barnrostenStaffSession = window.__barnrostenStaffSession || {};
  document.querySelectorAll(".br-staff-session").forEach(function (el) {
    var what = el.dataset.what, ticket = el.dataset.ticket || "", key = what + ":" + ticket;
    if (done[key]) { return; }
    done[key] = true;
    fetch(el.dataset.url, {method: "POST", credentials: "same-origin", cache: "no-store",
                           headers: {"Content-Type": "text/plain"}, body: ticket})
      .then(function (reply) { el.dataset.done = reply.ok ? "ok" : String(reply.status); })
      .catch(function () { done[key] = false; });
  });
})();
</script>"""


def _element(what: str, ticket: str = "") -> None:
    url = f"{base_path()}/{ENDPOINT}" + ("/end" if what == "forget" else "")
    attributes = " ".join(f'data-{name}="{escape(value, quote=True)}"' for name, value in
                          (("what", what), ("ticket", ticket), ("url", url)))
    st.html(f'<div class="br-staff-session" {attributes} hidden></div>' + _SCRIPT, unsafe_allow_javascript=True)


def sync(ticket_waiting) -> None:
    """Draw what the cookie needs in this run: a ticket to trade, or a cookie to clear.

    `ticket_waiting(ticket)` says whether the ticket is still unused; once traded it is dropped.
    """
    ticket = st.session_state.get(TICKET_KEY)
    if ticket:
        if ticket_waiting(ticket):
            _element("hand_over", ticket)
        else:
            st.session_state.pop(TICKET_KEY, None)
    elif st.session_state.pop(FORGET_KEY, None):
        _element("forget", secrets.token_hex(8))  # a fresh value: each logout clears again
