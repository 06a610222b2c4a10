import sqlite3
from datetime import timedelta

import pytest

from barnrosten.answering.sessions import close_session, create_session, find_session
from barnrosten.storage.db import utc_now


def test_open_session_is_found_by_typed_code(db, open_session):
    result = find_session(db, " hej-347 ")
    assert result.status == "open"
    assert result.session["id"] == open_session["id"]


@pytest.mark.parametrize("typed, status", [("KKKKKK", "unknown"), ("HEJ", "malformed"), ("HEJ34O", "malformed"), ("", "malformed")])
def test_unknown_and_malformed_codes(db, open_session, typed, status):
    assert find_session(db, typed).status == status


def test_closed_session_says_closed(db, open_session):
    close_session(db, open_session["id"])
    assert find_session(db, "HEJ347").status == "closed"


def test_expired_session_says_expired(db, version_ids):
    now = utc_now()
    create_session(db, "bjorkdala", version_ids["barn-7-12"], code="UNG469", expires_at=now - timedelta(minutes=1))
    assert find_session(db, "UNG469", now).status == "expired"
    create_session(db, "bjorkdala", version_ids["barn-7-12"], code="VUX367", expires_at=now + timedelta(days=1))
    assert find_session(db, "VUX367", now).status == "open"


def test_generated_codes_are_unique(db, version_ids):
    codes = {create_session(db, "bjorkdala", version_ids["barn-7-12"])["code"] for _ in range(200)}
    assert len(codes) == 200


def test_a_chosen_code_cannot_be_taken_twice(db, open_session, version_ids):
    with pytest.raises(sqlite3.IntegrityError):
        create_session(db, "bjorkdala", version_ids["barn-7-12"], code="HEJ347")


def test_a_chosen_code_must_use_the_alphabet(db, version_ids):
    with pytest.raises(ValueError):
        create_session(db, "bjorkdala", version_ids["barn-7-12"], code="HELLO0")
