"""The read-aloud recordings page (/upplasning) in the real app: admins see what is recorded per language,
hear it, remove it and carry unchanged recordings to a new survey version; nobody else reaches it."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from barnrosten.access import accounts, audit
from barnrosten.access.roles import Principal
from barnrosten.answering import recordings
from barnrosten.answering.survey_store import latest_version_id, sync_survey
from tests.apptest_helpers import ROOT
from tests.audio_files import wav_bytes

PASSWORD = "en lång och bra lösenfras"
ADMIN = Principal(1, "admin", frozenset({("admin", None)}))


def staff_app(db, role) -> AppTest:
    accounts.create_user(db, "admin" if role == ("admin", None) else "someone", PASSWORD, roles=[role])
    user = "admin" if role == ("admin", None) else "someone"
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state["staff_token"] = accounts.start_session(db, accounts.log_in(db, user, PASSWORD))
    return at.run()


def open_page(db, survey_id: str = "barn-7-12") -> AppTest:
    at = staff_app(db, ("admin", None)).switch_page("pages/recordings.py").run()
    assert not at.exception
    return at.selectbox(key="rec_survey").select(survey_id).run()


def column(at: AppTest, name: str) -> list:
    return list(at.dataframe[0].value[name])


def test_admin_sees_every_item_and_what_is_recorded_per_language(config, db, version_ids):
    version = version_ids["barn-7-12"]
    recordings.save(db, ADMIN, version, "question:lyssnad", "so", wav_bytes(0.5))
    at = open_page(db)
    assert at.title[0].value == "Uppläsning"
    parts = column(at, "Del")
    assert parts[:3] == ["Startsidan", "Var du får hjälp (BRIS, 112)", "Fråga 1"]
    assert parts[-3:] == ["Sista frågan: svarade du själv?", "Hjälp efter ett oroande svar", "Tack-sidan"]
    assert set(column(at, "Inspelning")) == {"–"}  # Swedish: nothing recorded yet
    assert "Lyssnar de vuxna på dig när du pratar?" in column(at, "Text")

    at = at.selectbox(key="rec_language").select("so").run()
    assert column(at, "Inspelning")[2].startswith("✓") and column(at, "Inspelad av")[2] == "admin"
    assert column(at, "Inspelning").count("–") == len(parts) - 1
    assert "Inspelningar på Soomaali: 1 av" in at.subheader[0].value


def test_the_recording_is_heard_and_removed_with_an_audit_entry(config, db, version_ids):
    version = version_ids["barn-7-12"]
    recordings.save(db, ADMIN, version, "question:lyssnad", "sv", wav_bytes(0.5))
    at = open_page(db)
    at = at.selectbox(key=f"rec_item_{version}").select("question:lyssnad").run()
    assert "Lyssnar de vuxna på dig när du pratar?" in [m.value.replace("\\", "") for m in at.markdown]
    assert len(at.get("audio")) == 1
    at.button(key="rec_delete").click().run()
    assert not at.exception
    assert at.success[0].value == "Inspelningen är borttagen."
    assert recordings.available(db, version, "sv") == {}
    assert set(column(at, "Inspelning")) == {"–"}
    assert [e["action"] for e in audit.entries(db, ADMIN) if e["action"].startswith("recording")] == [
        "recording_deleted", "recording_saved"]


def test_saving_waits_for_a_recording_or_a_file(config, db, version_ids):
    at = open_page(db)
    assert at.button(key="rec_save_mic").disabled and at.button(key="rec_save_file").disabled


def test_unchanged_recordings_follow_a_new_version(config, db, version_ids, children_survey):
    old = version_ids["barn-7-12"]
    recordings.save(db, ADMIN, old, "help", "ti", wav_bytes(0.5))
    recordings.save(db, ADMIN, old, "question:forstar", "ti", wav_bytes(0.5))
    changed = children_survey.model_copy(deep=True)
    changed.question("forstar").text["ti"] = "ሓድሽ ሕቶ"
    new = sync_survey(db, changed)
    at = open_page(db)
    assert at.selectbox(key="rec_version_barn-7-12").value == new  # the newest version first
    at.button(key="rec_copy").click().run()
    assert at.success[0].value == "1 inspelningar kopierades."
    assert sorted(recordings.available(db, new, "ti")) == ["help"]
    copied = [e for e in audit.entries(db, ADMIN) if e["action"] == "recordings_copied"]
    assert [(e["actor"], json.loads(e["details"])["count"]) for e in copied] == [("admin", 1)]


@pytest.mark.parametrize("role", [("analyst", "bjorkdala"), ("facilitator", "bjorkdala"), ("network_viewer", None)])
def test_nobody_but_admins_reaches_the_page(config, db, version_ids, role):
    at = staff_app(db, role)
    with pytest.raises(Exception):
        at.switch_page("pages/recordings.py").run()
    assert latest_version_id(db, "barn-7-12") == version_ids["barn-7-12"]
