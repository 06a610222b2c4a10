"""One unit of work per action: a change and its audit entry commit together, or neither does.

`write_transaction` nests: inside a transaction it is a SAVEPOINT on the same connection. The audit
log's own write is such a nested block, so a failing audit write takes the change down with it.
A failing audit write is made real here: a trigger on the real SQLite file refuses the insert.
"""

from __future__ import annotations

import sqlite3
import threading

import pytest

from barnrosten.access import accounts, audit
from barnrosten.access.roles import Principal
from barnrosten.answering.survey_store import ensure_municipality
from barnrosten.results import you_said_we_did
from barnrosten.safeguarding import review_queue
from barnrosten.storage import retention
from barnrosten.storage.db import open_db, write_transaction
from barnrosten.workshops import facilitation
from tests.responses_builder import municipalities_with_sessions, respond

PASSWORD = "en lång och bra lösenfras"
ADMIN = Principal(1, "admin", frozenset({("admin", None)}))
ACTION = dict(theme="continuity", audience="children", said="Ni sa att ni fick byta socialsekreterare för ofta.",
              did="Nu får varje barn samma socialsekreterare.", status="done", status_date="2026-10-01")


def break_the_audit_log(db) -> None:
    """From now on every audit write fails, as a full disk or a broken log would."""
    db.conn.execute("CREATE TRIGGER audit_broken BEFORE INSERT ON audit_log "
                    "BEGIN SELECT RAISE(ABORT, 'the audit log cannot be written'); END")


def count(db, table: str, where: str = "1") -> int:
    return db.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}").fetchone()[0]


# --- nesting ---------------------------------------------------------------------------------------------------


@pytest.fixture
def notes(db):
    db.conn.execute("CREATE TABLE notes (text TEXT)")
    return db


def texts(db) -> list[str]:
    return [row[0] for row in db.execute("SELECT text FROM notes ORDER BY rowid")]


def test_a_caught_failure_inside_rolls_back_only_the_inner_block(notes, db_path):
    with write_transaction(notes) as conn:
        conn.execute("INSERT INTO notes VALUES ('outer before')")
        with pytest.raises(RuntimeError):
            with write_transaction(notes) as inner:
                inner.execute("INSERT INTO notes VALUES ('inner')")
                raise RuntimeError("inner step failed")
        conn.execute("INSERT INTO notes VALUES ('outer after')")
        with write_transaction(notes) as inner:
            inner.execute("INSERT INTO notes VALUES ('inner kept')")
    assert not notes.conn.in_transaction
    other = open_db(db_path)  # committed: another connection sees it
    assert texts(other) == ["outer before", "outer after", "inner kept"]
    other.conn.close()


def test_an_uncaught_failure_inside_rolls_back_everything(notes):
    with pytest.raises(RuntimeError):
        with write_transaction(notes) as conn:
            conn.execute("INSERT INTO notes VALUES ('outer')")
            with write_transaction(notes) as inner:
                inner.execute("INSERT INTO notes VALUES ('inner')")
            raise RuntimeError("the action failed after its inner step")
    assert texts(notes) == [] and not notes.conn.in_transaction


def test_nesting_three_deep_keeps_what_was_not_rolled_back(notes):
    with write_transaction(notes) as conn:
        conn.execute("INSERT INTO notes VALUES ('1')")
        with write_transaction(notes) as second:
            second.execute("INSERT INTO notes VALUES ('2')")
            with pytest.raises(ValueError):
                with write_transaction(notes) as third:
                    third.execute("INSERT INTO notes VALUES ('3')")
                    raise ValueError
            second.execute("INSERT INTO notes VALUES ('2b')")
    assert texts(notes) == ["1", "2", "2b"]


def test_the_outer_transaction_holds_the_write_lock_until_it_ends(notes, db_path):
    """Another connection (another tablet) waits for the whole unit, and then sees all of it."""
    seen: list[list[str]] = []
    inner_done, release = threading.Event(), threading.Event()

    def other_writer():
        inner_done.wait(10)
        other = open_db(db_path)
        with write_transaction(other) as conn:
            seen.append(texts(other))
            conn.execute("INSERT INTO notes VALUES ('other')")
        other.conn.close()

    thread = threading.Thread(target=other_writer)
    thread.start()
    with write_transaction(notes) as conn:
        with write_transaction(notes) as inner:
            inner.execute("INSERT INTO notes VALUES ('inner')")
        inner_done.set()
        release.wait(0.3)  # the other writer is blocked meanwhile
        assert seen == []
        conn.execute("INSERT INTO notes VALUES ('outer')")
    thread.join(10)
    assert seen == [["inner", "outer"]]
    assert texts(notes) == ["inner", "outer", "other"]


# --- a failing audit write rolls the change back -------------------------------------------------------------------


@pytest.fixture
def places(db):
    ensure_municipality(db, "alby", "Alby kommun")
    ensure_municipality(db, "berga", "Berga kommun")
    return db


def test_an_action_is_not_stored_when_its_audit_entry_cannot_be(places):
    break_the_audit_log(places)
    with pytest.raises(sqlite3.IntegrityError, match="audit log cannot be written"):
        you_said_we_did.add_action(places, ADMIN, "alby", **ACTION)
    assert count(places, "actions") == 0


