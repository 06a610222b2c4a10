"""Participants and answers: saved as given, validated, idempotent, resumable."""

import json
from datetime import timedelta

import pytest

from barnrosten.answering import responses
from barnrosten.storage.db import utc_now


@pytest.fixture
def token(db, open_session):
    return responses.start_participant(db, open_session["id"], "sv")


def stored_rows(db, token):
    return list(db.query("SELECT question_id, value, skipped FROM answers WHERE participant_token = ?", [token]))


def test_participant_is_anonymous(db, token):
    participant = responses.get_participant(db, token)
    assert len(token) >= 20
    # record_key: a random number 0-4095 for the privacy rules (cell key method); release_id: when it was counted.
    assert set(participant) == {
        "token", "session_id", "language", "age_band", "gender", "current_question",
        "started_at", "last_active_at", "completed_at", "ended_at", "answered_with", "record_key", "release_id",
    }
    assert 0 <= participant["record_key"] < 4096 and participant["release_id"] is None


@pytest.mark.parametrize(
    "question_id, value, stored",
    [
        ("lyssnad", 4, 4),
        ("samma", "dont_know", "dont_know"),
        ("prata_med", ["kompis", "foralder", "kompis"], ["foralder", "kompis"]),
        ("onskan", "  Mer tid\x00 med mig 🙂\r\n", "Mer tid med mig 🙂"),
    ],
)
def test_each_question_type_is_saved(db, token, children_survey, question_id, value, stored):
    responses.save_answer(db, token, children_survey.question(question_id), value)
    assert responses.answers_for(db, token)[question_id] == responses.Answer(stored, False)


@pytest.mark.parametrize(
    "question_id, value",
    [("lyssnad", 6), ("lyssnad", "4"), ("lyssnad", True), ("samma", "maybe"), ("prata_med", ["alien"]), ("prata_med", "kompis"), ("onskan", 5)],
)
def test_invalid_answers_are_refused_and_nothing_is_saved(db, token, children_survey, question_id, value):
    responses.save_answer(db, token, children_survey.question("lyssnad"), 3)
    with pytest.raises(responses.InvalidAnswer):
        responses.save_answer(db, token, children_survey.question(question_id), value)
    assert [r["question_id"] for r in stored_rows(db, token)] == ["lyssnad"]


def test_retried_save_writes_one_row(db, token, children_survey):
    for _ in range(3):
        responses.save_answer(db, token, children_survey.question("lyssnad"), 2)
    assert len(stored_rows(db, token)) == 1


def test_changed_answer_replaces_the_old_one(db, token, children_survey):
    responses.save_answer(db, token, children_survey.question("lyssnad"), 2)
    responses.save_answer(db, token, children_survey.question("lyssnad"), 5)
    assert stored_rows(db, token) == [{"question_id": "lyssnad", "value": "5", "skipped": 0}]


def test_skip_is_recorded_as_vill_inte_svara(db, token, children_survey):
    responses.save_answer(db, token, children_survey.question("lyssnad"), skipped=True)
    assert responses.answers_for(db, token)["lyssnad"] == responses.Answer(None, True)


def test_text_is_cut_at_the_question_limit(db, token, children_survey):
    question = children_survey.question("onskan")
    responses.save_answer(db, token, question, "å" * 5000)
    assert len(responses.answers_for(db, token)["onskan"].value) == question.max_length


def test_markup_is_stored_literally(db, token, children_survey):
    hostile = "<script>alert(1)</script> **fet** :red[röd] [länk](javascript:alert(1))"
    responses.save_answer(db, token, children_survey.question("onskan"), hostile)
    assert json.loads(stored_rows(db, token)[0]["value"]) == hostile


def test_profile_takes_only_known_values(db, token, children_survey):
    responses.set_profile(db, token, age_band="7-9", gender="girl", allowed_age_bands=children_survey.age_bands)
    participant = responses.get_participant(db, token)
    assert (participant["age_band"], participant["gender"]) == ("7-9", "girl")
    with pytest.raises(responses.InvalidAnswer):
        responses.set_profile(db, token, age_band="1995-03-02", gender=None, allowed_age_bands=children_survey.age_bands)
    with pytest.raises(responses.InvalidAnswer):
        responses.set_profile(db, token, age_band=None, gender="kvinna", allowed_age_bands=children_survey.age_bands)


def test_position_and_completion_survive_a_new_connection(db_path, db, token, children_survey):
    from barnrosten.storage.db import open_db

    responses.save_answer(db, token, children_survey.question("lyssnad"), 1)
    responses.set_position(db, token, "lyssnad_battre")
    other = open_db(db_path)
    assert responses.get_participant(other, token)["current_question"] == "lyssnad_battre"
    assert responses.answers_for(other, token)["lyssnad"].value == 1
    other.conn.close()


class TestResume:
    def test_personal_phone_resumes_even_after_a_long_pause(self, db, token, open_session):
        session = {**open_session, "shared_device": 0}
        later = utc_now() + timedelta(days=2)
        assert responses.can_resume(responses.get_participant(db, token), session, later)

    def test_shared_tablet_resumes_after_a_short_sleep(self, db, token, open_session):
        later = utc_now() + timedelta(minutes=open_session["idle_timeout_minutes"] - 1)
        assert responses.can_resume(responses.get_participant(db, token), open_session, later)

    def test_shared_tablet_left_idle_does_not_resume(self, db, token, open_session):
        later = utc_now() + timedelta(minutes=open_session["idle_timeout_minutes"] + 1)
        participant = responses.get_participant(db, token)
        assert responses.is_idle_expired(participant, open_session, later)
        assert not responses.can_resume(participant, open_session, later)

    def test_finished_child_on_shared_tablet_cannot_be_reopened(self, db, token, open_session):
        responses.mark_completed(db, token)
        assert not responses.can_resume(responses.get_participant(db, token), open_session)

    def test_ended_token_never_resumes(self, db, token, open_session):
        responses.end_participant(db, token)
        assert not responses.can_resume(responses.get_participant(db, token), {**open_session, "shared_device": 0})

    def test_unknown_token(self, db, open_session):
        assert not responses.can_resume(responses.get_participant(db, "nope"), open_session)


class TestSafetyFlags:
    def test_disclosure_in_free_text_is_flagged_when_saved(self, db, token, children_survey):
        result = responses.save_answer(db, token, children_survey.question("onskan"), "pappa slår mig när han är full")
        assert result.risk and {"violence", "substance_use"} <= set(result.categories)
        flags = responses.safety_flags(db, "new")
        assert [(f["participant_token"], f["question_id"], f["value"]) for f in flags] == [
            (token, "onskan", "pappa slår mig när han är full")
        ]

    def test_harmless_text_and_scales_are_not_flagged(self, db, token, children_survey):
        assert not responses.save_answer(db, token, children_survey.question("onskan"), "Mer tid med mig").risk
        assert responses.save_answer(db, token, children_survey.question("lyssnad"), 1) is None
        assert responses.safety_flags(db) == []

    def test_editing_the_text_never_removes_a_flag(self, db, token, children_survey):
        question = children_survey.question("onskan")
        responses.save_answer(db, token, question, "jag vill inte leva")
        responses.save_answer(db, token, question, "inget")
        assert [f["categories"] for f in responses.safety_flags(db)] == [["suicidal"]]
