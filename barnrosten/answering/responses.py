"""Anonymous participants and their answers, each saved the moment it is given.

A participant is a random token in the link, nothing else: no name, no IP
address, no user agent. Saving the same answer twice (a retried tap, a
reconnecting tablet) writes one row::

    >>> token = start_participant(db, session["id"], "sv")
    >>> save_answer(db, token, survey.question("lyssnad"), 4)
    >>> answers_for(db, token)["lyssnad"].value
    4
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlite_utils

from analysis.safeguarding import RiskAssessment, assess
from barnrosten.answering.annotations import text_hash
from barnrosten.storage.db import from_iso, to_iso, utc_now, write_transaction
from barnrosten.textclean import clean_free_text
from surveys.schema import Question

# Optional, and never more precise than this (domain.md: collect the minimum).
GENDERS = ("girl", "boy", "other", "prefer_not")
# The last question, "Did you answer on your own or with an adult's help?": answers given with an
# adult beside you are read differently, so the dashboard can tell them apart.
ANSWERED_WITH = ("self", "with_adult")
# 128 bits: a token cannot be guessed, so a link is the only way back to an answer.
TOKEN_BYTES = 16


class InvalidAnswer(ValueError):
    """An answer the question cannot take; nothing is saved."""


@dataclass(frozen=True)
class Answer:
    value: object
    skipped: bool


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def start_participant(db: sqlite_utils.Database, session_id: int, language: str, now: datetime | None = None) -> str:
    token = new_token()
    moment = to_iso(now or utc_now())
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO participants (token, session_id, language, started_at, last_active_at) VALUES (?, ?, ?, ?, ?)",
            (token, session_id, language, moment, moment),
        )
    return token


def get_participant(db: sqlite_utils.Database, token: str | None) -> dict | None:
    if not token:
        return None
    rows = list(db.query("SELECT * FROM participants WHERE token = ?", [token]))
    return rows[0] if rows else None


def _touch(conn, token: str, now: datetime | None, **columns) -> None:
    assignments = ", ".join(f"{name} = ?" for name in columns)
    sql = "UPDATE participants SET last_active_at = ?" + (f", {assignments}" if assignments else "")
    conn.execute(sql + " WHERE token = ?", (to_iso(now or utc_now()), *columns.values(), token))


def set_profile(
    db: sqlite_utils.Database,
    token: str,
    *,
    age_band: str | None,
    gender: str | None,
    allowed_age_bands: list[str],
    now: datetime | None = None,
) -> None:
    """Store age band and gender; either may be None (not given)."""
    if age_band is not None and age_band not in allowed_age_bands:
        raise InvalidAnswer(f"age band {age_band!r} is not one of {allowed_age_bands}")
    if gender is not None and gender not in GENDERS:
        raise InvalidAnswer(f"gender {gender!r} is not one of {GENDERS}")
    with write_transaction(db) as conn:
        _touch(conn, token, now, age_band=age_band, gender=gender)


def set_answered_with(db: sqlite_utils.Database, token: str, value: str | None) -> None:
    """Store who helped (one of ANSWERED_WITH), or None: not answered."""
    if value is not None and value not in ANSWERED_WITH:
        raise InvalidAnswer(f"answered_with {value!r} is not one of {ANSWERED_WITH}")
    with write_transaction(db) as conn:
        _touch(conn, token, None, answered_with=value)


def set_language(db: sqlite_utils.Database, token: str, language: str) -> None:
    with write_transaction(db) as conn:
        _touch(conn, token, None, language=language)


def validate_answer(question: Question, value):
    """The value as it will be stored, or InvalidAnswer."""
    if question.type == "text":
        if not isinstance(value, str):
            raise InvalidAnswer("free text must be a string")
        return clean_free_text(value, question.max_length)
    if question.type == "multi":
        if not isinstance(value, (list, tuple)):
            raise InvalidAnswer("a multiple-choice answer is a list of option ids")
        allowed = [o.id for o in question.options]
        unknown = [v for v in value if v not in allowed]
        if unknown:
            raise InvalidAnswer(f"unknown option(s) {unknown}")
        return [o for o in allowed if o in value]  # survey order, no duplicates
    if value not in question.allowed_values() or isinstance(value, bool):
        raise InvalidAnswer(f"{value!r} is not an answer to question {question.id!r}")
    return value


def save_answer(
    db: sqlite_utils.Database,
    token: str,
    question: Question,
    value=None,
    *,
    skipped: bool = False,
    now: datetime | None = None,
) -> RiskAssessment | None:
    """Save (or replace) this participant's answer to `question`. `skipped=True` records "vill inte svara".

    Free text is checked for disclosures of harm in the same transaction: a
    flagged answer gets a `safety_flags` row, so it can never sit unseen, and
    the assessment is returned so the screen can show help at once.
    """
    cleaned = None if skipped else validate_answer(question, value)
    stored = None if skipped else json.dumps(cleaned, ensure_ascii=False)
    hashed = text_hash(cleaned) if question.type == "text" and cleaned else None
    assessment = assess(cleaned) if question.type == "text" and cleaned else None
    moment = now or utc_now()
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO answers (participant_token, question_id, value, skipped, answered_at, text_hash) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(participant_token, question_id) DO UPDATE SET "
            "value = excluded.value, skipped = excluded.skipped, answered_at = excluded.answered_at, "
            "text_hash = excluded.text_hash",
            (token, question.id, stored, int(skipped), to_iso(moment), hashed),
        )
        if assessment is not None and assessment.risk:
            # A flag is never lowered by editing the text: a person reviews every flag.
            conn.execute(
                "INSERT INTO safety_flags (participant_token, question_id, categories, flagged_at, reasons) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(participant_token, question_id) DO UPDATE SET "
                "categories = excluded.categories, status = 'new', flagged_at = excluded.flagged_at, "
                "reasons = excluded.reasons",
                (token, question.id, json.dumps(list(assessment.categories)), to_iso(moment),
                 json.dumps(assessment.reasons_as_dicts(), ensure_ascii=False)),
            )
        _touch(conn, token, moment)
    return assessment


def safety_flags(db: sqlite_utils.Database, status: str | None = None) -> list[dict]:
    """Flagged answers, newest first, with the flagged text (raw: staff screens must redact it)."""
    sql = (
        "SELECT f.participant_token, f.question_id, f.categories, f.flagged_at, f.status, a.value, p.session_id "
        "FROM safety_flags f JOIN answers a ON a.participant_token = f.participant_token AND a.question_id = f.question_id "
        "JOIN participants p ON p.token = f.participant_token"
    )
    params: list = []
    if status:
        sql += " WHERE f.status = ?"
        params.append(status)
    rows = list(db.query(sql + " ORDER BY f.flagged_at DESC", params))
    for row in rows:
        row["categories"] = json.loads(row["categories"])
        row["value"] = json.loads(row["value"]) if row["value"] else None
    return rows


def clear_answer(db: sqlite_utils.Database, token: str, question_id: str) -> None:
    """Remove an answer (a child un-ticks the last option of a multiple choice)."""
    with write_transaction(db) as conn:
        conn.execute("DELETE FROM answers WHERE participant_token = ? AND question_id = ?", (token, question_id))
        _touch(conn, token, None)


def answers_for(db: sqlite_utils.Database, token: str) -> dict[str, Answer]:
    """question id -> Answer for everything this participant has answered or skipped."""
    rows = db.execute("SELECT question_id, value, skipped FROM answers WHERE participant_token = ?", [token])
    return {
        qid: Answer(None if value is None else json.loads(value), bool(skipped)) for qid, value, skipped in rows
    }


def answer_values(answers: dict[str, Answer]) -> dict:
    """question id -> value (None when skipped), as the survey flow wants it."""
    return {qid: answer.value for qid, answer in answers.items()}


def set_position(db: sqlite_utils.Database, token: str, question_id: str | None) -> None:
    """Remember where the participant is, so a reload lands on the same screen."""
    with write_transaction(db) as conn:
        _touch(conn, token, None, current_question=question_id)


def mark_completed(db: sqlite_utils.Database, token: str, now: datetime | None = None) -> None:
    moment = to_iso(now or utc_now())
    with write_transaction(db) as conn:
        conn.execute(
            "UPDATE participants SET completed_at = COALESCE(completed_at, ?), last_active_at = ? WHERE token = ?",
            (moment, moment, token),
        )


def end_participant(db: sqlite_utils.Database, token: str, now: datetime | None = None) -> None:
    """Close this token on a shared tablet: its link no longer opens anything."""
    with write_transaction(db) as conn:
        conn.execute(
            "UPDATE participants SET ended_at = COALESCE(ended_at, ?) WHERE token = ?", (to_iso(now or utc_now()), token)
        )


def is_idle_expired(participant: dict, session: dict, now: datetime | None = None) -> bool:
    """On a shared tablet, has this participant been inactive longer than the session allows?"""
    if not session["shared_device"]:
        return False
    last_active = from_iso(participant["last_active_at"])
    return (now or utc_now()) - last_active > timedelta(minutes=session["idle_timeout_minutes"])


def can_resume(participant: dict | None, session: dict, now: datetime | None = None) -> bool:
    """Whether a link with this token may reopen the survey.

    A personal phone resumes for as long as the session is open. A shared tablet
    resumes after a reload or a short sleep, but not once the child has finished
    or walked away, so the next child can never see or go back to those answers.
    """
    if participant is None or participant["ended_at"] is not None:
        return False
    if session["shared_device"] and participant["completed_at"] is not None:
        return False
    return not is_idle_expired(participant, session, now)
