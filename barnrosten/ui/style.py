"""The answering screens' look: big touch targets, calm colours, right-to-left when needed.

Only this fixed stylesheet, and a language code from the fixed list, go into `st.html`; no participant
or survey text does.
"""

from __future__ import annotations

import streamlit as st

from barnrosten.languages import DEFAULT_LANGUAGE, LANGUAGES, direction

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
/* A long label wraps instead of ending in "…" ("Ma garanayo", Somali for "Vet inte", on a phone). */
.stButton button p {{ white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: break-word; }}
/* Yes / no / don't know: the icon above the words, as on the faces, so a long "don't know" has the
   button's whole width on a phone. */
[class*="st-key-row_yes_no"] button span[data-has-shortcut] {{ display: flex; flex-direction: column; align-items: center; gap: 0.2rem; }}
[class*="st-key-row_yes_no"] button span[data-has-shortcut] > span:first-child {{ margin: 0; }}
[class*="st-key-row_yes_no"] button p {{ text-align: center; line-height: 1.25; }}
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
/* Streamlit's bar slides its fill in from the left (translateX) whatever the direction: mirror the track. */
[data-testid="stMain"] [data-testid="stProgressBarTrack"] { transform: scaleX(-1); }
.st-key-quick_exit_box { right: auto; left: 0.75rem; }
</style>
"""

# The page's language and direction as attributes, not only as style: `lang` on <html> lets the browser
# pick the script's font and a screen reader its voice (Streamlit's page says "en"), `dir` on the main
# area makes typed text and its caret run right to left. One fixed script, installed once, follows a
# marker that names the language (a code from the fixed list, never participant text).
_LANG_SCRIPT = """<script>
(function () {
  if (window.__barnrostenLang) { return; }
  window.__barnrostenLang = true;
  function apply() {
    var marker = document.querySelector(".br-lang");
    if (!marker) { return; }
    var lang = marker.dataset.lang, dir = marker.dataset.dir;
    if (document.documentElement.lang !== lang) { document.documentElement.lang = lang; }
    var main = document.querySelector('[data-testid="stMain"]');
    if (main && (main.getAttribute("dir") !== dir || main.getAttribute("lang") !== lang)) {
      main.setAttribute("dir", dir);
      main.setAttribute("lang", lang);
    }
  }
  new MutationObserver(apply).observe(document.body, {childList: true, subtree: true, attributes: true,
                                                      attributeFilter: ["data-lang"]});
  apply();
})();
</script>"""


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
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    st.html(_BASE_CSS + (_RTL_CSS if direction(language) == "rtl" else "")
            + f'<div class="br-lang" data-lang="{language}" data-dir="{direction(language)}" hidden></div>'
            + _LANG_SCRIPT, unsafe_allow_javascript=True)


def _css_text(text: str) -> str:
    """Our own UI text as a CSS string: quotes, backslashes and angle brackets escaped, one line."""
    return "".join(f"\\{ord(ch):X} " if ch in '"\\<>' or ord(ch) < 32 else ch for ch in text)


def file_uploader_in_words(language: str) -> None:
    """Streamlit's file uploader in our words: its English ("Upload", "Drag and drop a file here", "10MB per file")
    has no translation in Streamlit, so its text is hidden and ours shown in its place (staff locale files).

    The page shows the size limit and the formats in a caption of its own.
    """
    from barnrosten.i18n import t

    drop, choose = _css_text(t("upload.drop_here", language)), _css_text(t("upload.choose_file", language))
    st.html(f"""
<style>
[data-testid="stFileUploaderDropzone"], [data-testid="stFileUploaderDropzone"] * {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzoneInstructions"],
[data-testid="stFileUploaderDropzone"] button [data-testid="stIconMaterial"],
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] {{ display: none !important; }}
[data-testid="stFileUploaderDropzone"]::before {{
  content: "{drop}"; font-size: 1rem !important; flex: 1 1 auto; align-self: center;
}}
[data-testid="stFileUploaderDropzone"] button::after {{ content: "{choose}"; font-size: 1rem !important; }}
</style>
""")
