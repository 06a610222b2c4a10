"""Read-aloud in Chromium: a staff recording plays; without one the browser's voice for the chosen
language speaks; with neither, no button is shown."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from barnrosten.access.roles import Principal
from barnrosten.answering import recordings
from barnrosten.answering.survey_store import latest_version_id
from barnrosten.storage.db import open_db
from tests.audio_files import wav_bytes
from tests.e2e.conftest import screenshot
from tests.e2e.tablet import MAIN, expect_heading, open_first_question, tap_button, wait_ready

ADMIN = Principal(1, "anna", frozenset({("admin", None)}))
READ_ALOUD = '[data-testid="read-aloud"]'

# A browser whose speech synthesis has the given voices and records what it is asked to say.
FAKE_SPEECH = """
window.__spoken = [];
window.__played = [];
document.addEventListener('playing', (e) => window.__played.push(e.target.currentSrc), true);
window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ''; this.voice = null; };
Object.defineProperty(window, 'speechSynthesis', {value: {
    getVoices: () => VOICES,
    speak: (u) => window.__spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.name}),
    cancel: () => {}, addEventListener: () => {}
}});
"""


def with_voices(page, voices: list[dict]) -> None:
    import json

    page.add_init_script(f"const VOICES = {json.dumps(voices)};" + FAKE_SPEECH)


def record(db_path, item: str, language: str, survey: str = "barn-7-12", seconds: float = 2.0) -> int:
    db = open_db(db_path)
    try:
        return recordings.save(db, ADMIN, latest_version_id(db, survey), item, language, wav_bytes(seconds))
    finally:
        db.conn.close()


def open_recordings_page(page) -> None:
    """From a logged-in admin's page: Uppläsning in the sidebar (under "View more" when the menu is long)."""
    link = page.get_by_role("link", name="Uppläsning")
    if not link.is_visible():
        page.get_by_test_id("stSidebarNavViewButton").click()
    link.click()
    wait_ready(page)


def shown_buttons(page) -> int:
    return sum(1 for b in page.locator(f"{MAIN} {READ_ALOUD}").all() if b.is_visible())


def test_the_recording_plays_where_there_is_no_voice(app_server, tablet):
    record(app_server.db_path, "question:lyssnad", "sv")
    page = tablet
    with_voices(page, [])  # no voice at all: only the recording can speak
    open_first_question(page, app_server.url)
    button = page.locator(MAIN).get_by_role("button", name="Läs upp")
    expect(button).to_be_visible()
    audio = page.locator(f'{MAIN} [class*="st-key-br_audio_"] audio')
    expect(audio).to_have_count(1)
    expect(audio).to_be_hidden()  # played by the button, never a player of its own
    button.tap()
    page.wait_for_function("window.__played.length > 0")
    page.wait_for_function(
        "document.querySelector('[class*=\"st-key-br_audio_\"] audio').currentTime > 0.2", timeout=5000)
    assert page.evaluate("document.querySelector('[class*=\"st-key-br_audio_\"] audio').paused") is False
    assert page.evaluate("window.__spoken") == []
    assert "/media/" in page.evaluate("window.__played[0]")


def test_without_a_recording_the_voice_of_the_chosen_language_speaks(app_server, tablet):
    page = tablet
    # No Swedish voice; an English one of another region, and an Arabic one.
    with_voices(page, [{"lang": "ar-SA", "name": "Arabic"}, {"lang": "en_US", "name": "English (US)"}])
    open_first_question(page, app_server.url)
    expect_heading(page, "Lyssnar de vuxna på dig")
    page.wait_for_timeout(300)
    assert shown_buttons(page) == 0  # Swedish has neither a recording nor a voice
    page.get_by_role("radio", name="English").tap()
    wait_ready(page)
    expect_heading(page, "Do the adults listen to you")
    page.locator(MAIN).get_by_role("button", name="Read aloud").tap()
    assert page.evaluate("window.__spoken") == [
        {"text": "Do the adults listen to you when you talk?", "lang": "en-GB", "voice": "English (US)"}]
    assert page.evaluate("window.__played") == []


