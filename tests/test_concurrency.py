"""Thirty tablets in one room: every answer stored exactly once, whatever the timing."""

import threading

from barnrosten.answering import responses
from barnrosten.storage.db import open_db

TABLETS = 30


def test_thirty_tablets_answering_at_once_lose_and_duplicate_nothing(db_path, db, open_session, children_survey):
    questions = [q for q in children_survey.questions if q.type in ("faces", "yes_no")]
    tokens = [responses.start_participant(db, open_session["id"], "sv") for _ in range(TABLETS)]
    start = threading.Barrier(TABLETS)
    errors = []

    def tablet(index: int, token: str):
        conn = open_db(db_path, migrate=False)  # each Streamlit session has its own connection
        try:
            start.wait()
            for question in questions:
                value = 1 + index % 5 if question.type == "faces" else "yes"
                responses.save_answer(conn, token, question, value)
                responses.save_answer(conn, token, question, value)  # a retried submit
                responses.set_position(conn, token, question.id)
        except Exception as exc:  # pragma: no cover - reported by the assertion
            errors.append(exc)
        finally:
            conn.conn.close()

    threads = [threading.Thread(target=tablet, args=(i, t)) for i, t in enumerate(tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == TABLETS * len(questions)
    for index, token in enumerate(tokens):
        answers = responses.answers_for(db, token)
        assert set(answers) == {q.id for q in questions}
        assert answers["lyssnad"].value == 1 + index % 5
