"""Every new answering screen starts at the top.

Streamlit keeps the scroll position across reruns, so after "Nästa" at the
bottom of a long screen the next question opened scrolled down, its text and
progress off-screen on a phone. Each screen draws an invisible marker with its
name; one fixed script (installed once per page) watches the marker and, when
the name changes, scrolls to the top and moves focus to the new heading (so a
screen reader starts there too). Taps that stay on the same screen (choosing a
face) keep the position.
"""

from __future__ import annotations

from html import escape

import streamlit as st

_SCRIPT = """<script>
(function () {
  if (window.__barnrostenScrollTop) { return; }
  window.__barnrostenScrollTop = true;
  var shown = null;
  function toTop() {
    var marker = document.querySelector(".br-screen");
    if (!marker || marker.dataset.screen === shown) { return; }
    var first = shown === null;
    shown = marker.dataset.screen;
    if (first) { return; }
    var main = document.querySelector('[data-testid="stMain"]');
    if (main) { main.scrollTop = 0; }
    window.scrollTo(0, 0);
    // Focus follows once the new screen has been drawn, so a screen reader starts at its heading.
    setTimeout(function () {
      var heading = document.querySelector('[data-testid="stMain"] h1, [data-testid="stMain"] h2');
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus({preventScroll: true}); }
    }, 400);
  }
  new MutationObserver(toTop).observe(document.body, {childList: true, subtree: true, attributes: true,
                                                      attributeFilter: ["data-screen"]});
  toTop();
})();
</script>"""


def screen_marker(name: str) -> None:
    """Mark the screen now drawn (e.g. "question:lyssnad"); a new name scrolls to the top."""
    st.html(f'<div class="br-screen" data-screen="{escape(name, quote=True)}" hidden></div>' + _SCRIPT,
            unsafe_allow_javascript=True)
