"""A child on a tablet, in Chromium at 820x1180 with touch."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from barnrosten.access.roles import Principal
from barnrosten.answering import responses
from barnrosten.results.you_said_we_did import add_action
from barnrosten.storage.db import open_db
from tests.e2e.conftest import AppServer, screenshot
from tests.e2e.tablet import (
    MAIN,
    answer_controls,
    expect_heading,
    open_first_question,
    tap_button,
    wait_ready,
    write_low_score_follow_up,
)

MIN_TARGET = 44  # CSS pixels (WCAG 2.5.5)


def token_of(page) -> str:
    return re.search(r"[?&]p=([^&]+)", page.url).group(1)


def stored(db_path, token):
    db = open_db(db_path)
    try:
        return {qid: (a.value, a.skipped) for qid, a in responses.answers_for(db, token).items()}
    finally:
        db.conn.close()


def test_child_completes_the_survey_by_taps_only(app_server, tablet):
    page = tablet
    page.goto(f"{app_server.url}/?code=HEJ347")
    wait_ready(page)
    expect_heading(page, "Hur är det att få hjälp?")
    screenshot(page, "01-start")
    tap_button(page, "Jag förstår – börja")
    token = token_of(page)
    tap_button(page, "10–12 år")
    tap_button(page, "Pojke")
    screenshot(page, "02-about-you")
    tap_button(page, "Nästa")

    expect_heading(page, "Lyssnar de vuxna på dig")
    tap_button(page, "Dåligt", exact=True)
    screenshot(page, "03-faces")
    tap_button(page, re.compile("^Nästa"))
    expect_heading(page, "Vad hade gjort det bättre?")
    screenshot(page, "04-free-text")
    tap_button(page, "Vill inte svara")
    expect_heading(page, "Förstår du vad som ska hända nu?")
    tap_button(page, "Mycket bra", exact=True)
    tap_button(page, re.compile("^Nästa"))
    tap_button(page, "Bra", exact=True)
    tap_button(page, re.compile("^Nästa"))
    tap_button(page, "Ja", exact=True)
    screenshot(page, "05-yes-no")
    tap_button(page, re.compile("^Nästa"))
    tap_button(page, "Vet inte")
    tap_button(page, re.compile("^Nästa"))
    tap_button(page, "En kompis")
    tap_button(page, "Någon i skolan")
    screenshot(page, "06-multi")
    tap_button(page, re.compile("^Nästa"))
    tap_button(page, re.compile("^Nästa"))
    expect_heading(page, "Svarade du själv eller med hjälp av en vuxen?")
    tap_button(page, "En vuxen hjälpte mig")
    screenshot(page, "06b-answered-with")
    tap_button(page, re.compile("^Klar"))
    expect_heading(page, "Tack för dina svar!")
    expect(page.locator(MAIN)).to_contain_text("116 111")
    screenshot(page, "07-finish")

    assert stored(app_server.db_path, token) == {
        "lyssnad": (2, False),
        "lyssnad_battre": (None, True),
        "forstar": (5, False),
        "snalla": (4, False),
        "samma": ("yes", False),
        "trygg": ("dont_know", False),
        "prata_med": (["skola", "kompis"], False),
    }
    db = open_db(app_server.db_path)
    participant = responses.get_participant(db, token)
    assert (participant["age_band"], participant["gender"], participant["answered_with"]) == ("10-12", "boy", "with_adult")
    assert participant["completed_at"] is not None

    # The shared tablet goes back to the start; the browser's back button shows nothing of this child.
    tap_button(page, "Jag är klar")
    expect_heading(page, "Hur är det att få hjälp?")
    assert "p=" not in page.url
    page.go_back()
    wait_ready(page)
    expect(page.locator(MAIN)).not_to_contain_text("Tack för dina svar")
    expect(page.locator(MAIN).get_by_role("button", name="Mycket bra")).to_have_count(0)


def test_every_answer_control_is_at_least_44_px(app_server, tablet):
    db = open_db(app_server.db_path)
    add_action(db, Principal(1, "anna", frozenset({("admin", None)})), "bjorkdala", theme="continuity", audience="youth",
               said="Ni sa att ni fick byta kontaktperson för ofta.", did="Nu har ni samma kontaktperson.",
               status="done", status_date="2026-10-01")  # the finish screen shows it, with its link to the rest
    db.conn.close()
    page = tablet
    page.goto(f"{app_server.url}/?code=UNG469")  # young people: every question type
    wait_ready(page)
    seen, too_small = set(), []

    def measure(screen: str):
        for name, width, height in answer_controls(page):
            seen.add(screen)
            if width < MIN_TARGET or height < MIN_TARGET:
                too_small.append((screen, name, round(width), round(height)))

    measure("join")
    tap_button(page, "Jag förstår – börja")
    measure("profile")
    tap_button(page, "Nästa")
    for step in range(12):
        heading = page.locator(MAIN).get_by_role("heading").first.inner_text()
        measure(heading)
        finish = page.locator(MAIN).get_by_role("button", name=re.compile("^Klar"))
        if finish.count():
            finish.first.tap()
            wait_ready(page)
            break
        if step == 0:
            tap_button(page, "Dåligt", exact=True)  # brings the free-text follow-up
        tap_button(page, re.compile("^Nästa"))
    expect_heading(page, "Tack för dina svar!")
    expect(page.locator(MAIN).get_by_role("link", name="Se allt som har ändrats")).to_be_visible()
    measure("finish")
    assert len(seen) >= 12
    assert too_small == []


# axe on every answering screen, in every offered language: test_axe_every_language.py


def test_server_killed_mid_survey_resumes_with_every_answer(app_server, tablet):
    page = tablet
    page.goto(f"{app_server.url}/?code=HEJ347")
    wait_ready(page)
    tap_button(page, "Jag förstår – börja")
    link = page.url
    token = token_of(page)
    tap_button(page, "7–9 år")
    tap_button(page, "Nästa")
    tap_button(page, "Mycket bra", exact=True)
    tap_button(page, re.compile("^Nästa"))
    tap_button(page, "Sådär", exact=True)
    before = stored(app_server.db_path, token)

    app_server.kill()  # power cut in the server room
    restarted = AppServer(app_server.db_path, app_server.port).start()
    try:
        page.goto(link)  # the same link, as a reload or a woken tablet would open it
        wait_ready(page)
        expect_heading(page, "Förstår du vad som ska hända nu?")
        expect(page.locator(MAIN).get_by_role("button", name=re.compile("Sådär"))).to_have_attribute(
            "data-testid", "stBaseButton-primary"
        )
        tap_button(page, re.compile("Tillbaka"))
        expect_heading(page, "Lyssnar de vuxna på dig")
        expect(page.locator(MAIN).get_by_role("button", name=re.compile("Mycket bra"))).to_have_attribute(
            "data-testid", "stBaseButton-primary"
        )
        assert before == {"lyssnad": (5, False), "forstar": (3, False)}
        assert stored(app_server.db_path, token) == before
    finally:
        restarted.kill()


def test_read_aloud_speaks_the_question_in_the_chosen_language(app_server, tablet):
    page = tablet
    page.add_init_script(
        """
        window.__spoken = [];
        Object.defineProperty(window, 'speechSynthesis', {value: {
            speak: (u) => window.__spoken.push({text: u.text, lang: u.lang}), cancel: () => {},
            getVoices: () => [{lang: 'sv-SE', name: 'Svenska'}, {lang: 'en-GB', name: 'English'}],
            addEventListener: () => {}
        }});
        """
    )
    open_first_question(page, app_server.url)
    page.get_by_role("button", name="Läs upp").tap()
    page.get_by_role("radio", name="English").tap()
    wait_ready(page)
    expect_heading(page, "Do the adults listen to you")
    page.get_by_role("button", name="Read aloud").tap()
    assert page.evaluate("window.__spoken") == [
        {"text": "Lyssnar de vuxna på dig när du pratar?", "lang": "sv-SE"},
        {"text": "Do the adults listen to you when you talk?", "lang": "en-GB"},
    ]


def test_hostile_free_text_is_stored_and_shown_literally(app_server, tablet):
    page = tablet
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = '<img src=x onerror="alert(1)"> <script>alert(2)</script> **fet** :red[röd] [x](javascript:alert(3))'
    open_first_question(page, app_server.url)
    token = token_of(page)
    write_low_score_follow_up(page, hostile)
    tap_button(page, re.compile("Tillbaka"))
    expect(page.locator(f"{MAIN} textarea")).to_have_value(hostile)
    assert page.locator(f"{MAIN} img[src='x']").count() == 0
    assert dialogs == []
    assert stored(app_server.db_path, token)["lyssnad_battre"] == (hostile, False)


def test_disclosure_shows_help_at_once_and_passes_axe(app_server, tablet):
    from axe_playwright_python.sync_playwright import Axe

    page = tablet
    open_first_question(page, app_server.url)
    write_low_score_follow_up(page, "Ingen lyssnar. Jag vill inte leva längre.")
    help_box = page.locator(MAIN).get_by_text("Tack för att du berättar")
    expect(help_box).to_be_visible()
    expect(page.locator(MAIN)).to_contain_text("116 111")
    screenshot(page, "08-safety-help")
    results = Axe().run(page, context={"include": [[MAIN]]})
    assert [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")] == []
    db = open_db(app_server.db_path)
    assert [f["categories"] for f in responses.safety_flags(db)] == [["suicidal"]]


def test_wrong_codes_slow_the_browser_down_even_in_a_new_tab(app_server, browser):
    from tests.e2e.conftest import TABLET

    def try_code(page, code):
        page.locator(MAIN).locator("input").first.fill(code)
        page.locator(MAIN).get_by_role("button", name="Gå vidare").click()
        wait_ready(page)

    context = browser.new_context(viewport=TABLET, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{app_server.url}/")
    wait_ready(page)
    for _ in range(20):  # the cookie is set by a small script after the first draw
        if any(c["name"] == "barnrosten_browser" for c in context.cookies()):
            break
        page.wait_for_timeout(200)
    assert any(c["name"] == "barnrosten_browser" for c in context.cookies())
    # A fresh tab reads the cookie when its session starts; guessing happens there.
    guesser = context.new_page()
    guesser.goto(f"{app_server.url}/")
    wait_ready(guesser)
    for _ in range(5):
        try_code(guesser, "QQQQQQ")
    # A new tab (a new Streamlit session) is still asked to wait, even with the right code.
    fresh_tab = context.new_page()
    fresh_tab.goto(f"{app_server.url}/")
    wait_ready(fresh_tab)
    try_code(fresh_tab, "HEJ347")
    expect(fresh_tab.locator(MAIN).get_by_text("Du har provat många koder")).to_be_visible()
    # Another browser (another tablet in the same room) is not slowed down.
    other = browser.new_context(viewport=TABLET, locale="sv-SE").new_page()
    other.goto(f"{app_server.url}/")
    wait_ready(other)
    try_code(other, "HEJ347")
    expect(other.locator(MAIN).get_by_role("heading", name=re.compile("Hur är det att få hjälp"))).to_be_visible()
    other.context.close()
    context.close()
