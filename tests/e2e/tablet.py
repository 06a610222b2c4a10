"""Steps a child takes on the tablet, by tapping."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

MAIN = '[data-testid="stMain"]'


def wait_ready(page: Page) -> None:
    """Wait until Streamlit has started and finished the run a tap caused."""
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=20_000)
    page.wait_for_timeout(200)


def tap_button(page: Page, name: str | re.Pattern, *, exact: bool = False) -> None:
    page.locator(MAIN).get_by_role("button", name=name, exact=exact).first.tap()
    wait_ready(page)


def expect_heading(page: Page, text: str) -> None:
    expect(page.locator(MAIN).get_by_role("heading", name=re.compile(re.escape(text))).first).to_be_visible()


def answer_controls(page: Page):
    """Every control a participant touches in the main area, with its box."""
    boxes = []
    for locator in page.locator(f"{MAIN} button, {MAIN} textarea, {MAIN} input, {MAIN} a").all():
        if locator.is_visible():
            box = locator.bounding_box()
            name = locator.get_attribute("aria-label") or locator.inner_text()[:30] or locator.evaluate("e => e.tagName")
            boxes.append((name, box["width"], box["height"]))
    return boxes


def open_first_question(page: Page, url: str, code: str = "HEJ347") -> None:
    """Open the join link, tap start and skip the profile: the tablet shows the first question."""
    page.goto(f"{url}/?code={code}")
    wait_ready(page)
    tap_button(page, "Jag förstår – börja")
    tap_button(page, "Nästa")


def write_low_score_follow_up(page: Page, text: str) -> None:
    """On the first question: the saddest face, then `text` in the follow-up that it brings."""
    tap_button(page, "Mycket dåligt", exact=True)
    tap_button(page, re.compile("^Nästa"))
    page.locator(f"{MAIN} textarea").fill(text)
    tap_button(page, re.compile("^Nästa"))
