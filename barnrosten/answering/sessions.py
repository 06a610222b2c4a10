"""Answering sessions: what a join code leads to, and whether it still works.

    >>> session = create_session(db, "bjorkdala", version_id, label="Träff i Björkdala")
    >>> find_session(db, session["code"]).status
    'open'
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from barnrosten.answering.join_codes import generate_code, is_well_formed, normalize_code
from barnrosten.i18n import complete_languages, review_state
from barnrosten.languages import DEFAULT_LANGUAGE
from barnrosten.storage.db import from_iso, to_iso, utc_now, write_transaction

# A shared tablet left alone this long goes back to the start screen.
DEFAULT_IDLE_TIMEOUT_MINUTES = 10
# Codes are short; a collision is possible but rare, so a few tries always suffice.
CODE_ATTEMPTS = 20


class DraftLanguage(ValueError):
    """A session in a language whose translation no native speaker has reviewed, without `allow_draft`."""

    def __init__(self, language: str):
        super().__init__(f"the {language!r} translation is a draft, not reviewed by a native speaker; "
                         "pass allow_draft=True after warning the person who opens the session")
        self.language = language


@dataclass(frozen=True)
class JoinResult:
    """`status` is one of open, unknown, closed, expired, malformed; `session` is set when known."""

    status: str
    session: dict | None = None


def create_session(
    db: sqlite_utils.Database,
    municipality_id: str,
    survey_version_id: int,
    *,
    label: str | None = None,
    service_area: str | None = None,
    shared_device: bool = True,
    idle_timeout_minutes: int = DEFAULT_IDLE_TIMEOUT_MINUTES,
    expires_at: datetime | None = None,
    code: str | None = None,
    now: datetime | None = None,
    language: str | None = None,
    allow_draft: bool = False,
) -> dict:
    """Create an open session with a fresh join code (or the given one).

    `language` is the language the session opens in (Swedish when None); it must be offered to
    participants, and a draft translation needs `allow_draft=True`: the caller has shown the warning.
    """
    if code is not None and not is_well_formed(normalize_code(code)):
        raise ValueError(f"join code {code!r} is not six characters from the code alphabet")
    if language is not None:
        if language not in complete_languages():
            raise ValueError(f"language {language!r} is not offered to participants (its strings are incomplete)")
        if language == DEFAULT_LANGUAGE:
            language = None
        elif review_state(language).is_draft and not allow_draft:
            raise DraftLanguage(language)
    for _ in range(CODE_ATTEMPTS):
        candidate = normalize_code(code) if code else generate_code()
        try:
            with write_transaction(db) as conn:
                cursor = conn.execute(
                    "INSERT INTO sessions (code, municipality_id, survey_version_id, label, service_area, "
                    "shared_device, idle_timeout_minutes, created_at, expires_at, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        candidate,
                        municipality_id,
                        survey_version_id,
                        label,
                        service_area,
                        int(shared_device),
                        idle_timeout_minutes,
                        to_iso(now or utc_now()),
                        to_iso(expires_at) if expires_at else None,
                        language,
                    ),
                )
            return db["sessions"].get(cursor.lastrowid)
        except sqlite3.IntegrityError:
            if code:
                raise
    raise RuntimeError("could not find a free join code")


def find_session(db: sqlite_utils.Database, raw_code: str | None, now: datetime | None = None) -> JoinResult:
    """Look up a typed or linked code and say whether it can be joined."""
    code = normalize_code(raw_code)
    if not is_well_formed(code):
        return JoinResult("malformed")
    rows = list(db.query("SELECT * FROM sessions WHERE code = ?", [code]))
    if not rows:
        return JoinResult("unknown")
    session = rows[0]
    if session["status"] == "closed":
        return JoinResult("closed", session)
    expires_at = from_iso(session["expires_at"])
    if expires_at is not None and expires_at <= (now or utc_now()):
        return JoinResult("expired", session)
    return JoinResult("open", session)


def get_session(db: sqlite_utils.Database, session_id: int) -> dict:
    # Plain SQL: sqlite_utils' Table.get looks the table's columns and keys up first, on every answering screen.
    rows = list(db.query("SELECT * FROM sessions WHERE id = ?", [session_id]))
    if not rows:
        raise sqlite_utils.db.NotFoundError(session_id)
    return rows[0]


def close_session(db: sqlite_utils.Database, session_id: int) -> None:
    with write_transaction(db) as conn:
        conn.execute("UPDATE sessions SET status = 'closed' WHERE id = ?", (session_id,))


def list_sessions(db: sqlite_utils.Database, municipality_id: str | None = None) -> list[dict]:
    sql = "SELECT * FROM sessions"
    params: list = []
    if municipality_id:
        sql += " WHERE municipality_id = ?"
        params.append(municipality_id)
    return list(db.query(sql + " ORDER BY created_at DESC", params))
