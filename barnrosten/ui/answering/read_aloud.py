"""The read-aloud button: a staff recording, else the browser's own voice, else no button.

Browser voices rarely exist for Somali or Tigrinya, so staff record each
question and help text (`barnrosten/answering/recordings.py`, page
/upplasning). On an answering screen the button

1. plays the recording of its item in the chosen language, when there is one
   and the browser can play its format;
2. otherwise speaks the text with the browser's speech synthesis, when the
   browser has a voice for the language;
3. otherwise is hidden: never a button that does nothing.

The recording is drawn by `st.audio` (served by Streamlit's media endpoint) in
a container that the answering style hides; the button plays it. Which items
have a recording is cached per survey version and language, so a screen costs
no query; the sound is cached per recording id (a new recording gets a new id).
"""

from __future__ import annotations

from html import escape

import streamlit as st

from barnrosten.answering import recordings
from barnrosten.languages import SPEECH_TAGS
from barnrosten.storage.db import connection

AUDIO_KEY_PREFIX = "br_audio_"

# A fixed script: one delegated listener reads the tapped button's data attributes, so re-rendered
# buttons need no re-binding and no text is ever placed inside the script. Whether a button is shown
# is decided again whenever the page changes or the browser's voices arrive (they load late).
_SCRIPT = """<script>
(function () {
  function norm(tag) { return String(tag || "").toLowerCase().replace("_", "-"); }
  function voiceFor(lang) {
    var synth = window.speechSynthesis;
    if (!synth || typeof synth.getVoices !== "function" || typeof window.SpeechSynthesisUtterance !== "function") {
      return null;
    }
    var voices = synth.getVoices() || [], want = norm(lang), primary = want.split("-")[0], near = null;
    for (var i = 0; i < voices.length; i++) {
      var have = norm(voices[i].lang);
      if (have === want) { return voices[i]; }
      if (!near && have.split("-")[0] === primary) { near = voices[i]; }
    }
    return near;
  }
  function audioFor(button) {
    var key = button.dataset.audio;
    if (!key) { return null; }
    var audio = document.querySelector(".st-key-" + key + " audio");
    if (!audio || audio.error) { return null; }
    if (button.dataset.mime && audio.canPlayType && audio.canPlayType(button.dataset.mime) === "") { return null; }
    return audio;
  }
  function refresh() {
    var buttons = document.querySelectorAll(".br-read-aloud");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      var waiting = button.dataset.audio && !document.querySelector(".st-key-" + button.dataset.audio + " audio");
      if (waiting) { continue; }  // its recording is still being drawn
      var hide = !audioFor(button) && !voiceFor(button.dataset.lang);
      if (button.hidden !== hide) { button.hidden = hide; }
    }
  }
  function stopAll() {
    var playing = document.querySelectorAll('[class*="st-key-__PREFIX__"] audio');
    for (var i = 0; i < playing.length; i++) { playing[i].pause(); }
    if (window.speechSynthesis && window.speechSynthesis.cancel) { window.speechSynthesis.cancel(); }
  }
  function speak(button) {
    var voice = voiceFor(button.dataset.lang);
    if (!voice) { return; }
    var utterance = new SpeechSynthesisUtterance(button.dataset.text);
    utterance.lang = button.dataset.lang;
    try { utterance.voice = voice; } catch (e) { /* the language alone still chooses */ }
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance);
  }
  if (!window.__barnrostenReadAloud) {
    window.__barnrostenReadAloud = true;
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest(".br-read-aloud");
      if (!button) { return; }
      stopAll();
      var audio = audioFor(button);
      if (!audio) { speak(button); return; }
      audio.currentTime = 0;
      var started = audio.play();
      if (started && started.catch) { started.catch(function () { speak(button); }); }
    });
    new MutationObserver(refresh).observe(document.body, {childList: true, subtree: true});
    if (window.speechSynthesis && window.speechSynthesis.addEventListener) {
      window.speechSynthesis.addEventListener("voiceschanged", refresh);
    }
  }
  refresh();
})();
</script>""".replace("__PREFIX__", AUDIO_KEY_PREFIX)


def read_aloud_html(text: str, language: str, label: str, recording: dict | None = None) -> str:
    """The button's markup. `text` and `label` are escaped, so nothing in them is markup.

    Without a recording the button starts hidden; the script shows it once the browser has a voice.
    """
    audio = (f' data-audio="{AUDIO_KEY_PREFIX}{int(recording["id"])}" data-mime="{escape(recording["mime_type"])}"'
             if recording else " hidden")
    return (
        f'<button type="button" class="br-read-aloud" data-testid="read-aloud" '
        f'data-text="{escape(text, quote=True)}" data-lang="{escape(SPEECH_TAGS.get(language, language))}"{audio}>'
        f'<span aria-hidden="true">🔊</span> {escape(label)}</button>'
    )


@st.cache_data(ttl=60, show_spinner=False)
def recorded_items(db_path: str, version_id: int, language: str) -> dict[str, dict]:
    """item -> {id, mime_type} of this survey version in `language`; cached (staff saving clears it)."""
    with connection(db_path) as db:
        return recordings.available(db, version_id, language)


@st.cache_data(max_entries=64, show_spinner=False)
def _sound(db_path: str, recording_id: int) -> tuple[str, bytes] | None:
    with connection(db_path) as db:
        return recordings.audio(db, recording_id)


def forget_recordings() -> None:
    """After staff saved or removed a recording: answering screens look again."""
    recorded_items.clear()


def read_aloud_button(text: str, language: str, label: str, *, db_path: str | None = None,
                      version_id: int | None = None, item: str | None = None,
                      recording_language: str | None = None) -> None:
    """The button for `item` of a survey version: its recording if there is one, else the browser's voice.

    `language` is the language of `text` (for the voice); `recording_language` the participant's chosen
    language (for the recording), when the two differ (a survey not yet translated shows Swedish).
    """
    recording = None
    if db_path is not None and version_id is not None and item is not None:
        recording = recorded_items(db_path, version_id, recording_language or language).get(item)
        sound = _sound(db_path, recording["id"]) if recording else None
        if sound is None:
            recording = None
        else:
            with st.container(key=f"{AUDIO_KEY_PREFIX}{recording['id']}"):
                st.audio(sound[1], format=sound[0])
    st.html(read_aloud_html(text, language, label, recording) + _SCRIPT, unsafe_allow_javascript=True)
