"""A read-aloud button that uses the browser's own speech synthesis (works offline, no audio files)."""

from __future__ import annotations

from html import escape

import streamlit as st

from barnrosten.languages import SPEECH_TAGS

# Inline, fixed script: the only variable parts are data attributes, HTML-escaped.
_SPEAK_JS = (
    "var s=window.speechSynthesis;if(!s){return;}s.cancel();"
    "var u=new SpeechSynthesisUtterance(this.dataset.text);u.lang=this.dataset.lang;u.rate=0.9;s.speak(u);"
)


def read_aloud_html(text: str, language: str, label: str) -> str:
    """The button's markup. `text` and `label` are escaped, so nothing in them is markup."""
    return (
        f'<button type="button" class="br-read-aloud" data-testid="read-aloud" '
        f'data-text="{escape(text, quote=True)}" data-lang="{escape(SPEECH_TAGS.get(language, language))}" '
        f'onclick="{escape(_SPEAK_JS, quote=True)}">'
        f'<span aria-hidden="true">🔊</span> {escape(label)}</button>'
    )


def read_aloud_button(text: str, language: str, label: str) -> None:
    st.html(read_aloud_html(text, language, label), unsafe_allow_javascript=True)
