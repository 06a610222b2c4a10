"""Staff in Chromium: the dashboard at laptop and tablet size, a real download, and staff-typed text shown literally."""

from __future__ import annotations

import io
import re
from datetime import date
from urllib.parse import quote_plus

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from barnrosten.access import accounts
from barnrosten.demo import seed_demo
from barnrosten.storage.db import open_db
from surveys.loader import load_surveys
from tests.e2e import staff
from tests.e2e.conftest import ROOT, AppServer, free_port, screenshot
from tests.e2e.tablet import MAIN, wait_ready
from tests.hostile_inputs import HOSTILE_MARKUP

PASSWORD = "en lång och bra lösenfras"
VIEWPORTS = {"laptop": {"width": 1280, "height": 800}, "tablet": {"width": 820, "height": 1180}}
TABS = ["Frågor", "Teman", "Över tid", "Kön och ålder", "Jämförelse", "Rapporter och export"]


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """The app on fictional demo data (3,000 responses) with an analyst of the first demo municipality."""
    path = tmp_path_factory.mktemp("dashboard") / "demo.db"
    db = open_db(path)
    seed_demo(db, load_surveys(ROOT / "surveys" / "templates"), responses=3000, seed=1, anchor=date.today())
    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "bjorkdala")])
    db.conn.close()
    server = AppServer(path, free_port()).start()
    yield server
    server.kill()


def log_in(page, url: str) -> None:
    staff.log_in(page, url, "anna", PASSWORD)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_dashboard_every_tab_at_laptop_and_tablet_size(demo_server, browser, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, demo_server.url)
    expect(page.locator(MAIN).get_by_role("heading", name="Översikt")).to_be_visible()
    expect(page.locator(f"{MAIN} [data-testid='stMetric']").first).to_be_visible()
    assert "kommun=bjorkdala" in page.url  # the filters are in the address, to share the view
    charts = 0
    for number, tab in enumerate(TABS):
        page.get_by_role("tab", name=tab).click()
        wait_ready(page)
        page.wait_for_timeout(600)  # charts draw after the run
        screenshot(page, f"20-dashboard-{viewport}-{number}")
        charts += page.locator(f"{MAIN} [data-testid='stVegaLiteChart']").count()
        if number:
            assert f"flik={quote_plus(tab)}" in page.url  # the open tab is part of the shared link
    assert charts >= 5
    # Nothing wider than the screen: the dashboard reads on a tablet without sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    assert errors == []
    context.close()


def test_excel_download_is_real_and_logged(demo_server, browser):
    context = browser.new_context(viewport=VIEWPORTS["laptop"], accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    log_in(page, demo_server.url)
    page.get_by_role("tab", name="Rapporter och export").click()
    wait_ready(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Ladda ner alla tabeller (Excel)").click()
    book = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    assert book.sheetnames[0] == "Om siffrorna" and "Teman" in book.sheetnames
    db = open_db(demo_server.db_path)
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND actor = 'anna'").fetchone()[0] == 1
    db.conn.close()
    context.close()


def test_staff_text_shows_literally_on_the_public_page(demo_server, browser):
    context = browser.new_context(viewport=VIEWPORTS["tablet"], locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(20_000)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, demo_server.url)
    page.get_by_role("link", name="Ni sa – vi gjorde").click()
    wait_ready(page)
    said = " ".join(HOSTILE_MARKUP[:4])
    page.get_by_role("textbox", name="Ni sa").fill(said)
    page.get_by_role("textbox", name="Vi gjorde").fill(HOSTILE_MARKUP[4] + " " + HOSTILE_MARKUP[5])
    page.get_by_role("button", name="Spara åtgärden").click()
    wait_ready(page)
    expect(page.get_by_text("Åtgärden är sparad.")).to_be_visible()

    public = context.new_page()
    public.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    public.goto(f"{demo_server.url}/ni-sa-vi-gjorde?kommun=bjorkdala")
    wait_ready(public)
    public.keyboard.press("Escape")
    shown = public.locator(MAIN).inner_text().replace("\u2060", "")  # word joiners are invisible
    for text in HOSTILE_MARKUP[:4]:
        assert text in shown
    assert "'; DROP TABLE answers; --" in shown  # not turned into a dash either
    assert public.locator(f"{MAIN} [data-testid='stIconMaterial']").count() == 0
    assert public.locator(f"{MAIN} img[src='x']").count() == 0
    assert public.locator(f"{MAIN} a[href^='javascript']").count() == 0
    screenshot(public, "21-public-you-said-we-did")
    assert dialogs == []
    context.close()


def test_a_hostile_note_in_the_safety_queue_shows_literally(demo_server, browser):
    from barnrosten.answering import responses
    from barnrosten.answering.sessions import find_session
    from barnrosten.answering.survey_store import survey_for_version

    db = open_db(demo_server.db_path)
    session = find_session(db, "HEJ347").session
    question = survey_for_version(db, session["survey_version_id"]).question("onskan")
    token = responses.start_participant(db, session["id"], "sv")
    responses.save_answer(db, token, question, "Pappa slår mig")
    db.conn.close()

    context = browser.new_context(viewport=VIEWPORTS["laptop"], locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(20_000)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, demo_server.url)
    page.get_by_role("link", name=re.compile("^Trygghet")).click()
    wait_ready(page)
    assert "Pappa slår mig" in page.locator(MAIN).inner_text()
    note = " ".join(HOSTILE_MARKUP)
    page.locator(MAIN).get_by_label("Anteckning (valfri, t.ex. vad som gjordes)").first.fill(note)
    page.locator(MAIN).get_by_role("button", name="Markera som läst").first.click()
    wait_ready(page)
    # The default view lists the unread; the note shows in the flag's history under every status.
    status = page.locator(f"{MAIN} [data-testid='stSelectbox'] input").first  # Läge
    status.click()
    status.press("ArrowDown")  # opens the list even when the click only focused it
    page.get_by_role("option", name="Alla").click()
    wait_ready(page)
    shown = page.locator(MAIN).inner_text()
    assert '<img src=x onerror="alert(1)">' in shown and "[klicka](javascript:alert(3))" in shown
    assert page.locator(f"{MAIN} img[src='x']").count() == 0
    screenshot(page, "22-safety-queue")
    assert dialogs == []
    context.close()
