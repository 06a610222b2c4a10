"""Bulk review: a page or a selection marked at once; each flag keeps its history, the audit log one entry per batch."""

from __future__ import annotations

import json

import pytest

from barnrosten.safeguarding import review_queue
from tests.responses_builder import municipalities_with_sessions, respond
from tests.test_review_queue import ANALYST_A, ANALYST_B
from tests.test_safety_queue_flood import ADMIN


@pytest.fixture
def flags(db, version_ids):
    sessions = municipalities_with_sessions(db, version_ids)
    for n in range(6):
        respond(db, sessions["alby"], text=f"Pappa slår mig ({n})")
    for n in range(2):
        respond(db, sessions["berga"], text=f"Jag vill inte leva längre ({n})")
    return review_queue.queue_page(db, ADMIN, size=25).flags


def events(db) -> list[tuple]:
    return list(db.execute("SELECT status, changed_by, note FROM safety_flag_events ORDER BY id"))


def audit_entries(db) -> list[tuple]:
    return [(actor, target, json.loads(details)) for actor, target, details in db.execute(
        "SELECT actor, target, details FROM audit_log WHERE action = 'safety_flag_status' ORDER BY id")]


def test_a_batch_gets_a_history_row_per_flag_and_one_audit_entry_per_municipality(db, flags):
    keys = [f["key"] for f in flags]
    assert review_queue.set_status_many(db, ADMIN, keys, "seen", note="Genomgånget på möte\u202e") == 8
    assert events(db) == [("seen", "admin", "Genomgånget på möte")] * 8
    assert audit_entries(db) == [("admin", "alby", {"status": "seen", "flags": 6}),
                                 ("admin", "berga", {"status": "seen", "flags": 2})]
    assert review_queue.new_count(db, ADMIN) == 0


def test_read_never_lowers_acted_on(db, flags):
    alby = [f["key"] for f in flags if f["municipality_id"] == "alby"]
    review_queue.set_status_many(db, ANALYST_A, alby[:2], "acted_on")
    assert review_queue.set_status_many(db, ANALYST_A, alby, "seen") == 4
    statuses = dict(db.execute("SELECT participant_token || '|' || question_id, status FROM safety_flags"))
    assert [statuses[k] for k in alby] == ["acted_on", "acted_on", "seen", "seen", "seen", "seen"]


def test_one_flag_of_another_municipality_stops_the_whole_batch(db, flags):
    keys = [f["key"] for f in flags]  # alby's and berga's
    with pytest.raises(PermissionError):
        review_queue.set_status_many(db, ANALYST_B, keys, "seen")
    with pytest.raises(KeyError):
        review_queue.set_status_many(db, ANALYST_A, [keys[0], "made-up|onskan"], "seen")
    assert events(db) == [] and audit_entries(db) == [] and review_queue.new_count(db, ADMIN) == 8


def test_a_batch_is_at_most_what_a_page_can_show(db, flags):
    with pytest.raises(ValueError):
        review_queue.set_status_many(db, ADMIN, [f"x{n}|onskan" for n in range(review_queue.MAX_BATCH + 1)], "seen")
