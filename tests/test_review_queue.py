"""The safeguarding queue: every flag reaches a person of the right municipality, with its history."""

from __future__ import annotations

import json

import pytest

from barnrosten.access.roles import Principal
from barnrosten.answering.annotation_worker import annotate_pending
from barnrosten.answering.annotations import text_hash
from barnrosten.safeguarding import review_queue
from tests.responses_builder import municipalities_with_sessions, respond

ANALYST_A = Principal(1, "anna", frozenset({("analyst", "alby")}))
FACILITATOR_A = Principal(2, "fia", frozenset({("facilitator", "alby")}))
ANALYST_B = Principal(3, "bo", frozenset({("analyst", "berga")}))
NETWORK = Principal(4, "nils", frozenset({("network_viewer", None)}))
DISCLOSURE = "Pappa slår mig när Anna Svensson har gått hem"


@pytest.fixture
def flagged(db, version_ids):
    sessions = municipalities_with_sessions(db, version_ids)
    respond(db, sessions["alby"], text=DISCLOSURE)
    respond(db, sessions["alby"], text="Det är bra nu")
    respond(db, sessions["berga"], text="Jag vill inte leva längre")
    return sessions


def test_a_disclosure_is_in_its_municipalitys_queue_redacted(db, flagged):
    rows = review_queue.queue(db, ANALYST_A, "alby")
    assert len(rows) == 1
    assert rows[0]["status"] == "new" and "violence" in rows[0]["categories"]
    assert "[NAMN]" in rows[0]["redacted"] and "Anna Svensson" not in json.dumps(rows)
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'safety_queue_viewed'").fetchone()[0] == 1


def test_status_changes_keep_who_and_when(db, flagged):
    key = review_queue.queue(db, FACILITATOR_A, "alby")[0]["key"]
    review_queue.set_status(db, FACILITATOR_A, key, "seen")
    review_queue.set_status(db, ANALYST_A, key, "acted_on", note="Anmälan gjord enligt rutin")
    row = review_queue.queue(db, ANALYST_A, "alby")[0]
    assert row["status"] == "acted_on"
    assert [(h["status"], h["changed_by"], h["note"]) for h in row["history"]] == [
        ("seen", "fia", None), ("acted_on", "anna", "Anmälan gjord enligt rutin")]
    assert all(h["changed_at"] for h in row["history"])
    with pytest.raises(ValueError):
        review_queue.set_status(db, ANALYST_A, key, "forgotten")


@pytest.mark.parametrize("principal", [ANALYST_B, NETWORK, None])
def test_others_cannot_read_or_change_the_queue(db, flagged, principal):
    key = review_queue.queue(db, ANALYST_A, "alby")[0]["key"]
    with pytest.raises(PermissionError):
        review_queue.queue(db, principal, "alby")
    with pytest.raises(PermissionError):
        review_queue.set_status(db, principal, key, "seen")
    assert review_queue.queue(db, ANALYST_A, "alby")[0]["status"] == "new"


def test_new_count_covers_only_the_users_municipalities(db, flagged):
    assert review_queue.new_count(db, ANALYST_A, ["alby", "berga", "cedra"]) == 1
    assert review_queue.new_count(db, ANALYST_B, ["alby", "berga", "cedra"]) == 1
    assert review_queue.new_count(db, NETWORK, ["alby", "berga", "cedra"]) == 0
    key = review_queue.queue(db, ANALYST_A, "alby")[0]["key"]
    review_queue.set_status(db, ANALYST_A, key, "seen")
    assert review_queue.new_count(db, ANALYST_A, ["alby", "berga"]) == 0


def test_comments_stored_without_a_flag_are_flagged_by_the_analysis(db, flagged):
    """Imported or seeded text skips save_answer's check; the annotation pass flags it."""
    token = respond(db, flagged["alby"])
    text = "Jag skär mig ibland"
    with db.conn:
        db.conn.execute("INSERT INTO answers (participant_token, question_id, value, skipped, answered_at, text_hash) "
                        "VALUES (?, 'onskan', ?, 0, '2026-11-15T12:00:00+00:00', ?)",
                        (token, json.dumps(text), text_hash(text)))
    annotate_pending(db, embeddings=False)
    categories = [r["categories"] for r in review_queue.queue(db, ANALYST_A, "alby")]
    assert ["self_harm"] in categories and len(categories) == 2
