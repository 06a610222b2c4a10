"""The safety queue in Chromium under a flood: an admin sees the gravest first across municipalities and marks in bulk."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from barnrosten.access import accounts
from barnrosten.storage.db import open_db
from tests import flag_flood
from tests.e2e import staff
from tests.e2e.conftest import AppServer, free_port, screenshot
from tests.e2e.tablet import MAIN, wait_ready

PASSWORD = "en lång och bra lösenfras"
VIEWPORTS = {"laptop": {"width": 1280, "height": 800}, "tablet": {"width": 820, "height": 1180}}
FLOOD, REAL = 2_000, 42


@pytest.fixture(scope="module")
def flooded_server(tmp_path_factory):
    from barnrosten.answering.survey_store import sync_catalog
    from barnrosten.config import DEFAULT_SURVEYS_DIR
    from surveys.loader import load_surveys

    path = tmp_path_factory.mktemp("queue") / "queue.db"
    db = open_db(path)
    versions = sync_catalog(db, load_surveys(DEFAULT_SURVEYS_DIR))
    flag_flood.build(db, versions["barn-7-12"], flood=FLOOD, real=REAL, municipalities=3)
    accounts.create_user(db, "admin", PASSWORD, roles=[("admin", None)])
    db.conn.close()
    server = AppServer(path, free_port()).start()
    yield server
    server.kill()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_gravest_first_and_bulk_marking(flooded_server, browser, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    db = open_db(flooded_server.db_path)
    unread = db.execute("SELECT COUNT(*) FROM safety_flags WHERE status = 'new'").fetchone()[0]  # each run marks two
    db.conn.close()
    staff.log_in(page, flooded_server.url, "admin", PASSWORD)
    expect(page.get_by_role("link", name=re.compile(f"^Trygghet \\({unread} nya\\)"))).to_be_visible()
    page.get_by_role("link", name=re.compile("^Trygghet")).click()
    wait_ready(page)
    main = page.locator(MAIN)
    expect(main.get_by_text("Olästa, det allvarligaste först:", exact=False)).to_be_visible()
    expect(main.get_by_text(re.compile(f"1–50 av {unread:,}".replace(",", "\u00a0")
                                       + "|" + f"1–50 av {unread}")).first).to_be_visible()
    texts = main.locator("[data-testid='stText']")
    assert texts.first.inner_text().startswith("Jag vill inte leva längre")
    screenshot(page, f"23-safety-queue-flood-{viewport}")

    ticks = main.locator("[data-testid='stCheckbox'] label")
    ticks.nth(0).click()
    wait_ready(page)
    ticks.nth(1).click()
    wait_ready(page)
    expect(main.get_by_text("2 valda på den här sidan")).to_be_visible()
    texts.first.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot(page, f"24-safety-queue-selected-{viewport}")))
    main.get_by_role("button", name="Valda som lästa").click()
    wait_ready(page)
    expect(main.get_by_text("2 markerade som lästa.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(f"^Trygghet \\({unread - 2} nya\\)"))).to_be_visible()
    assert errors == []
    context.close()
