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
from barnrosten.formatting import excel_csv, local_time
from barnrosten.i18n import load_locale, t
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


def readable(row: dict, language: str = "sv") -> dict:
    """An entry as staff read it: Swedish time, the event in words, the details as 'Fil: svar.csv · Rader: 5'.

    An event or detail without a text of its own keeps its technical name (never hidden).
    """
    action = row["action"]
    return {"at": local_time(row["at"], seconds=True), "actor": row["actor"], "target": row["target"],
            "action": _text_or(f"audit.action_{action}", action, language),
            "details": _readable_details(row["details"], language)}


def _readable_details(details: str | None, language: str) -> str:
    if not details:
        return ""
    try:
        values = json.loads(details)
    except ValueError:
        return details
    if not isinstance(values, dict):
        return _plain(values, language)
    parts = []
    for key, value in values.items():
        parts.append(f"{_text_or(f'audit.detail_{key}', key, language)}: {_plain(value, language)}")
    return " · ".join(parts)


def _text_or(key: str, fallback: str, language: str) -> str:
    return t(key, language) if key in load_locale("sv") else fallback


def _plain(value, language: str) -> str:
    """A detail's value without JSON brackets and quotes: lists joined, pairs (a role and its municipality) with ':'."""
    if isinstance(value, dict):
        return ", ".join(f"{key}={_plain(item, language)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(item, (list, tuple)) for item in value):
            return ", ".join(":".join(str(part) for part in item if part is not None) for item in value)
        return ", ".join(_plain(item, language) for item in value)
    if isinstance(value, bool):
        return t("audit.yes" if value else "audit.no", language)
    return "" if value is None else str(value)
