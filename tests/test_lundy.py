"""Lundy's four elements per survey round and workshop: who fills and reads them, overdue rounds, where they show.

On real SQLite files, through the page, the dashboard and the board report.
"""

from __future__ import annotations

from datetime import date

import pypdfium2
import pytest
from streamlit.testing.v1 import AppTest

from barnrosten.access import accounts
from barnrosten.access.roles import Principal
from barnrosten.results import board_report, lundy, you_said_we_did
from barnrosten.results.filters import Filters
from barnrosten.workshops import facilitation
from tests.apptest_helpers import ROOT
from tests.responses_builder import municipalities_with_sessions

PASSWORD = "en lång och bra lösenfras"
FIA = Principal(1, "fia", frozenset({("facilitator", "alby")}))
ANNA = Principal(2, "anna", frozenset({("analyst", "alby")}))
BERIT = Principal(3, "berit", frozenset({("analyst", "berga"), ("facilitator", "berga")}))
ADMIN = Principal(4, "root", frozenset({("admin", None)}))
TODAY = date.today()
FILTERS = Filters(municipality="alby", start=f"{TODAY.year}-01", end=f"{TODAY.year}-12")
NOTES = {"space": "Barnen valde själva var de satt", "voice": "Det gick att svara utan ord",
         "audience": "Enhetschefen läser", "influence": "Ni sa – vi gjorde på skolan"}


@pytest.fixture
def rounds(db, version_ids):
    return municipalities_with_sessions(db, version_ids)


def fill(db, session_id: int, influence_by: str | None = "2026-12-01", **changes) -> dict:
    values = {"ticks": {e: True for e in lundy.ELEMENTS}, "notes": NOTES, "audience_by": "2026-11-15",
              "influence_by": influence_by, **changes}
    return lundy.save(db, FIA, session_id=session_id, **values)


def test_the_facilitator_fills_the_checklist_and_the_analyst_reads_it(db, rounds):
    saved = fill(db, rounds["alby"]["id"])
    assert saved["ticks"] == {e: True for e in lundy.ELEMENTS} and saved["notes"] == NOTES
    assert lundy.checklist(db, ANNA, session_id=rounds["alby"]["id"])["influence_by"] == "2026-12-01"
    again = fill(db, rounds["alby"]["id"], ticks={"space": True})  # a second save changes the same row
    assert again["ticks"]["voice"] is False
    assert db.execute("SELECT COUNT(*) FROM lundy_checklists").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'lundy_saved'").fetchone()[0] == 2


@pytest.mark.parametrize("who", [ANNA, BERIT, None])
def test_only_the_municipalitys_facilitators_and_admins_fill_it(db, rounds, who):
    with pytest.raises(PermissionError):
        lundy.save(db, who, session_id=rounds["alby"]["id"], ticks={"space": True})
    lundy.save(db, ADMIN, session_id=rounds["alby"]["id"], ticks={"space": True})


def test_another_municipality_reads_nothing(db, rounds):
    fill(db, rounds["alby"]["id"])
    with pytest.raises(PermissionError):
        lundy.checklist(db, BERIT, session_id=rounds["alby"]["id"])
    with pytest.raises(PermissionError):
        lundy.activities(db, BERIT, "alby")
    with pytest.raises(PermissionError):
        lundy.overdue(db, BERIT, "alby")


@pytest.mark.parametrize("bad", ["2026-13-01", "i morgon", "2026-2-1", "2026-02-30"])
def test_a_wrong_date_is_refused(db, rounds, bad):
    with pytest.raises(lundy.InvalidChecklist):
        fill(db, rounds["alby"]["id"], influence_by=bad)
    assert db.execute("SELECT COUNT(*) FROM lundy_checklists").fetchone()[0] == 0


def test_notes_are_cleaned_and_cut(db, rounds):
    saved = fill(db, rounds["alby"]["id"], notes={"space": "a\u202e\x00b" + "x" * 500})
    assert saved["notes"]["space"].startswith("ab") and len(saved["notes"]["space"]) <= lundy.MAX_NOTE


def test_a_round_past_its_influence_date_is_overdue_until_an_action_is_published(db, rounds):
    fill(db, rounds["alby"]["id"], influence_by="2026-12-01")
    after = date(2026, 12, 2)
    assert [r["id"] for r in lundy.overdue(db, ANNA, "alby", today=after)] == [rounds["alby"]["id"]]
    assert lundy.overdue(db, ANNA, "alby", today=date(2026, 12, 1)) == []  # the day itself is not late
    # A draft (not published) does not count; a published action does.
    you_said_we_did.add_action(db, ANNA, "alby", theme="continuity", audience="children", said="Ni sa att…",
                               did="Vi ska…", status="planned", status_date="2026-12-01", published=False)
    assert lundy.overdue(db, ANNA, "alby", today=after)
    you_said_we_did.add_action(db, ANNA, "alby", theme="continuity", audience="children", said="Ni sa att…",
                               did="Vi gjorde…", status="done", status_date="2026-12-01")
    assert lundy.overdue(db, ANNA, "alby", today=after) == []


