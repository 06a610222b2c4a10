"""Quick exit on a young person's own phone: one tap leaves for a neutral page, Back does not return,
and what was already saved stays saved."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from barnrosten.answering import responses
from barnrosten.answering.sessions import create_session
from barnrosten.answering.survey_store import latest_version_id
from barnrosten.storage.db import open_db
from tests.e2e.conftest import PHONE, AppServer, free_port, screenshot
from tests.e2e.tablet import MAIN, tap_button, wait_ready

NEUTRAL = "https://vader.example/"


@pytest.fixture
def personal_server(app_db_path):
    db = open_db(app_db_path)
    create_session(db, "bjorkdala", latest_version_id(db, "unga-13-20"), code="UNG479", shared_device=False)
    db.conn.close()
    server = AppServer(app_db_path, free_port(), {"BARNROSTEN_QUICK_EXIT_URL": NEUTRAL}).start()
    yield server
    server.kill()


@pytest.fixture
def phone_with_history(browser):
    """A phone whose tab has been somewhere before the survey link (a message app, a search)."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, locale="sv-SE")
    context.route(re.compile(r"https://(vader|tidigare)\.example/.*"), lambda route: route.fulfill(
        content_type="text/html; charset=utf-8", body="<!doctype html><title>Väder</title><h1>Väder i dag</h1>"))
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("https://tidigare.example/")
    yield page
    context.close()


def test_one_tap_leaves_and_back_does_not_return(personal_server, phone_with_history):
    page = phone_with_history
    page.goto(f"{personal_server.url}/?code=UNG479")
    wait_ready(page)
    quick = page.get_by_test_id("quick-exit")
    expect(quick).to_be_visible()
    tap_button(page, "Jag förstår – börja")
    token = re.search(r"[?&]p=([^&]+)", page.url).group(1)
    tap_button(page, "Nästa")
    tap_button(page, "Bra", exact=True)
    tap_button(page, re.compile("^Nästa"))
    tap_button(page, "Ja", exact=True)
    screenshot(page, "phone-quick-exit")
    # Always in view, however far the page is scrolled, and big enough for a thumb.
    page.evaluate("(m => m.scrollTop = m.scrollHeight)(document.querySelector('[data-testid=stMain]'))")
    box = quick.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    assert box["width"] >= 44 and box["height"] >= 44
    entries = page.evaluate("history.length")

    quick.tap()
    page.wait_for_url(NEUTRAL, timeout=5_000)
    expect(page.get_by_role("heading", name="Väder i dag")).to_be_visible()
    assert page.evaluate("history.length") == entries  # replaced, not added
    page.go_back()
    assert page.url == "https://tidigare.example/"  # where the phone was before the survey, not the survey

    db = open_db(personal_server.db_path)
    try:
        stored = {qid: a.value for qid, a in responses.answers_for(db, token).items()}
        assert stored == {"lyssnad": 4, "paverka": "yes"}  # what was saved stays saved
        participant = responses.get_participant(db, token)
        assert participant["ended_at"] is not None and participant["completed_at"] is None
    finally:
        db.conn.close()

    # The old link, typed back in from the browser's history list, opens nothing of theirs.
    page.goto(f"{personal_server.url}/?code=UNG479&p={token}")
    wait_ready(page)
    expect(page.locator(MAIN)).not_to_contain_text("Har du kunnat påverka")
    expect(page.locator(MAIN).get_by_role("button", name="Ja", exact=True)).to_have_count(0)
    expect(page.locator(MAIN)).to_contain_text("avslutad")


def test_leaves_even_when_the_server_does_not_answer(personal_server, phone_with_history):
    page = phone_with_history
    page.goto(f"{personal_server.url}/?code=UNG479")
    wait_ready(page)
    personal_server.kill()
    page.get_by_test_id("quick-exit").tap()
    page.wait_for_url(NEUTRAL, timeout=5_000)
    assert page.url == NEUTRAL
    assert "UNG479" not in page.content()  # nothing of the survey is left on the screen


def test_not_on_a_shared_tablet(app_server, tablet):
    tablet.goto(f"{app_server.url}/?code=UNG469")  # the same survey on the room's tablet
    wait_ready(tablet)
    expect(tablet.locator(MAIN).get_by_role("heading").first).to_be_visible()
    assert tablet.get_by_role("button", name=re.compile("Lämna snabbt")).count() == 0
