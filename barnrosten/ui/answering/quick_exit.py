"""Quick exit ("Lämna snabbt"), as on domestic-violence help sites: one tap and the survey is gone.

Shown to young people and guardians answering on their own phone, where someone may look over
their shoulder. The tap at once blanks the page in the browser; the server then closes the link
(answers already saved stay saved, but the link no longer opens them) and the page replaces
itself with a neutral site (`Config.quick_exit_url`, a weather site by default). The survey
never adds entries to the browser's history while the button is offered, so Back does not come
back to it. Should the server not answer within a
second, the browser leaves anyway.
"""

from __future__ import annotations

from html import escape

import streamlit as st

# Who gets the button on their own device: young people, guardians, placed children and young people.
QUICK_EXIT_GROUPS = ("youth", "guardians", "placed")
# How long the blanked page waits for the server to close the link before it leaves anyway.
FALLBACK_MS = 1000

# One delegated listener, installed once per page; the neutral address comes from a data
# attribute, never from text inside the script.
_SCRIPT = """<script>
(function () {
  if (window.__barnrostenQuickExit) { return; }
  window.__barnrostenQuickExit = true;
  // While the button is offered, the survey is one entry in the browser's history: Streamlit's
  // new entries (a new question in the link) replace the current one instead. The quick exit then
  // replaces that single entry, so Back leads to where the person was before, never to the survey.
  var replace = history.replaceState.bind(history);
  history.pushState = function (state, title, url) { return replace(state, title, url); };
  function leave(url) {
    document.documentElement.style.visibility = "hidden";
    document.title = "";
    // Nothing may change the address now: a same-page history change would cancel the navigation.
    history.pushState = history.replaceState = function () {};
    window.location.replace(url);
  }
  window.__barnrostenLeave = leave;
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".br-quick-exit");
    if (!button) { return; }
    // Streamlit greys its own buttons out when the connection drops; this one never is. It tells
    // the server through Streamlit's (hidden) button when it can, and leaves in any case.
    var trigger = document.querySelector(".st-key-quick_exit button");
    document.documentElement.style.visibility = "hidden";
    if (trigger && !trigger.disabled) {
      trigger.click();
      setTimeout(function () { leave(button.dataset.url); }, %d);
    } else {
      leave(button.dataset.url);
    }
  });
  function follow() {
    var go = document.querySelector(".br-leave-now");
    if (go) { leave(go.dataset.url); }
  }
  new MutationObserver(follow).observe(document.body, {childList: true, subtree: true});
  follow();
})();
</script>""" % FALLBACK_MS


def offered(session: dict | None, survey) -> bool:
    """Whether this participant gets the quick-exit button: their own device, and a group that may need it."""
    return (session is not None and survey is not None and not session["shared_device"]
            and survey.respondent_group in QUICK_EXIT_GROUPS)


def quick_exit_button(url: str, label: str, on_click, args=()) -> None:
    """The button (kept in the top corner while the page scrolls, style.py) and its hidden server side."""
    with st.container(key="quick_exit_box"):
        st.html(f'<button type="button" class="br-quick-exit" data-testid="quick-exit" '
                f'data-url="{escape(url, quote=True)}">✕ {escape(label)}</button>' + _SCRIPT,
                unsafe_allow_javascript=True)
    st.button(label, key="quick_exit", on_click=on_click, args=args)


def leave_now(url: str) -> None:
    """Replace this page with the neutral site (the server has closed the link)."""
    st.html(f'<div class="br-leave-now" data-url="{escape(url, quote=True)}" hidden></div>' + _SCRIPT,
            unsafe_allow_javascript=True)
