"""Build known responses through the real answering functions, for dashboard, export and report tests."""

from __future__ import annotations

from datetime import datetime, timezone

from barnrosten.answering import responses
from barnrosten.answering.annotation_worker import annotate_pending
from barnrosten.answering.sessions import create_session
from barnrosten.answering.survey_store import ensure_municipality, survey_for_version

NOW = datetime(2026, 11, 15, 12, 0, tzinfo=timezone.utc)
# Two municipalities with analysts of their own, and a quiet third one.
MUNICIPALITIES = {"alby": "Alby kommun", "berga": "Berga kommun", "cedra": "Cedra kommun"}


def respond(db, session: dict, *, faces: int = 4, yes: str = "yes", gender: str | None = "girl",
            age_band: str | None = "10-12", text: str | None = None, when: datetime = NOW,
            complete: bool = True) -> str:
    """One child answering the children's survey (barn-7-12) in `session`; returns the token."""
    survey = survey_for_version(db, session["survey_version_id"])
    token = responses.start_participant(db, session["id"], "sv", now=when)
    responses.set_profile(db, token, age_band=age_band, gender=gender, allowed_age_bands=survey.age_bands, now=when)
    for question in survey.questions:
        if question.type == "faces":
            responses.save_answer(db, token, question, faces, now=when)
        elif question.type == "yes_no":
            responses.save_answer(db, token, question, yes, now=when)
        elif question.id == "onskan" and text:
            responses.save_answer(db, token, question, text, now=when)
    if complete:
        responses.mark_completed(db, token, now=when)
    return token


def municipalities_with_sessions(db, version_ids: dict[str, int]) -> dict[str, dict]:
    """One children's session per municipality in MUNICIPALITIES."""
    sessions = {}
    for mid, name in MUNICIPALITIES.items():
        ensure_municipality(db, mid, name)
        sessions[mid] = create_session(db, mid, version_ids["barn-7-12"], service_area="utredning")
    return sessions


def annotate(db) -> None:
    annotate_pending(db, embeddings=False)


def respond_answers(db, session: dict, answers: dict, *, gender: str | None = "girl", age_band: str | None = "10-12",
                    when: datetime = NOW, complete: bool = True) -> str:
    """One respondent giving exactly `answers` (question id -> value; None = skipped) in `session`; returns the token."""
    survey = survey_for_version(db, session["survey_version_id"])
    token = responses.start_participant(db, session["id"], "sv", now=when)
    responses.set_profile(db, token, age_band=age_band, gender=gender, allowed_age_bands=survey.age_bands, now=when)
    for question_id, value in answers.items():
        question = survey.question(question_id)
        if value is None:
            responses.save_answer(db, token, question, skipped=True, now=when)
        else:
            responses.save_answer(db, token, question, value, now=when)
    if complete:
        responses.mark_completed(db, token, now=when)
    return token