def test_a_changed_action_keeps_its_old_text_when_the_audit_write_fails(places):
    action_id = you_said_we_did.add_action(places, ADMIN, "alby", **ACTION)
    break_the_audit_log(places)
    with pytest.raises(sqlite3.IntegrityError):
        you_said_we_did.update_action(places, ADMIN, action_id, did="Något helt annat.")
    assert places.execute("SELECT did FROM actions").fetchone()[0] == ACTION["did"]
    assert count(places, "audit_log", "action = 'action_added'") == 1


def test_no_user_without_its_audit_entry(db):
    break_the_audit_log(db)
    with pytest.raises(sqlite3.IntegrityError):
        accounts.create_user(db, "anna", PASSWORD, roles=[("admin", None)])
    assert count(db, "users") == 0 and count(db, "user_roles") == 0


def test_a_password_is_not_changed_and_no_session_ends_when_the_audit_write_fails(db):
    accounts.create_user(db, "anna", PASSWORD, roles=[("admin", None)])
    anna = accounts.log_in(db, "anna", PASSWORD)
    token = accounts.start_session(db, anna)
    break_the_audit_log(db)
    with pytest.raises(sqlite3.IntegrityError):
        accounts.change_password(db, anna, PASSWORD, "ett helt nytt långt lösen")
    db.conn.execute("DROP TRIGGER audit_broken")
    assert accounts.log_in(db, "anna", PASSWORD).username == "anna"  # the old password still holds
    assert accounts.resume_session(db, token) is not None


def test_a_logout_keeps_the_session_when_the_audit_write_fails(db):
    accounts.create_user(db, "anna", PASSWORD, roles=[("admin", None)])
    token = accounts.start_session(db, accounts.log_in(db, "anna", PASSWORD))
    break_the_audit_log(db)
    with pytest.raises(sqlite3.IntegrityError):
        accounts.log_out(db, token)
    assert count(db, "staff_sessions") == 1


def test_flags_keep_their_status_when_the_audit_write_fails(db, version_ids):
    sessions = municipalities_with_sessions(db, version_ids)
    for n in range(3):
        respond(db, sessions["alby"], text=f"Pappa slår mig ({n})")
    keys = [flag["key"] for flag in review_queue.queue_page(db, ADMIN, size=25).flags]
    break_the_audit_log(db)
    with pytest.raises(sqlite3.IntegrityError):
        review_queue.set_status_many(db, ADMIN, keys, "acted_on", note="Kontaktat skolan")
    assert count(db, "safety_flags", "status = 'new'") == 3
    assert count(db, "safety_flag_events") == 0


def test_no_workshop_and_no_survey_session_without_the_audit_entry(db, version_ids):
    before = count(db, "sessions")
    break_the_audit_log(db)
    with pytest.raises(sqlite3.IntegrityError):
        facilitation.create_workshop(db, ADMIN, "bjorkdala", title="Unga om socialtjänsten", audience="youth",
                                     activities=[{"kind": "survey", "settings": {"survey_id": "unga-13-20"}},
                                                 {"kind": "ideas"}])
    assert count(db, "workshops") == 0 and count(db, "workshop_activities") == 0
    assert count(db, "sessions") == before  # the workshop's survey session went with it


def test_answers_are_not_deleted_when_the_deletion_cannot_be_logged(db, open_session):
    respond(db, open_session, text="Bra möten")
    answers = count(db, "answers")
    break_the_audit_log(db)
    with pytest.raises(sqlite3.IntegrityError):
        retention.delete_session_data(db, open_session["id"], actor="admin")
    assert count(db, "answers") == answers and count(db, "participants") == 1


def test_the_audit_entry_is_in_the_same_transaction_as_the_change(places, db_path):
    """Seen from another connection in the middle of the unit: neither; after it: both."""
    with write_transaction(places) as conn:
        conn.execute("INSERT INTO actions (municipality_id, audience, said, did, status, status_date, published, "
                     "created_by, created_at, updated_at) VALUES ('alby', 'all', 's', 'd', 'done', '2026-10-01', 1, "
                     "'admin', 'x', 'x')")
        audit.record(places, "admin", "action_added", "alby")
        reader = open_db(db_path)
        assert count(reader, "actions") == 0 and count(reader, "audit_log") == 0
    assert count(reader, "actions") == 1 and count(reader, "audit_log") == 1
    reader.conn.close()


def test_a_recording_is_not_replaced_when_the_audit_write_fails(db, version_ids):
    from barnrosten.answering import recordings
    from tests.audio_files import wav_bytes

    version = version_ids["barn-7-12"]
    recordings.save(db, ADMIN, version, "question:lyssnad", "sv", wav_bytes(0.5))
    break_the_audit_log(db)
    with pytest.raises(sqlite3.IntegrityError):
        recordings.save(db, ADMIN, version, "question:lyssnad", "sv", wav_bytes(0.5, frequency=880))
    with pytest.raises(sqlite3.IntegrityError):
        recordings.delete(db, ADMIN, version, "question:lyssnad", "sv")
    assert count(db, "recordings") == 1
    assert db.execute("SELECT audio FROM recordings").fetchone()[0] == wav_bytes(0.5)
