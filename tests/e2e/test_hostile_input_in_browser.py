"""Hostile text typed into the code and login fields never runs, and shows literally where staff read it."""

from __future__ import annotations

from playwright.sync_api import expect

from barnrosten.access import accounts
from barnrosten.storage.db import open_db
from tests.e2e.conftest import screenshot
from tests.e2e.tablet import MAIN, wait_ready
from tests.hostile_inputs import HOSTILE_MARKUP

HOSTILE = HOSTILE_MARKUP
PASSWORD = "en lång och bra lösenfras"


def test_hostile_codes_and_user_names_never_run(app_server, browser):
    db = open_db(app_server.db_path)
    accounts.create_user(db, "admin", PASSWORD, roles=[("admin", None)])
    db.conn.close()

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(f"{app_server.url}/")
    wait_ready(page)
    for text in HOSTILE[:3]:
        page.locator(f"{MAIN} input").first.fill(text)
        page.locator(MAIN).get_by_role("button", name="Gå vidare").click()
        wait_ready(page)
    assert page.locator(f"{MAIN} img[src='x']").count() == 0

    page.goto(f"{app_server.url}/logga-in")
    wait_ready(page)
    page.keyboard.press("Escape")  # a cold server may show Streamlit's page-not-found notice once
    for text in HOSTILE:
        page.get_by_label("Användarnamn").fill(text)
        page.get_by_label("Lösenord").fill("fel lösenord här")
        page.get_by_role("button", name="Logga in").click()
        wait_ready(page)
    page.get_by_label("Användarnamn").fill("admin")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    wait_ready(page)
    # The audit log is under "View more" when the admin's menu is long.
    link = page.get_by_role("link", name="Granskningslogg")
    if not link.is_visible():
        page.get_by_test_id("stSidebarNavViewButton").click()
    link.click()
    wait_ready(page)
    expect(page.locator(MAIN).get_by_role("heading", name="Granskningslogg")).to_be_visible()
    expect(page.locator(f"{MAIN} [data-testid='stDataFrame']")).to_be_visible()
    screenshot(page, "09-audit-log-hostile")

    # Every attempt is in the log as typed (the log table is drawn on a canvas; read its data instead).
    db = open_db(app_server.db_path)
    targets = [row[0] for row in db.execute("SELECT target FROM audit_log WHERE action = 'login_failed'")]
    assert set(HOSTILE[:5]) <= set(targets)
    assert "evil" in targets and not any("\u202e" in t for t in targets)  # no right-to-left spoofing
    assert db.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'answers'").fetchone()[0] == 1
    assert dialogs == []
    assert page.locator("img[src='x']").count() == 0
    context.close()
