"""`backup` makes a consistent copy while the app writes, and the copy restores."""

import threading

import pytest

from barnrosten.answering import responses
from barnrosten.storage.backup import backup_database
from barnrosten.storage.db import open_db


def test_backup_while_writing_is_consistent_and_restores(db_path, db, open_session, children_survey, tmp_path):
    question = children_survey.question("lyssnad")
    stop = threading.Event()

    def writer():
        conn = open_db(db_path, migrate=False)
        while not stop.is_set():
            token = responses.start_participant(conn, open_session["id"], "sv")
            responses.save_answer(conn, token, question, 3)
        conn.conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    while db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] < 50:
        pass
    try:
        target = backup_database(db_path, tmp_path / "backup" / "copy.db")
    finally:
        stop.set()
        thread.join()

    restored = open_db(target)
    participants = restored.execute("SELECT COUNT(*) FROM participants").fetchone()[0]
    answers = restored.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
    assert answers >= 50
    # Participant and answer are two transactions: the snapshot may fall between them, never inside one.
    assert participants - answers in (0, 1)
    assert restored.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert restored["sessions"].get(open_session["id"])["code"] == "HEJ347"


def test_backup_refuses_to_overwrite(db_path, db, tmp_path):
    target = tmp_path / "copy.db"
    target.write_text("keep me")
    with pytest.raises(FileExistsError):
        backup_database(db_path, target)
    assert target.read_text() == "keep me"
