"""In Chromium: a stranger's browser that guesses Anna's password is asked to wait; Anna, in hers, logs in."""

from __future__ import annotations

from playwright.sync_api import expect

from barnrosten.access import accounts
from barnrosten.access.login_throttle import MAX_PER_CLIENT_AND_NAME
from barnrosten.storage.db import open_db
from tests.e2e.conftest import screenshot
from tests.e2e.tablet import MAIN, wait_ready

PASSWORD = "en lång och bra lösenfras"
WRONG, WAIT = "Fel användarnamn eller lösenord.", "För många försök. Vänta en stund och försök igen."


def try_password(page, username: str, password: str) -> str:
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    wait_ready(page)
    alerts = page.locator(f"{MAIN} [data-testid='stAlertContentError']")
    return alerts.first.inner_text() if alerts.count() else ""


def open_login(page, url: str) -> None:
    page.goto(f"{url}/logga-in")
    wait_ready(page)
    page.keyboard.press("Escape")  # a cold server may show Streamlit's page-not-found notice once


def test_a_stranger_is_slowed_and_anna_gets_in(app_server, browser):
    db = open_db(app_server.db_path)
    accounts.create_user(db, "anna", PASSWORD, roles=[("admin", None)])
    db.conn.close()
    stranger = browser.new_context(viewport={"width": 1280, "height": 800}, locale="sv-SE").new_page()
    open_login(stranger, app_server.url)
    open_login(stranger, app_server.url)  # the second visit carries the browser's cookie
    assert stranger.context.cookies()[0]["name"] == "barnrosten_browser"
    answers = [try_password(stranger, "anna", "fel lösenord här") for _ in range(MAX_PER_CLIENT_AND_NAME + 1)]
    assert answers == [WRONG] * MAX_PER_CLIENT_AND_NAME + [WAIT]
    # A made-up name answers the same way; a reload starts nothing over (the count follows the cookie).
    open_login(stranger, app_server.url)
    made_up = [try_password(stranger, "annika", "fel lösenord här") for _ in range(MAX_PER_CLIENT_AND_NAME + 1)]
    assert made_up == answers
    assert try_password(stranger, "anna", PASSWORD) == WAIT
    screenshot(stranger, "25-login-wait")

    anna = browser.new_context(viewport={"width": 1280, "height": 800}, locale="sv-SE").new_page()
    open_login(anna, app_server.url)
    assert try_password(anna, "anna", PASSWORD) == ""
    expect(anna.get_by_role("button", name="Logga ut")).to_be_visible()
    stranger.context.close()
    anna.context.close()
