"""A note on a safety flag is cleaned like children's free text: no NUL, no bidi overrides, no other controls."""

from __future__ import annotations

import pytest

from barnrosten.safeguarding import review_queue
from tests.hostile_inputs import HOSTILE_NOTES
from tests.responses_builder import municipalities_with_sessions, respond
from tests.test_review_queue import ANALYST_A


@pytest.mark.parametrize("typed, kept", list(HOSTILE_NOTES.items()))
def test_notes_lose_control_and_bidi_characters(db, version_ids, typed, kept):
    sessions = municipalities_with_sessions(db, version_ids)
    respond(db, sessions["alby"], text="Pappa slår mig")
    key = review_queue.queue(db, ANALYST_A, "alby")[0]["key"]
    review_queue.set_status(db, ANALYST_A, key, "seen", note=typed)
    stored = db.execute("SELECT note FROM safety_flag_events").fetchone()[0]
    assert stored == kept


def test_a_note_of_only_control_characters_is_no_note(db, version_ids):
    sessions = municipalities_with_sessions(db, version_ids)
    respond(db, sessions["alby"], text="Pappa slår mig")
    key = review_queue.queue(db, ANALYST_A, "alby")[0]["key"]
    review_queue.set_status(db, ANALYST_A, key, "seen", note="\x00\u202e\u202c ")
    assert db.execute("SELECT note FROM safety_flag_events").fetchone()[0] is None
