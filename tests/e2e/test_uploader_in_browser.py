"""The import screen's file uploader in Chromium: our words, none of Streamlit's English, and it still uploads."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from barnrosten.access import accounts
from barnrosten.answering.survey_store import ensure_municipality, sync_catalog
from barnrosten.config import DEFAULT_SURVEYS_DIR
from barnrosten.storage.db import open_db
from surveys.loader import load_surveys
from tests.e2e import staff
from tests.e2e.conftest import AppServer, free_port, screenshot
from tests.e2e.tablet import MAIN, wait_ready

PASSWORD = "en lång och bra lösenfras"
CSV = "Datum;lyssnad\n2026-09-01;4\n2026-09-02;5\n".encode()


@pytest.fixture
def server(tmp_path):
    path = tmp_path / "uploads.db"
    db = open_db(path)
    sync_catalog(db, load_surveys(DEFAULT_SURVEYS_DIR))
    ensure_municipality(db, "alby", "Alby kommun")
    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "alby")])
    db.conn.close()
    app = AppServer(path, free_port()).start()
    yield app
    app.kill()


def pseudo_content(page, selector: str, pseudo: str) -> str:
    return page.locator(selector).first.evaluate(f"e => getComputedStyle(e, '{pseudo}').content")


def test_the_uploader_speaks_swedish_and_uploads(server, browser):
    page = browser.new_context(viewport={"width": 1280, "height": 800}, locale="sv-SE").new_page()
    page.set_default_timeout(30_000)
    staff.log_in(page, server.url, "anna", PASSWORD)
    page.get_by_role("link", name="Importera").click()
    wait_ready(page)
    uploader = page.locator(f"{MAIN} [data-testid='stFileUploader']")
    expect(uploader).to_be_visible()
    shown = uploader.inner_text()
    for english in ("Upload", "upload", "Drag and drop", "per file", "Browse"):
        assert english not in shown, (english, shown)
    dropzone = f"{MAIN} [data-testid='stFileUploaderDropzone']"
    assert pseudo_content(page, dropzone, "::before") == '"Dra hit en fil, eller"'
    assert pseudo_content(page, f"{dropzone} button", "::after") == '"Välj fil"'
    expect(page.get_by_text("Högst 10 MB. CSV eller Excel (.xlsx).")).to_be_visible()
    screenshot(page, "import-uploader-sv")
    page.locator(f"{dropzone} input[type=file]").set_input_files(
        {"name": "svar.csv", "mimeType": "text/csv", "buffer": CSV})
    wait_ready(page)
    expect(page.get_by_text("Vilken kolumn är vad?")).to_be_visible()  # the file was read: the mapping step
