"""axe-core on every answering screen in every language offered to participants, in Chromium.

The languages are read when the tests are collected (`complete_languages()`), so a translation that
lands is covered at once. Each language walks the young people's survey on a shared tablet (every
question type, the follow-up, who helped, the finish screen) and the guardians' survey on their own
phone (its own wording, the quick-exit button). Read-aloud buttons are all shown (a recording for
some screens, a voice for the rest), so axe sees them too.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from barnrosten.access.roles import Principal
from barnrosten.answering import recordings
from barnrosten.answering.sessions import create_session
from barnrosten.answering.survey_store import latest_version_id, survey_for_version
from barnrosten.i18n import complete_languages, t
from barnrosten.languages import SPEECH_TAGS
from barnrosten.storage.db import open_db
from surveys import flow
from surveys.schema import localized
from tests.audio_files import wav_bytes
from tests.e2e.conftest import PHONE, screenshot
from tests.e2e.tablet import MAIN, tap_button, wait_ready

ADMIN = Principal(1, "anna", frozenset({("admin", None)}))
OFFERED = complete_languages()
GUARDIAN_CODE = "VUX367"
# Every language has a voice here, so every read-aloud button is on the screen for axe to check.
ALL_VOICES = "const VOICES = %s;" % json.dumps([{"lang": tag, "name": tag} for tag in SPEECH_TAGS.values()]) + """
Object.defineProperty(window, 'speechSynthesis', {value: {
    getVoices: () => VOICES, speak: () => {}, cancel: () => {}, addEventListener: () => {}
}});
"""


def serious_violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context={"include": [[MAIN]]})
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def next_label(lang: str) -> re.Pattern:
    return re.compile("^" + re.escape(t("question.next", lang)))


@pytest.fixture
def recorded_server(app_db_path):
    """The app, with recordings for the start screen and the first question in every offered language,
    and a guardians' session on personal phones."""
    from tests.e2e.conftest import AppServer, free_port

    db = open_db(app_db_path)
    version = latest_version_id(db, "unga-13-20")
    for lang in OFFERED:
        for item in ("welcome", "question:lyssnad"):
            recordings.save(db, ADMIN, version, item, lang, wav_bytes(0.3))
    create_session(db, "bjorkdala", latest_version_id(db, "vardnadshavare"), code=GUARDIAN_CODE, shared_device=False)
    survey = survey_for_version(db, version)
    db.conn.close()
    server = AppServer(app_db_path, free_port()).start()
    server.survey = survey
    yield server
    server.kill()


@pytest.mark.parametrize("lang", OFFERED)
def test_every_answering_screen_passes_axe(recorded_server, tablet, lang):
    page, survey = tablet, recorded_server.survey
    page.add_init_script(ALL_VOICES)
    problems: dict[str, list] = {}

    def scan(screen: str) -> None:
        expect(page.locator(f"{MAIN} h1, {MAIN} h2").first).to_be_visible()
        found = serious_violations(page)
        if found:
            problems[screen] = found
            screenshot(page, f"axe-{lang}-{screen}")

    page.goto(f"{recorded_server.url}/?lang={lang}")
    wait_ready(page)
    expect(page.locator(MAIN).get_by_role("heading", name=t("join.heading", lang))).to_be_visible()
    scan("join")
    page.goto(f"{recorded_server.url}/?code=UNG469&lang={lang}")
    wait_ready(page)
    expect(page.locator(f"{MAIN} [data-testid='read-aloud']:visible")).to_have_count(2)  # the start, the help
    scan("welcome")
    tap_button(page, t("welcome.start", lang))
    scan("profile")
    tap_button(page, t("profile.next", lang))

    first = survey.questions[0]
    answers = {first.id: 2}  # "Dåligt": brings the free-text follow-up
    scanned_types: set[str] = set()
    for question in flow.visible_questions(survey, answers):
        heading = page.locator(MAIN).get_by_role("heading").first
        expect(heading).to_contain_text(localized(question.text, lang)[:20])
        if question.type not in scanned_types:
            scanned_types.add(question.type)
            scan(f"{question.type}-{question.id}")
        if question.id == first.id:
            tap_button(page, t("face.2", lang), exact=True)
        tap_button(page, next_label(lang))
    assert scanned_types == {"faces", "text", "yes_no", "single", "multi"}
    expect(page.locator(MAIN).get_by_role("heading").first).to_contain_text(t("answered_with.question", lang))
    scan("who-helped")
    tap_button(page, re.compile("^" + re.escape(t("question.finish", lang))))
    expect(page.locator(MAIN).get_by_role("heading").first).to_contain_text(t("finish.heading", lang))
    scan("finish")
    assert problems == {}, problems


@pytest.mark.parametrize("lang", OFFERED)
def test_guardians_screens_on_a_phone_pass_axe(recorded_server, browser, lang):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.add_init_script(ALL_VOICES)
    problems: dict[str, list] = {}

    def scan(screen: str) -> None:
        found = serious_violations(page)
        if found:
            problems[screen] = found
            screenshot(page, f"axe-guardian-{lang}-{screen}")

    try:
        page.goto(f"{recorded_server.url}/?code={GUARDIAN_CODE}&lang={lang}")
        wait_ready(page)
        expect(page.locator(MAIN).get_by_role("button", name=re.compile(re.escape(t("quick_exit.label", lang)))))\
            .to_be_visible()
        scan("welcome")
        tap_button(page, t("welcome.start", lang))
        scan("profile")
        tap_button(page, t("profile.next", lang))
        scan("first-question")
        for _ in range(20):
            finish = page.locator(MAIN).get_by_role("button", name=re.compile(
                "^" + re.escape(t("question.finish", lang))))
            if finish.count():
                finish.first.tap()
                wait_ready(page)
                break
            tap_button(page, next_label(lang))
        expect(page.locator(MAIN).get_by_role("heading").first).to_contain_text(t("finish.heading", lang))
        scan("finish")
    finally:
        context.close()
    assert problems == {}, problems
