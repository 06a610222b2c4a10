"""No Streamlit menu and no English hints on a participant's screen; staff keep their menu."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from barnrosten.access import accounts
from barnrosten.storage.db import open_db
from tests.e2e import staff
from tests.e2e.tablet import MAIN, open_first_question, tap_button, wait_ready, write_low_score_follow_up

PASSWORD = "en lång och bra lösenfras"
MENU = '[data-testid="stMainMenu"]'
# Streamlit's own words that a child must never meet.
ENGLISH = re.compile(r"Press Enter|Ctrl\+Enter|⌘\+Enter|to apply|to submit|Made with Streamlit|Record a screencast|Print|\d+/\d+")


def assert_no_streamlit_chrome(page, screen: str) -> None:
    assert page.locator(MENU).filter(visible=True).count() == 0, f"the ⋮ menu is reachable on {screen}"
    assert page.get_by_role("button", name=re.compile("menu", re.I)).filter(visible=True).count() == 0
    visible_text = page.locator("body").inner_text()
    assert not ENGLISH.search(visible_text), f"Streamlit's English on {screen}: {ENGLISH.search(visible_text)[0]}"


def test_participant_screens_have_no_menu_and_no_english_hints(app_server, tablet):
    page = tablet
    page.goto(f"{app_server.url}/")
    wait_ready(page)
    page.locator(f"{MAIN} input").first.fill("HEJ")  # typing shows Streamlit's "Press Enter to submit form"
    page.wait_for_timeout(300)
    assert_no_streamlit_chrome(page, "join, typing")
    page.keyboard.press("Escape")
    open_first_question(page, app_server.url)
    assert_no_streamlit_chrome(page, "a question")
    tap_button(page, "Mycket dåligt", exact=True)
    tap_button(page, re.compile("^Nästa"))
    page.locator(f"{MAIN} textarea").fill("Det var svårt att säga något.")  # shows "Press Ctrl+Enter to apply" and "29/300"
    page.wait_for_timeout(300)
    assert_no_streamlit_chrome(page, "free text, typing")
    expect(page.locator(MAIN)).to_contain_text("Du kan skriva högst 300 tecken")
    # Keyboard users cannot reach it either: no focusable element outside the main area.
    page.locator(MAIN).get_by_role("button", name=re.compile("^Nästa")).focus()
    outside = page.evaluate(
        """() => [...document.querySelectorAll('button, a, [tabindex]')]
             .filter(e => !e.closest('[data-testid="stMain"]') && e.offsetParent !== null && e.tabIndex >= 0)
             .map(e => e.getAttribute('data-testid') || e.tagName)"""
    )
    assert outside == []


def test_staff_keep_their_menu(app_server, tablet):
    db = open_db(app_server.db_path)
    accounts.create_user(db, "sara", PASSWORD, roles=[("admin", None)])
    db.conn.close()
    page = tablet
    staff.log_in(page, app_server.url, "sara", PASSWORD)
    expect(page.locator(MENU)).to_be_visible()
