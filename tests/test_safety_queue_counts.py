"""The unread badge reads counters the database keeps: they always equal a count of the flags, whatever writes them."""

from __future__ import annotations

import json

from barnrosten.access.roles import Principal
from barnrosten.answering import responses
from barnrosten.answering.annotation_worker import annotate_pending
from barnrosten.answering.annotations import text_hash
from barnrosten.answering.survey_store import ensure_municipality, survey_for_version, sync_catalog
from barnrosten.safeguarding import review_queue
from barnrosten.storage import retention
from barnrosten.storage.db import open_db
from barnrosten.storage.migrations import MIGRATIONS, apply_migrations
from tests.responses_builder import MUNICIPALITIES, municipalities_with_sessions, respond
from tests.test_review_queue import ANALYST_A

ADMIN = Principal(9, "admin", frozenset({("admin", None)}))
# The migration that gave the queue its columns, counters and triggers (found by what it creates, not its number).
QUEUE_MIGRATION = next(v for v, steps in MIGRATIONS.items() if any("safety_flag_counts (" in step for step in steps))


def counted(db) -> dict:
    return {(m, s, v): n for m, s, v, n in db.execute(
        "SELECT municipality_id, status, severity, n FROM safety_flag_counts WHERE n != 0")}


def recounted(db) -> dict:
    return {(m, s, v): n for m, s, v, n in db.execute(
        "SELECT municipality_id, status, severity, COUNT(*) FROM safety_flags GROUP BY 1, 2, 3")}


def test_counters_follow_every_change(db, version_ids):
    sessions = municipalities_with_sessions(db, version_ids)
    token = respond(db, sessions["alby"], text="Pappa slår mig")
    respond(db, sessions["alby"], text="Jag vill inte leva längre")
    respond(db, sessions["berga"], text="Jag skär mig ibland")
    assert counted(db) == recounted(db) and review_queue.new_count(db, ADMIN) == 3
    key = f"{token}|onskan"
    review_queue.set_status(db, ANALYST_A, key, "seen")
    assert counted(db) == recounted(db) and review_queue.new_count(db, ANALYST_A) == 1
    # The child edits the comment and it is flagged again (new, another category): moved, not added.
    survey = survey_for_version(db, sessions["alby"]["survey_version_id"])
    responses.save_answer(db, token, survey.question("onskan"), "Jag vill dö")
    assert counted(db) == recounted(db) and review_queue.new_count(db, ANALYST_A) == 2
    assert review_queue.unread_by_severity(db, ANALYST_A) == {"suicidal": 2}
    # Stored text flagged by the analysis, then everything of a session deleted.
    other = respond(db, sessions["cedra"])
    with db.conn:
        db.conn.execute("INSERT INTO answers (participant_token, question_id, value, skipped, answered_at, text_hash) "
                        "VALUES (?, 'onskan', ?, 0, '2026-11-15T12:00:00+00:00', ?)",
                        (other, json.dumps("Han rör mig fast jag säger nej"), text_hash("Han rör mig fast jag säger nej")))
    annotate_pending(db, embeddings=False)
    assert counted(db) == recounted(db) and review_queue.new_count(db, ADMIN) == 4
    retention.delete_session_data(db, sessions["alby"]["id"])
    assert counted(db) == recounted(db) and review_queue.new_count(db, ADMIN) == 2


def sessions_as_written_then(db, version_ids: dict[str, int]) -> dict[str, dict]:
    """One session per municipality, with the columns sessions had before the queue migration (today's
    create_session writes columns added since)."""
    sessions = {}
    for number, (mid, name) in enumerate(MUNICIPALITIES.items()):
        ensure_municipality(db, mid, name)
        session_id = db.execute(
            "INSERT INTO sessions (code, municipality_id, survey_version_id, service_area, shared_device, "
            "idle_timeout_minutes, created_at) VALUES (?, ?, ?, 'utredning', 1, 10, '2026-11-01T09:00:00+00:00')",
            (f"OLD{number:03d}", mid, version_ids["barn-7-12"])).lastrowid
        sessions[mid] = db["sessions"].get(session_id)
    return sessions


def flagged_as_written_then(db, session: dict, text: str, categories: list[str]) -> None:
    """A child's flagged answer with the columns answers and flags had before the queue migration (today's
    save_answer writes columns added since, such as the flag's reasons)."""
    token = responses.start_participant(db, session["id"], "sv")
    db.execute("INSERT INTO answers (participant_token, question_id, value, skipped, answered_at, text_hash) "
               "VALUES (?, 'onskan', ?, 0, '2026-11-01T09:05:00+00:00', ?)",
               [token, json.dumps(text, ensure_ascii=False), text_hash(text)])
    db.execute("INSERT INTO safety_flags (participant_token, question_id, categories, flagged_at) "
               "VALUES (?, 'onskan', ?, '2026-11-01T09:05:00+00:00')", [token, json.dumps(categories)])
    db.conn.commit()


def test_flags_stored_before_the_queue_migration_are_placed_ranked_and_counted(db_path, catalog):
    before = {version: steps for version, steps in MIGRATIONS.items() if version < QUEUE_MIGRATION}
    db = open_db(db_path, migrate=False)
    apply_migrations(db, before)
    ensure_municipality(db, "bjorkdala", "Björkdala kommun (demo)")
    version_ids = sync_catalog(db, catalog)
    sessions = sessions_as_written_then(db, version_ids)
    flagged_as_written_then(db, sessions["alby"], "Pappa slår mig", ["violence"])
    flagged_as_written_then(db, sessions["berga"], "Jag vill inte leva längre", ["suicidal"])
    assert apply_migrations(db) == [v for v in sorted(MIGRATIONS) if v >= QUEUE_MIGRATION]
    rows = list(db.query("SELECT municipality_id, session_id, severity, category_bits FROM safety_flags "
                         "ORDER BY municipality_id"))
    assert rows == [{"municipality_id": "alby", "session_id": sessions["alby"]["id"], "severity": 3,
                     "category_bits": 1 << 2},
                    {"municipality_id": "berga", "session_id": sessions["berga"]["id"], "severity": 1,
                     "category_bits": 1}]
    assert counted(db) == recounted(db) == {("alby", "new", 3): 1, ("berga", "new", 1): 1}
    assert review_queue.queue_page(db, ANALYST_A).total == 1
    db.conn.close()
