"""Lundy's four elements in Chromium: a facilitator fills the checklist, an analyst sees it beside the results."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import expect

from barnrosten.access import accounts
from barnrosten.storage.db import open_db
from tests.e2e.conftest import screenshot
from tests.e2e.staff import log_in
from tests.e2e.tablet import MAIN, wait_ready
from tests.hostile_inputs import HOSTILE_MARKUP

PASSWORD = "en lång och bra lösenfras"
NOTE = " ".join(HOSTILE_MARKUP[:4])  # typed by staff, shown as typed
LAPTOP = {"width": 1280, "height": 800}


def test_facilitator_fills_and_analyst_sees_it_overdue(app_server, browser):
    db = open_db(app_server.db_path)
    accounts.create_user(db, "fia", PASSWORD, roles=[("facilitator", "bjorkdala")])
    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "bjorkdala")])
    db.conn.close()

    context = browser.new_context(viewport=LAPTOP, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(20_000)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, app_server.url, "fia", PASSWORD)
    page.get_by_role("link", name="Delaktighet").click()
    wait_ready(page)
    expect(page.locator(MAIN).get_by_role("heading", name="Delaktighet: Lundys fyra delar")).to_be_visible()
    form = page.locator(f"{MAIN} [data-testid='stForm']")
    form.get_by_text("Barnen kunde svara i en trygg miljö").click()
    form.get_by_label("Kort anteckning").first.fill(NOTE)
    form.get_by_text("Barnen kunde säga sin mening").click()
    influence = (date.today() - timedelta(days=3)).isoformat()
    date_box = form.locator("[data-testid='stDateInput'] input").nth(1)  # Läses senast, then Barnen får veta senast
    date_box.fill(influence)
    date_box.press("Enter")
    page.keyboard.press("Escape")
    form.get_by_role("button", name="Spara checklistan").click()
    wait_ready(page)
    expect(page.locator(MAIN).get_by_text("Checklistan är sparad.")).to_be_visible()
    expect(page.locator(MAIN).get_by_text("har passerat datumet då barnen skulle få veta")).to_be_visible()
    screenshot(page, "50-lundy-checklist")
    db = open_db(app_server.db_path)
    stored = db.execute("SELECT space_ok, voice_ok, audience_ok, space_note, influence_by FROM lundy_checklists").fetchone()
    db.conn.close()
    assert stored == (1, 1, 0, NOTE[:200], influence)
    context.close()

    context = browser.new_context(viewport=LAPTOP, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, app_server.url, "anna", PASSWORD)
    expect(page.locator(MAIN).get_by_text("har passerat datumet då barnen skulle få veta")).to_be_visible()
    page.locator(MAIN).get_by_role("tab", name="Delaktighet").click()
    wait_ready(page)
    expect(page.locator(f"{MAIN} [data-testid='stDataFrame']")).to_be_visible()
    assert page.locator(f"{MAIN} img[src='x']").count() == 0
    screenshot(page, "51-lundy-dashboard")
    assert dialogs == []
    context.close()
