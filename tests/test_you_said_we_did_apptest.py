""""Ni sa – vi gjorde" in the real app: staff write it, children read it on the finish screen and the open page."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from barnrosten.access import accounts
from barnrosten.results import you_said_we_did
from tests.apptest_helpers import ROOT, first_question, heading, next_to_the_end, page_text, tap

PASSWORD = "en lång och bra lösenfras"
SAID = "Ni sa att ni fick byta socialsekreterare för ofta. <script>alert(1)</script>"
DID = "Nu får varje barn samma socialsekreterare hela utredningen."


@pytest.fixture
def staff(config, open_session, db):
    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "bjorkdala")])
    return db


def staff_page(db) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["staff_token"] = accounts.start_session(db, accounts.log_in(db, "anna", PASSWORD))
    at.run()
    return at.switch_page("pages/actions.py").run()


def test_analyst_adds_an_action_and_children_see_it(staff, children_survey):
    at = staff_page(staff)
    at.selectbox(key="action_theme").set_value("continuity")
    at.selectbox(key="action_audience").set_value("children")
    at.text_area(key="action_said").input(SAID)
    at.text_area(key="action_did").input(DID)
    at.button[0].click().run()  # the form's submit button
    assert "Åtgärden är sparad." in [s.value for s in at.success]
    assert you_said_we_did.public_actions(staff, "bjorkdala", "children")[0]["said"] == SAID

    # A child finishing the survey in the same municipality reads it.
    child, token = first_question("HEJ347")
    child = tap(child, "lyssnad_1")  # a low score shows the follow-up question too
    child = next_to_the_end(child, token, children_survey)
    assert "Tack för dina svar!" in heading(child)
    text = page_text(child)
    assert "Det här har ändrats" in text and "samma socialsekreterare hela utredningen" in text
    assert "\\<script\\>" in text  # escaped: shown as text, never run

    public = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    public.query_params["kommun"] = "bjorkdala"
    public.run()
    public.switch_page("pages/you_said_we_did.py").run()
    assert not public.exception
    assert "samma socialsekreterare hela utredningen" in page_text(public)


def test_a_missing_field_gets_a_kind_message_and_keeps_the_text(staff):
    at = staff_page(staff)
    at.text_area(key="action_did").input(DID)
    at.button[0].click().run()
    assert "Skriv vad barnen sa." in [e.value for e in at.error]
    assert at.text_area(key="action_did").value == DID
    assert you_said_we_did.actions_for_staff(staff, staff_principal(staff), "bjorkdala") == []


def test_unpublishing_hides_it_from_children(staff):
    principal = staff_principal(staff)
    action_id = you_said_we_did.add_action(staff, principal, "bjorkdala", theme=None, audience="all", said="Ni sa A.",
                                           did="Vi gjorde B.", status="planned", status_date="2026-11-01")
    at = staff_page(staff)
    at.checkbox(key=f"published_{action_id}").uncheck()
    at.button(key=f"update_{action_id}").click().run()
    assert you_said_we_did.public_actions(staff, "bjorkdala") == []


def staff_principal(db):
    return accounts.log_in(db, "anna", PASSWORD)
