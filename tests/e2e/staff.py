"""Steps staff take in the browser: log in, open a workshop to lead."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from tests.e2e.tablet import MAIN, wait_ready


def log_in(page: Page, url: str, username: str, password: str) -> None:
    page.goto(f"{url}/logga-in")
    wait_ready(page)
    page.keyboard.press("Escape")  # a cold server may show Streamlit's page-not-found notice once
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    wait_ready(page)


def open_workshop(page: Page, title: str) -> None:
    """From a logged-in facilitator's page: the workshop page, with the workshop `title` chosen."""
    page.get_by_role("link", name="Workshoppar").click()
    wait_ready(page)
    page.locator(f"{MAIN} [data-testid='stSelectbox']").nth(1).click()  # Kommun, then Workshop
    page.get_by_role("option", name=re.compile(re.escape(title))).click()
    wait_ready(page)
