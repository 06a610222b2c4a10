"""A read-aloud button that uses the browser's own speech synthesis (works offline, no audio files)."""

from __future__ import annotations

from html import escape

import streamlit as st

from barnrosten.languages import SPEECH_TAGS

# A fixed script, installed once per page: one delegated listener reads the
# tapped button's data attributes, so re-rendered buttons need no re-binding and
# no text is ever placed inside the script.
_SPEAK_SCRIPT = """<script>
(function () {
  if (window.__barnrostenReadAloud) { return; }
  window.__barnrostenReadAloud = true;
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".br-read-aloud");
    var synth = window.speechSynthesis;
    if (!button || !synth) { return; }
    synth.cancel();
    var utterance = new SpeechSynthesisUtterance(button.dataset.text);
    utterance.lang = button.dataset.lang;
    utterance.rate = 0.9;
    synth.speak(utterance);
  });
})();
</script>"""


def read_aloud_html(text: str, language: str, label: str) -> str:
    """The button's markup. `text` and `label` are escaped, so nothing in them is markup."""
    return (
        f'<button type="button" class="br-read-aloud" data-testid="read-aloud" '
        f'data-text="{escape(text, quote=True)}" data-lang="{escape(SPEECH_TAGS.get(language, language))}">'
        f'<span aria-hidden="true">🔊</span> {escape(label)}</button>'
    )


def read_aloud_button(text: str, language: str, label: str) -> None:
    st.html(read_aloud_html(text, language, label) + _SPEAK_SCRIPT, unsafe_allow_javascript=True)
