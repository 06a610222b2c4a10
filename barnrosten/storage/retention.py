"""Retention and deletion: raw free text does not live for ever; aggregates stay.

    >>> purge_free_text(db, months=24, actor="manage.py")   # text older than 24 months
    >>> delete_session_data(db, session_id, actor="admin")   # one session's answers, gone

Purged answers keep their row (question, skip flag, time) and their
annotation's sentiment and themes, so counts and trends stay right, but the
text and its redacted copy are removed. Every run is in the audit log.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import sqlite_utils

from barnrosten.access import audit
from barnrosten.storage.db import to_iso, utc_now, write_transaction

DEFAULT_RETENTION_MONTHS = 24
DAYS_PER_MONTH = 30.44


def retention_cutoff(months: int, now: datetime | None = None) -> datetime:
    return (now or utc_now()) - timedelta(days=months * DAYS_PER_MONTH)


def purge_free_text(db: sqlite_utils.Database, months: int = DEFAULT_RETENTION_MONTHS, *, actor: str | None = None,
                    now: datetime | None = None) -> int:
    """Remove free text answered before the cutoff; returns how many answers were purged."""
    if months < 1:
        raise ValueError("retention must be at least one month")
    cutoff = to_iso(retention_cutoff(months, now))
    with write_transaction(db) as conn:
        hashes = [row[0] for row in conn.execute(
            "SELECT DISTINCT text_hash FROM answers WHERE text_hash IS NOT NULL AND answered_at < ?", (cutoff,))]
        _drop_embeddings(conn, _texts_of(conn, "answered_at < ?", (cutoff,)))
        cursor = conn.execute(
            "UPDATE answers SET value = NULL WHERE text_hash IS NOT NULL AND answered_at < ?", (cutoff,))
        purged = cursor.rowcount
        _drop_text_of_unused_annotations(conn, hashes)
        audit.record(db, actor, "free_text_purged", f"older than {months} months", answers=purged)
    return purged


def _texts_of(conn, where: str, params: tuple) -> list[str]:
    return [json.loads(row[0]) for row in conn.execute(
        f"SELECT DISTINCT value FROM answers WHERE text_hash IS NOT NULL AND value IS NOT NULL AND {where}", params)]


def _drop_embeddings(conn, texts: list[str]) -> None:
    """Vectors are derived from the text: they go with it."""
    if not texts:
        return
    from analysis.embeddings import text_key

    conn.executemany("DELETE FROM embeddings WHERE text_key = ?", [(text_key(t),) for t in texts])


def _drop_text_of_unused_annotations(conn, hashes: list[str]) -> None:
    """Annotations of texts no answer holds any more keep sentiment and themes, lose the redacted text."""
    for text_hash in hashes:
        still_used = conn.execute(
            "SELECT 1 FROM answers WHERE text_hash = ? AND value IS NOT NULL LIMIT 1", (text_hash,)).fetchone()
        if still_used:
            continue
        for version, result in conn.execute(
                "SELECT pipeline_version, result FROM annotations WHERE text_hash = ?", (text_hash,)).fetchall():
            data = json.loads(result)
            data["redacted"] = None
            conn.execute("UPDATE annotations SET result = ? WHERE text_hash = ? AND pipeline_version = ?",
                         (json.dumps(data, ensure_ascii=False), text_hash, version))


def _delete_participants(conn, where: str, params: tuple) -> tuple[int, list[str]]:
    tokens = [row[0] for row in conn.execute(f"SELECT token FROM participants WHERE {where}", params)]
    _drop_embeddings(conn, _texts_of(conn, f"participant_token IN (SELECT token FROM participants WHERE {where})", params))
    hashes = []
    for start in range(0, len(tokens), 500):
        chunk = tokens[start:start + 500]
        marks = ",".join("?" * len(chunk))
        hashes += [row[0] for row in conn.execute(
            f"SELECT DISTINCT text_hash FROM answers WHERE text_hash IS NOT NULL AND participant_token IN ({marks})", chunk)]
        conn.execute(f"DELETE FROM safety_flags WHERE participant_token IN ({marks})", chunk)
        conn.execute(f"DELETE FROM safety_flag_events WHERE participant_token IN ({marks})", chunk)
        conn.execute(f"DELETE FROM answers WHERE participant_token IN ({marks})", chunk)
        conn.execute(f"DELETE FROM participants WHERE token IN ({marks})", chunk)
    return len(tokens), hashes


def delete_session_data(db: sqlite_utils.Database, session_id: int, *, actor: str | None = None) -> int:
    """Delete every participant and answer of one session (the session itself stays, closed)."""
    with write_transaction(db) as conn:
        count, hashes = _delete_participants(conn, "session_id = ?", (session_id,))
        _drop_text_of_unused_annotations(conn, hashes)
        conn.execute("UPDATE sessions SET status = 'closed' WHERE id = ?", (session_id,))
        audit.record(db, actor, "session_data_deleted", str(session_id), participants=count)
    return count


def delete_survey_data(db: sqlite_utils.Database, survey_id: str, *, actor: str | None = None) -> int:
    """Delete every participant and answer of every session of one survey."""
    where = "session_id IN (SELECT s.id FROM sessions s JOIN survey_versions v ON v.id = s.survey_version_id WHERE v.survey_id = ?)"
    with write_transaction(db) as conn:
        count, hashes = _delete_participants(conn, where, (survey_id,))
        _drop_text_of_unused_annotations(conn, hashes)
        audit.record(db, actor, "survey_data_deleted", survey_id, participants=count)
    return count
