"""Retention: old free text goes, counts and themes stay; a session's or survey's data can be deleted; all audited."""

import json
from datetime import timedelta

import pytest

from barnrosten.access import accounts, audit
from barnrosten.answering import responses
from barnrosten.answering.annotation_worker import annotate_pending
from barnrosten.answering.annotations import StoredVectors
from barnrosten.answering.sessions import create_session
from barnrosten.storage.db import utc_now
from barnrosten.storage.retention import delete_session_data, delete_survey_data, purge_free_text

OLD = utc_now() - timedelta(days=800)


@pytest.fixture
def answered(db, open_session, children_survey):
    old = responses.start_participant(db, open_session["id"], "sv", now=OLD)
    new = responses.start_participant(db, open_session["id"], "sv")
    text = children_survey.question("onskan")
    responses.save_answer(db, old, text, "Busskortet räcker inte, ring Anna", now=OLD)
    responses.save_answer(db, old, children_survey.question("lyssnad"), 2, now=OLD)
    responses.save_answer(db, new, text, "Hon lyssnade på mig")
    annotate_pending(db)
    return old, new


def admin(db):
    accounts.create_user(db, "admin", "en lång och bra lösenfras", roles=[("admin", None)])
    return accounts.log_in(db, "admin", "en lång och bra lösenfras")


def test_old_free_text_is_purged_and_aggregates_stay(db, answered):
    old, new = answered
    from analysis.embeddings import text_key

    old_key, new_key = text_key("Busskortet räcker inte, ring Anna"), text_key("Hon lyssnade på mig")
    assert old_key in StoredVectors(db)  # embedded when annotated
    assert purge_free_text(db, months=24, actor="test") == 1
    assert responses.answers_for(db, old)["onskan"].value is None
    assert responses.answers_for(db, old)["lyssnad"].value == 2  # scales are not free text
    assert responses.answers_for(db, new)["onskan"].value == "Hon lyssnade på mig"
    results = [json.loads(r[0]) for r in db.execute("SELECT result FROM annotations")]
    assert all("Anna" not in json.dumps(r) for r in results)
    assert any(r["redacted"] is None and r["sentiment"] for r in results)  # sentiment kept, text gone
    assert old_key not in StoredVectors(db)
    assert new_key in StoredVectors(db)  # a text that stays keeps its vector
    assert any(e["action"] == "free_text_purged" for e in audit.entries(db, admin(db)))


def test_retention_is_at_least_a_month(db):
    with pytest.raises(ValueError):
        purge_free_text(db, months=0)


def test_deleting_a_session_removes_its_participants_answers_and_flags(db, answered, open_session, children_survey, version_ids):
    other = create_session(db, "bjorkdala", version_ids["barn-7-12"], code="UNG469")
    kept = responses.start_participant(db, other["id"], "sv")
    responses.save_answer(db, kept, children_survey.question("onskan"), "jag vill inte leva")
    assert delete_session_data(db, open_session["id"], actor="test") == 2
    assert db.execute("SELECT COUNT(*) FROM participants WHERE session_id = ?", [open_session["id"]]).fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 1
    assert [f["participant_token"] for f in responses.safety_flags(db)] == [kept]
    assert db["sessions"].get(open_session["id"])["status"] == "closed"
    assert any(e["action"] == "session_data_deleted" for e in audit.entries(db, admin(db)))


def test_deleting_a_survey_removes_all_its_sessions_data(db, answered, open_session):
    assert delete_survey_data(db, "barn-7-12", actor="test") == 2
    assert db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 0


def test_manage_commands(db_path, db, answered, capsys):
    import manage

    assert manage.main(["--db", str(db_path), "purge-free-text", "--months", "24"]) == 0
    assert "1 answers" in capsys.readouterr().out
    assert manage.main(["--db", str(db_path), "delete-data", "--session", "HEJ347"]) == 0
    assert "2 participants" in capsys.readouterr().out
    assert manage.main(["--db", str(db_path), "delete-data", "--session", "KKKKKK"]) == 2
