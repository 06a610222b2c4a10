"""On a 390x844 phone: every new screen starts at the top, and the five faces stay in one row."""

from __future__ import annotations

import re

from tests.e2e.conftest import PHONE, screenshot
from tests.e2e.tablet import MAIN, tap_button, wait_ready

MIN_TARGET = 44


def heading_box(page):
    heading = page.locator(f"{MAIN} h1, {MAIN} h2").first
    return heading.inner_text(), heading.bounding_box()


def scroll_top(page) -> int:
    return page.evaluate("document.querySelector('[data-testid=stMain]').scrollTop")


def assert_heading_in_view(page, after: str) -> str:
    """The screen starts at the top: its heading (and what is above it, the progress) is in view."""
    text, box = heading_box(page)
    assert box is not None, f"no heading after {after}"
    assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"], f"'{text}' is off-screen after {after}: {box}"
    assert scroll_top(page) == 0, f"'{text}' opened scrolled down after {after}"
    return text


def tap_after_reading_to_the_end(page, name) -> None:
    """A child scrolls to the bottom of the screen, then taps (Playwright would only scroll as far as needed)."""
    page.evaluate("(m => m.scrollTop = m.scrollHeight)(document.querySelector('[data-testid=stMain]'))")
    page.locator(MAIN).get_by_role("button", name=name).first.tap()
    wait_ready(page)


def face_boxes(page):
    return [page.locator(f"{MAIN} [class*='st-key-face_'] button").nth(i).bounding_box() for i in range(5)]


def test_every_screen_starts_at_the_top_and_the_faces_fit_in_one_row(app_server, phone):
    page = phone
    page.goto(f"{app_server.url}/?code=UNG469")  # young people: every question type, long screens
    wait_ready(page)
    assert_heading_in_view(page, "opening the link")
    tap_after_reading_to_the_end(page, "Jag förstår – börja")
    assert_heading_in_view(page, "start")
    tap_after_reading_to_the_end(page, "Nästa")
    headings, faces_screens = [], 0
    for step in range(14):
        headings.append(assert_heading_in_view(page, f"tap {step} ({headings[-1:] or 'profile'})"))
        if page.locator(f"{MAIN} [class*='st-key-face_'] button").count():
            faces_screens += 1
            boxes = face_boxes(page)
            assert len({round(b["y"]) for b in boxes}) == 1, f"faces not in one row: {boxes}"
            assert all(b["width"] >= MIN_TARGET and b["height"] >= MIN_TARGET for b in boxes), boxes
            assert boxes[-1]["x"] + boxes[-1]["width"] <= PHONE["width"]
            if faces_screens == 1:
                screenshot(page, "phone-faces")
                tap_button(page, "Dåligt", exact=True)  # a face tap keeps the screen where it is
                assert_heading_in_view(page, "a face tap")
                tap_after_reading_to_the_end(page, re.compile("^Nästa"))
                # The follow-up: a disclosure keeps the help box above every later question, so
                # every later screen is taller than the phone.
                page.locator(f"{MAIN} textarea").fill("Ingen lyssnar. Jag vill inte leva längre.")
                tap_after_reading_to_the_end(page, re.compile("^Nästa"))
                headings.append(assert_heading_in_view(page, "the follow-up"))
        if page.locator(MAIN).get_by_role("button", name=re.compile("^Klar")).count():
            tap_after_reading_to_the_end(page, re.compile("^Klar"))
            break
        tap_after_reading_to_the_end(page, re.compile("^Nästa"))
    assert_heading_in_view(page, "the last question")
    assert "Tack" in heading_box(page)[0]
    assert faces_screens >= 4 and len(set(headings)) >= 10
