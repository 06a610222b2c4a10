"""The answering screens' look: big touch targets, calm colours, right-to-left when needed.

Only this fixed stylesheet goes into `st.html`; no participant or survey text does.
"""

from __future__ import annotations

import streamlit as st

from barnrosten.languages import direction

# WCAG 2.5.5: touch targets at least 44x44 CSS px; children's fingers want more.
MIN_TARGET_PX = 56
FACE_TARGET_PX = 120

_BASE_CSS = f"""
<style>
.block-container {{ max-width: 760px; padding-top: 4rem; }}
.stButton button, .stFormSubmitButton button {{
  min-height: {MIN_TARGET_PX}px; min-width: {MIN_TARGET_PX}px; border-radius: 14px;
}}
.stButton button p, .stFormSubmitButton button p {{ font-size: 1.15rem; }}
[class*="st-key-face_"] button {{ min-height: {FACE_TARGET_PX}px; width: 100%; padding: 0.4rem 0.2rem; }}
[class*="st-key-face_"] button span[data-has-shortcut] {{ display: flex; flex-direction: column; align-items: center; gap: 0.3rem; }}
[class*="st-key-face_"] button span[data-has-shortcut] > span:first-child {{ height: auto; margin: 0; }}
[class*="st-key-face_"] button [data-testid="stIconEmoji"] {{ font-size: 3rem; line-height: 1.2; }}
[class*="st-key-face_"] button p {{ font-size: 1rem; line-height: 1.25; text-align: center; white-space: normal; overflow: visible; }}
[class*="st-key-skip_"] button {{ border-style: dashed; }}
[class*="st-key-choice_"] button, [class*="st-key-profile_"] button {{ width: 100%; justify-content: flex-start; }}
.stTextInput input, .stTextArea textarea {{ font-size: 1.2rem; min-height: {MIN_TARGET_PX}px; }}
.stTextInput input {{ letter-spacing: 0.2em; text-transform: uppercase; }}
[data-testid="stSegmentedControl"] button, [data-testid="stButtonGroup"] button {{ min-height: 48px; min-width: 48px; font-size: 1.05rem; }}
[data-testid="stPageLink"] a {{ min-height: {MIN_TARGET_PX}px; display: flex; align-items: center; }}
/* Rows that stay rows on a phone (Streamlit stacks columns below 640 px): the five faces,
   yes / no / don't know, back and next. */
[class*="st-key-row_"] [data-testid="stHorizontalBlock"] {{ flex-wrap: nowrap; gap: 0.5rem; }}
[class*="st-key-row_"] [data-testid="stColumn"] {{ min-width: 0; width: auto; flex: 1 1 0; }}
/* Streamlit's own English hints ("Press Ctrl+Enter to apply", "12/300"): our screens say it in the
   child's language instead. */
[data-testid="InputInstructions"] {{ display: none; }}
@media (max-width: 640px) {{
  .block-container {{ padding-left: 0.75rem; padding-right: 0.75rem; }}
  [class*="st-key-face_"] button {{ min-height: 104px; padding: 0.3rem 0.1rem; }}
  [class*="st-key-face_"] button [data-testid="stIconEmoji"] {{ font-size: 2.3rem; }}
  [class*="st-key-face_"] button p {{ font-size: 0.85rem; overflow-wrap: break-word; }}
}}
.br-read-aloud {{
  min-height: {MIN_TARGET_PX}px; min-width: {MIN_TARGET_PX}px; padding: 0 1rem; font-size: 1.1rem;
  border-radius: 14px; border: 2px solid #1f4e79; background: #ffffff; color: #1f4e79; cursor: pointer;
}}
/* Quick exit ("Lämna snabbt", quick_exit.py): always in the top corner, whatever the scroll. */
.st-key-quick_exit_box {{ position: fixed; top: 0.5rem; right: 0.75rem; z-index: 999990; width: auto; }}
.st-key-quick_exit {{ display: none; }}
.br-quick-exit {{
  min-height: {MIN_TARGET_PX}px; min-width: {MIN_TARGET_PX}px; padding: 0 1.1rem; font-size: 1.1rem; border-radius: 14px;
  background: #2b2b2b; color: #ffffff; border: 2px solid #2b2b2b; cursor: pointer;
}}
.br-quick-exit:hover {{ background: #000000; }}
.br-quick-exit:focus-visible {{ outline: 3px solid #ffbf47; outline-offset: 2px; }}
[data-testid="stMain"] .block-container:has(.st-key-quick_exit_box) {{ padding-top: 4.75rem; }}
.br-read-aloud:focus-visible {{ outline: 3px solid #ffbf47; outline-offset: 2px; }}
.br-read-aloud[hidden] {{ display: none !important; }}
/* A recording is played by its read-aloud button (read_aloud.py), never by a player of its own. */
[class*="st-key-br_audio_"] {{ display: none !important; }}
</style>
"""

_RTL_CSS = """
<style>
[data-testid="stMain"] { direction: rtl; text-align: right; }
[data-testid="stMain"] [data-testid="stProgress"] { direction: ltr; }
.st-key-quick_exit_box { right: auto; left: 0.75rem; }
</style>
"""


# Streamlit's header holds the ⋮ menu (Print, Record screen, "Made with Streamlit") and the run
# status, and its English "Skip to main content" link has nothing to skip here: nothing a participant
# should reach. Staff keep it (client.toolbarMode = "viewer" already
# hides the developer options from everyone).
_NO_CHROME_CSS = """
<style>
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stMainMenu"], [data-testid="stDecoration"],
[data-testid="stSkipToContent"] {
  display: none !important;
}
[data-testid="stMain"] .block-container { padding-top: 1.5rem; }
</style>
"""


def hide_streamlit_chrome() -> None:
    """For everyone who is not logged in: no Streamlit menu, toolbar or header."""
    st.html(_NO_CHROME_CSS)


def apply_answering_style(language: str) -> None:
    st.html(_BASE_CSS + (_RTL_CSS if direction(language) == "rtl" else ""))
