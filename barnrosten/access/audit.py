"""The audit log: who did what, when. Append-only (SQLite triggers refuse updates and deletes).

    >>> record(db, "anna", "login")
    >>> [row["action"] for row in entries(db)]
    ['login']

Never put a password, a password hash or participant text in `details`.
"""

from __future__ import annotations

import json

import sqlite_utils

from barnrosten.access.roles import require
from barnrosten.formatting import excel_csv
from barnrosten.storage.db import to_iso, utc_now, write_transaction

# Keys that must never reach the log, whatever a caller passes.
FORBIDDEN_DETAIL_KEYS = {"password", "password_hash", "new_password", "token", "text", "value"}


def record(db: sqlite_utils.Database, actor: str | None, action: str, target: str | None = None, **details) -> None:
    if FORBIDDEN_DETAIL_KEYS & set(details):
        raise ValueError(f"audit details may not contain {sorted(FORBIDDEN_DETAIL_KEYS & set(details))}")
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO audit_log (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)",
            (to_iso(utc_now()), actor, action, target, json.dumps(details, ensure_ascii=False) if details else None),
        )


def entries(db: sqlite_utils.Database, principal, limit: int = 500) -> list[dict]:
    """Newest first. Admins only."""
    require(principal, "admin")
    return list(db.query("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", [limit]))


def export_csv(db: sqlite_utils.Database, principal) -> bytes:
    """The whole audit log as CSV for Swedish Excel (formulas kept as text). Admins only; logged itself."""
    require(principal, "admin")
    rows = [["id", "at", "actor", "action", "target", "details"]]
    rows += [list(row) for row in db.execute("SELECT id, at, actor, action, target, details FROM audit_log ORDER BY id")]
    record(db, principal.username, "export", "audit_log")
    return excel_csv(rows)