def test_an_action_from_before_the_round_does_not_answer_it(db, rounds):
    you_said_we_did.add_action(db, ANNA, "alby", theme="continuity", audience="children", said="Ni sa att…",
                               did="Vi gjorde…", status="done", status_date="2026-01-01")
    db.execute("UPDATE actions SET created_at = '2025-01-01T10:00:00+00:00'")
    db.conn.commit()
    fill(db, rounds["alby"]["id"], influence_by="2026-12-01")
    assert lundy.overdue(db, ANNA, "alby", today=date(2027, 1, 1))


def test_overdue_is_for_the_municipalitys_analysts(db, rounds):
    with pytest.raises(PermissionError):
        lundy.overdue(db, FIA, "alby")


def test_workshops_have_a_checklist_too_and_their_survey_part_is_not_a_round(db, rounds, version_ids):
    made = facilitation.create_workshop(db, FIA, "alby", title="Unga i Alby", audience="youth",
                                        activities=[{"kind": "survey", "settings": {"survey_id": "unga-13-20"}},
                                                    {"kind": "ideas"}])
    lundy.save(db, FIA, workshop_id=made["id"], ticks={"voice": True}, notes={"voice": "Lappar och prickar"})
    rows = lundy.activities(db, ANNA, "alby")
    assert [(r["kind"], r["label"]) for r in rows] == [("workshop", "Unga i Alby"), ("survey", "barn-7-12")]
    assert rows[0]["checklist"]["notes"]["voice"] == "Lappar och prickar" and not rows[0]["complete"]
    assert rows[1]["checklist"] is None


def pdf_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def test_the_board_reports_method_section_has_the_four_elements(db, rounds):
    fill(db, rounds["alby"]["id"], influence_by="2026-12-01")
    text = pdf_text(board_report.board_report(db, ANNA, FILTERS, 5, "sv", "Alby kommun"))
    method, rest = text.split("Delaktighet (Lundys modell)", 1)
    assert "Så har vi frågat" in method
    assert "Barnen valde själva var de satt" in rest and "Rum:" in rest and "Inflytande:" in rest
    assert "(senast 2026-12-01)" in rest
    assert rest.index("Barnen valde") < rest.index("Nyckeltal")  # in the method section, before the figures
    english = pdf_text(board_report.board_report(db, ANNA, FILTERS, 5, "en", "Alby"))
    assert "Participation (Lundy's model)" in english and "Space:" in english


# --- In the app -------------------------------------------------------------------------------------------------


@pytest.fixture
def app_db(config, db, rounds):
    accounts.create_user(db, "fia", PASSWORD, roles=[("facilitator", "alby")])
    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "alby")])
    return db


def staff(db, username: str, page: str | None = None, **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["staff_token"] = accounts.start_session(db, accounts.log_in(db, username, PASSWORD))
    at.query_params.update(query)
    at.run()
    return at.switch_page(page).run() if page else at


def test_the_facilitator_fills_the_checklist_on_the_participation_page(app_db, rounds):
    at = staff(app_db, "fia", "pages/participation.py")
    assert not at.exception
    prefix = f"lundy_survey_{rounds['alby']['id']}"
    at.checkbox(key=f"{prefix}_space_ok").check()
    at.text_input(key=f"{prefix}_space_note").input("Barnen valde själva var de satt")
    at.date_input(key=f"{prefix}_influence_by").set_value(date(2026, 12, 1))
    at.button[0].click().run()  # the form's submit button
    assert not at.exception
    saved = lundy.checklist(app_db, ANNA, session_id=rounds["alby"]["id"])
    assert saved["ticks"]["space"] and not saved["ticks"]["voice"]
    assert saved["notes"]["space"] == "Barnen valde själva var de satt" and saved["influence_by"] == "2026-12-01"
    assert "Checklistan är sparad." in [s.value for s in at.success]


def test_the_analyst_sees_the_checklist_beside_the_results_and_what_is_overdue(app_db, rounds):
    fill(app_db, rounds["alby"]["id"], influence_by="2026-01-02")  # long past, and nothing published
    at = staff(app_db, "anna", fran=FILTERS.start, till=FILTERS.end, flik="Delaktighet")
    assert not at.exception
    assert any("passerat datumet" in w.value for w in at.warning)
    table = next(d.value for d in at.dataframe if "Läge" in d.value.columns)
    assert list(table["Läge"]) == ["Försenad återkoppling"]
    assert "Barnen valde själva var de satt" in table["Rum"].iloc[0]
    analyst_page = staff(app_db, "anna", "pages/participation.py")
    assert not analyst_page.exception and not analyst_page.main.button  # analysts read; facilitators fill


def test_the_page_is_not_there_for_a_network_viewer(app_db):
    accounts.create_user(app_db, "nils", PASSWORD, roles=[("network_viewer", None)])
    at = staff(app_db, "nils")
    with pytest.raises(Exception):
        at.switch_page("pages/participation.py").run()
