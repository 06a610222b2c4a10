"""The safeguarding review queue: every flagged comment, its status, and who changed it when.

Anonymous feedback is not a report channel, but children disclose harm in it
(domain.md). A flag is written when the comment is saved; `flag_annotated_risks`
also flags any stored comment the current analysis marks as a risk (after an
import or a lexicon update), so nothing flagged can sit unseen. Staff of the
municipality (analysts and facilitators) and admins work through the queue:
new -> seen -> acted on. Every status change is kept, and every view of the
queue (it shows free text) is audited.

    >>> queue(db, principal, "alby")[0]["status"]
    'new'
"""

from __future__ import annotations

import json

import sqlite_utils

from analysis.personal_data import redact
from barnrosten.access import audit
from barnrosten.access.roles import Principal
from barnrosten.answering.annotations import STORED_VERSION
from barnrosten.storage.db import to_iso, utc_now, write_transaction
from barnrosten.textclean import clean_free_text

STATUSES = ("new", "seen", "acted_on")
# The municipal roles that review flags: analysts read results, facilitators are in the room.
REVIEW_ROLES = ("analyst", "facilitator")
MAX_NOTE_LENGTH = 500


def may_review(principal: Principal | None, municipality_id: str) -> bool:
    return principal is not None and any(principal.can(role, municipality_id) for role in REVIEW_ROLES)


def _require_reviewer(principal: Principal | None, municipality_id: str) -> Principal:
    if not may_review(principal, municipality_id):
        raise PermissionError(f"reviewing safety flags of {municipality_id!r} needs an analyst or facilitator role there")
    return principal


def reviewable_municipalities(principal: Principal | None, all_ids: list[str]) -> list[str]:
    """The municipalities whose queue this user may open."""
    return [m for m in all_ids if may_review(principal, m)]


def flag_annotated_risks(db: sqlite_utils.Database, version: str = STORED_VERSION) -> int:
    """Flag every answer whose stored annotation is a risk but has no flag yet; returns how many."""
    moment = to_iso(utc_now())
    with write_transaction(db) as conn:
        cursor = conn.execute(
            "INSERT OR IGNORE INTO safety_flags (participant_token, question_id, categories, flagged_at) "
            "SELECT a.participant_token, a.question_id, json_extract(n.result, '$.risk_categories'), ? "
            "FROM answers a JOIN annotations n ON n.text_hash = a.text_hash AND n.pipeline_version = ? "
            "WHERE json_extract(n.result, '$.risk') = 1 AND NOT EXISTS (SELECT 1 FROM safety_flags f "
            "WHERE f.participant_token = a.participant_token AND f.question_id = a.question_id)",
            (moment, version),
        )
    return cursor.rowcount


def new_count(db: sqlite_utils.Database, principal: Principal | None, municipality_ids: list[str]) -> int:
    """How many flags are still new in the municipalities this user reviews (for the badge in the menu)."""
    allowed = reviewable_municipalities(principal, municipality_ids)
    if not allowed:
        return 0
    marks = ", ".join("?" for _ in allowed)
    return db.execute(
        "SELECT COUNT(*) FROM safety_flags f JOIN participants p ON p.token = f.participant_token "
        f"JOIN sessions s ON s.id = p.session_id WHERE f.status = 'new' AND s.municipality_id IN ({marks})",
        allowed).fetchone()[0]


def queue(db: sqlite_utils.Database, principal: Principal | None, municipality_id: str,
          status: str | None = None) -> list[dict]:
    """Flags of one municipality, new ones first, then newest first.

    Rows of: key (token|question, to address the flag), flagged_at, categories (list), status,
    redacted (the comment with personal data replaced), session_label, service_area,
    history (rows of status, changed_by, changed_at, note). The raw text is never returned.
    """
    _require_reviewer(principal, municipality_id)
    sql = (
        "SELECT f.participant_token, f.question_id, f.flagged_at, f.categories, f.status, a.value, "
        "s.label AS session_label, s.service_area FROM safety_flags f "
        "JOIN answers a ON a.participant_token = f.participant_token AND a.question_id = f.question_id "
        "JOIN participants p ON p.token = f.participant_token JOIN sessions s ON s.id = p.session_id "
        "WHERE s.municipality_id = ?"
    )
    params: list = [municipality_id]
    if status is not None:
        sql += " AND f.status = ?"
        params.append(status)
    rows = []
    for row in db.query(sql + " ORDER BY f.status = 'new' DESC, f.flagged_at DESC", params):
        text = json.loads(row["value"]) if row["value"] else ""
        history = list(db.query(
            "SELECT status, changed_by, changed_at, note FROM safety_flag_events "
            "WHERE participant_token = ? AND question_id = ? ORDER BY id", [row["participant_token"], row["question_id"]]))
        rows.append({
            "key": f"{row['participant_token']}|{row['question_id']}", "flagged_at": row["flagged_at"],
            "categories": json.loads(row["categories"]), "status": row["status"],
            "redacted": redact(text).text if text else "", "session_label": row["session_label"],
            "service_area": row["service_area"], "history": history,
        })
    audit.record(db, principal.username, "safety_queue_viewed", municipality_id, shown=len(rows))
    return rows


def set_status(db: sqlite_utils.Database, principal: Principal | None, key: str, status: str,
               note: str | None = None) -> None:
    """Move a flag to `status`, recording who and when (and a short note, e.g. what was done)."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}")
    token, _, question_id = key.partition("|")
    row = db.execute(
        "SELECT s.municipality_id FROM safety_flags f JOIN participants p ON p.token = f.participant_token "
        "JOIN sessions s ON s.id = p.session_id WHERE f.participant_token = ? AND f.question_id = ?",
        [token, question_id]).fetchone()
    if row is None:
        raise KeyError("no such flag")
    _require_reviewer(principal, row[0])
    # Typed by staff, read by other staff: cleaned like children's free text (no NUL, no bidi overrides).
    note = clean_free_text(note, MAX_NOTE_LENGTH) or None
    moment = to_iso(utc_now())
    with write_transaction(db) as conn:
        conn.execute("UPDATE safety_flags SET status = ? WHERE participant_token = ? AND question_id = ?",
                     (status, token, question_id))
        conn.execute(
            "INSERT INTO safety_flag_events (participant_token, question_id, status, changed_by, changed_at, note) "
            "VALUES (?, ?, ?, ?, ?, ?)", (token, question_id, status, principal.username, moment, note))
    audit.record(db, principal.username, "safety_flag_status", row[0], status=status)
