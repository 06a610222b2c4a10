"""The safety queue page: the menu counts unread flags, and a reviewer marks them read and acted on."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from barnrosten.access import accounts
from tests.apptest_helpers import ROOT
from tests.responses_builder import municipalities_with_sessions, respond

PASSWORD = "en lång och bra lösenfras"


@pytest.fixture
def queue_db(config, db, version_ids):
    sessions = municipalities_with_sessions(db, version_ids)
    respond(db, sessions["alby"], text="Pappa slår mig <script>alert(1)</script> **fet**")
    respond(db, sessions["berga"], text="Jag vill inte leva längre")
    accounts.create_user(db, "fia", PASSWORD, roles=[("facilitator", "alby")])
    accounts.create_user(db, "nils", PASSWORD, roles=[("network_viewer", None)])
    return db


def logged_in(db, username: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["staff_token"] = accounts.start_session(db, accounts.log_in(db, username, PASSWORD))
    return at.run()


def test_reviewer_sees_the_count_and_works_through_the_queue(queue_db):
    at = logged_in(queue_db, "fia")
    at.switch_page("pages/safety_queue.py").run()
    assert not at.exception
    assert at.metric[0].value == "1"
    # Shown as plain text, exactly as written: no markup, no script.
    assert [t.value for t in at.text][0] == "Pappa slår mig <script>alert(1)</script> **fet**"
    key = [b.key for b in at.button if b.key and b.key.startswith("seen_")][0].removeprefix("seen_")
    at.text_input(key=f"note_{key}").input("Pratat med enhetschef")
    at.button(key=f"seen_{key}").click().run()
    assert "Markerad som läst." in [s.value for s in at.success]
    assert at.metric[0].value == "0"
    assert not at.text  # the default view lists what is still unread
    at.selectbox(key="queue_status").set_value("").run()  # every status
    history = [t.value for t in at.text if "fia" in t.value]
    assert len(history) == 1 and "Pratat med enhetschef" in history[0]
    at.button(key=f"acted_{key}").click().run()
    status = queue_db.execute("SELECT f.status FROM safety_flags f JOIN participants p ON p.token = f.participant_token "
                              "JOIN sessions s ON s.id = p.session_id WHERE s.municipality_id = 'alby'").fetchone()[0]
    assert status == "acted_on"