def test_a_voice_that_arrives_late_shows_the_button(app_server, tablet):
    page = tablet
    page.add_init_script("""
        window.__spoken = []; let voices = []; const listeners = [];
        window.SpeechSynthesisUtterance = function (text) { this.text = text; };
        Object.defineProperty(window, 'speechSynthesis', {value: {
            getVoices: () => voices, speak: (u) => window.__spoken.push(u.lang), cancel: () => {},
            addEventListener: (name, f) => listeners.push(f)
        }});
        window.__voicesArrive = () => { voices = [{lang: 'sv-SE', name: 'Alva'}]; listeners.forEach((f) => f()); };
    """)
    open_first_question(page, app_server.url)
    page.wait_for_timeout(300)
    assert shown_buttons(page) == 0
    page.evaluate("window.__voicesArrive()")
    page.locator(MAIN).get_by_role("button", name="Läs upp").tap()
    assert page.evaluate("window.__spoken") == ["sv-SE"]


def test_no_button_without_a_recording_or_a_voice(app_server, tablet):
    record(app_server.db_path, "question:lyssnad", "en")  # English only: Swedish screens have no sound
    page = tablet
    with_voices(page, [{"lang": "de-DE", "name": "Deutsch"}])
    page.goto(f"{app_server.url}/?code=HEJ347")
    wait_ready(page)
    assert page.locator(f"{MAIN} {READ_ALOUD}").count() >= 2  # the start screen and its help box
    assert shown_buttons(page) == 0
    tap_button(page, "Jag förstår – börja")
    tap_button(page, "Nästa")
    expect_heading(page, "Lyssnar de vuxna på dig")
    assert shown_buttons(page) == 0
    page.get_by_role("radio", name="English").tap()
    wait_ready(page)
    expect(page.locator(MAIN).get_by_role("button", name="Read aloud")).to_be_visible()
    tap_button(page, re.compile("^Next"))
    expect_heading(page, "Do you understand what will happen now")
    assert shown_buttons(page) == 0


def test_the_real_browser_without_voices_shows_no_broken_button(app_server, tablet):
    """Debian's headless Chromium as it is: whatever voices it has, a shown button has a voice behind it."""
    page = tablet
    open_first_question(page, app_server.url)
    page.wait_for_timeout(500)
    has_voice = page.evaluate(
        "() => !!window.speechSynthesis && speechSynthesis.getVoices().some(v => v.lang.toLowerCase().startsWith('sv'))")
    assert shown_buttons(page) == (1 if has_voice else 0)


def test_staff_upload_is_checked_kindly_and_then_heard_by_the_child(app_server, browser, tablet, tmp_path):
    from barnrosten.access import accounts
    from tests.e2e import staff

    password = "en lång och bra lösenfras"
    db = open_db(app_server.db_path)
    accounts.create_user(db, "anna", password, roles=[("admin", None)])
    db.conn.close()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    admin = context.new_page()
    admin.set_default_timeout(15_000)
    staff.log_in(admin, app_server.url, "anna", password)
    open_recordings_page(admin)
    wait_ready(admin)
    expect(admin.locator(MAIN).get_by_role("heading", name="Uppläsning")).to_be_visible()
    admin.locator(f"{MAIN} [data-testid='stSelectbox']").first.click()  # Enkät
    admin.get_by_role("option", name="Hur är det att få hjälp?").click()
    wait_ready(admin)

    picture = tmp_path / "inte-ljud.wav"  # named .wav, but a picture
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    admin.locator(f"{MAIN} [data-testid='stFileUploader'] input[type='file']").set_input_files(str(picture))
    wait_ready(admin)
    save = admin.locator(MAIN).get_by_role("button", name="Spara ljudfilen")
    expect(save).to_be_enabled()
    save.click()
    wait_ready(admin)
    expect(admin.locator(MAIN).get_by_text("Det här verkar inte vara en ljudfil")).to_be_visible()

    admin.locator(f"{MAIN} [data-testid='stFileChipDeleteBtn'] button").first.click()  # away with the picture
    wait_ready(admin)
    expect(save).to_be_disabled()
    sound = tmp_path / "startsidan.wav"
    sound.write_bytes(wav_bytes(2.0))
    admin.locator(f"{MAIN} [data-testid='stFileUploader'] input[type='file']").set_input_files(str(sound))
    wait_ready(admin)
    expect(save).to_be_enabled()
    save.click()
    wait_ready(admin)
    expect(admin.locator(MAIN).get_by_text("Inspelningen är sparad")).to_be_visible()
    expect(admin.locator(f"{MAIN} [data-testid='stAudio']")).to_have_count(1)  # staff hear it on the page
    screenshot(admin, "staff-read-aloud-recordings")
    context.close()

    page = tablet  # a child's tablet without any voice: the start screen is read from the recording
    with_voices(page, [])
    page.goto(f"{app_server.url}/?code=HEJ347")
    wait_ready(page)
    assert shown_buttons(page) == 1
    page.locator(MAIN).get_by_role("button", name="Läs upp").tap()
    page.wait_for_function("window.__played.length > 0")
    assert page.evaluate("window.__spoken") == []


