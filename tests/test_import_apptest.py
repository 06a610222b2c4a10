"""The import screen in the real app: upload, map, see the problems, confirm, and the answers are there."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from barnrosten.access import accounts
from tests.apptest_helpers import ROOT
from tests.test_import import CSV

PASSWORD = "en lång och bra lösenfras"


@pytest.fixture
def importer_db(config, open_session, db):
    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "bjorkdala")])
    return db


def import_page(db) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["staff_token"] = accounts.start_session(db, accounts.log_in(db, "anna", PASSWORD))
    at.run()
    return at.switch_page("pages/import_data.py").run()


def participants(db) -> int:
    return db.execute("SELECT COUNT(*) FROM participants").fetchone()[0]


def test_upload_map_preview_and_import(importer_db):
    at = import_page(importer_db)
    at.selectbox(key="import_survey").set_value("barn-7-12").run()
    at.file_uploader(key="import_file").set_value(("svar.csv", CSV.encode("utf-8"), "text/csv")).run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric} == {"Rader som kan importeras": "5", "Rader som inte kan importeras": "2"}
    problems = at.dataframe[1].value  # the preview, then the problems
    assert set(problems["Rad"]) == {5, 6}
    assert "Datumet går inte att läsa (skriv till exempel 2026-03-15)" in set(problems["Vad är fel"])
    assert at.button(key="import_button").disabled  # nothing is stored before the user confirms
    assert participants(importer_db) == 0
    at.checkbox(key="import_confirm").check().run()
    at.button(key="import_button").click().run()
    assert "Klart! 5 svar är importerade." in " ".join(s.value for s in at.success)
    assert participants(importer_db) == 5


def test_a_file_that_cannot_be_read_gets_a_kind_message(importer_db):
    at = import_page(importer_db)
    at.file_uploader(key="import_file").set_value(("svar.csv", b"Datum;Datum\n2026-01-01;1\n", "text/csv")).run()
    assert "Två kolumner har samma namn" in " ".join(e.value for e in at.error)
    assert participants(importer_db) == 0