def test_staff_record_with_the_microphone(app_server, browser, tmp_path):
    """st.audio_input in Chromium with a fake microphone: the recording is stored as WAV."""
    import pytest

    from barnrosten.access import accounts
    from tests.e2e import staff
    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    voice = tmp_path / "mic.wav"
    voice.write_bytes(wav_bytes(4.0, frequency=330, rate=48000))
    password = "en lång och bra lösenfras"
    db = open_db(app_server.db_path)
    accounts.create_user(db, "anna", password, roles=[("admin", None)])
    db.conn.close()
    mic = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
           f"--use-file-for-fake-audio-capture={voice}"]
    # A browser of its own (a fake microphone is a launch flag), from the same Playwright.
    chromium = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + mic)
    try:
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
        context.grant_permissions(["microphone"], origin=app_server.url)
        admin = context.new_page()
        admin.set_default_timeout(15_000)
        staff.log_in(admin, app_server.url, "anna", password)
        open_recordings_page(admin)
        wait_ready(admin)
        admin.locator(f"{MAIN} [data-testid='stSelectbox']").first.click()
        admin.get_by_role("option", name="Hur är det att få hjälp?").click()
        wait_ready(admin)
        # The start screen is chosen first.
        record = admin.locator(f"{MAIN} [data-testid='stAudioInputActionButton']")
        record.click()
        admin.wait_for_timeout(2500)
        record.click()  # the same button stops
        wait_ready(admin)
        save = admin.locator(MAIN).get_by_role("button", name="Spara inspelningen")
        expect(save).to_be_enabled(timeout=10_000)
        save.click()
        wait_ready(admin)
        expect(admin.locator(MAIN).get_by_text("Inspelningen är sparad")).to_be_visible()
    finally:
        chromium.close()
    db = open_db(app_server.db_path)
    rows = [dict(r) for r in db.query("SELECT item, language, mime_type, size FROM recordings")]
    db.conn.close()
    assert [(r["item"], r["language"], r["mime_type"]) for r in rows] == [("welcome", "sv", "audio/wav")]
    if rows[0]["size"] < 16000:  # two seconds at 16 kHz are 64 kB; less means nothing was heard
        pytest.fail(f"a recording of {rows[0]['size']} bytes")


def test_a_recording_that_cannot_play_falls_back_to_the_voice(app_server, tablet):
    broken = b"RIFF\xff\xff\x00\x00WAVEfmt " + bytes(range(256)) * 4  # a WAV header over noise the browser refuses
    db = open_db(app_server.db_path)
    recordings.save(db, ADMIN, latest_version_id(db, "barn-7-12"), "question:lyssnad", "sv", broken)
    db.conn.close()
    page = tablet
    with_voices(page, [{"lang": "sv-SE", "name": "Alva"}])
    open_first_question(page, app_server.url)
    page.locator(MAIN).get_by_role("button", name="Läs upp").tap()
    page.wait_for_function("window.__spoken.length > 0")
    assert page.evaluate("window.__spoken") == [
        {"text": "Lyssnar de vuxna på dig när du pratar?", "lang": "sv-SE", "voice": "Alva"}]
