""""You said, we did" ("Ni sa – vi gjorde"): what a municipality changed after listening to children.

Staff (analysts of the municipality, or admins) record an action linked to a
theme, written in plain words for one audience (children 7-12, young people,
guardians, placed children, or everyone), with a status and a date. Published
actions are public: children see them on the finish screen and on a page per
municipality without logging in. The text is written by staff and contains
no answers, so it is safe to show to anyone; it is still shown as plain text.

    >>> add_action(db, principal, "alby", theme="continuity", audience="children",
    ...            said="Ni sa att ni fick byta socialsekreterare för ofta.",
    ...            did="Nu får varje barn samma socialsekreterare under hela utredningen.",
    ...            status="done", status_date="2026-10-01")
"""

from __future__ import annotations

import re
from datetime import date

import sqlite_utils

from analysis.taxonomy import theme_ids
from barnrosten.access import audit
from barnrosten.access.roles import Principal, require
from barnrosten.results.filters import RESPONDENT_GROUPS
from barnrosten.storage.db import to_iso, utc_now, write_transaction
from barnrosten.textclean import clean_free_text

AUDIENCES = ("all", *RESPONDENT_GROUPS)
STATUSES = ("planned", "in_progress", "done")
# How "we did" is worded for each status, so a plan is never shown as done: "Vi ska", "Vi håller på med", "Vi gjorde".
DID_LABEL_KEYS = {"planned": "public.we_will", "in_progress": "public.we_are_doing", "done": "public.we_did"}
# Long enough for two plain sentences; a child reads it on a tablet.
MAX_TEXT_LENGTH = 400
# On the finish screen: a few, newest first, so it stays a short read.
FINISH_SCREEN_LIMIT = 3
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class InvalidAction(ValueError):
    """What is wrong, as a key for the message (actions.error_<field>)."""

    def __init__(self, field: str):
        super().__init__(field)
        self.field = field


def _clean(db, municipality_id: str, theme: str | None, audience: str, said: str, did: str, status: str,
           status_date: str) -> dict:
    said, did = clean_free_text(said or "", MAX_TEXT_LENGTH).strip(), clean_free_text(did or "", MAX_TEXT_LENGTH).strip()
    if not said:
        raise InvalidAction("said")
    if not did:
        raise InvalidAction("did")
    if theme is not None and theme not in theme_ids():
        raise InvalidAction("theme")
    if audience not in AUDIENCES:
        raise InvalidAction("audience")
    if status not in STATUSES:
        raise InvalidAction("status")
    try:
        if not _DATE.match(status_date or ""):
            raise ValueError
        date.fromisoformat(status_date)
    except ValueError:
        raise InvalidAction("status_date") from None
    if db.execute("SELECT 1 FROM municipalities WHERE id = ?", [municipality_id]).fetchone() is None:
        raise InvalidAction("municipality")
    return {"theme": theme, "audience": audience, "said": said, "did": did, "status": status, "status_date": status_date}


def add_action(db: sqlite_utils.Database, principal: Principal | None, municipality_id: str, *, theme: str | None,
               audience: str, said: str, did: str, status: str, status_date: str, published: bool = True) -> int:
    require(principal, "analyst", municipality_id)
    values = _clean(db, municipality_id, theme, audience, said, did, status, status_date)
    moment = to_iso(utc_now())
    with write_transaction(db) as conn:
        cursor = conn.execute(
            "INSERT INTO actions (municipality_id, theme, audience, said, did, status, status_date, published, "
            "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (municipality_id, values["theme"], values["audience"], values["said"], values["did"], values["status"],
             values["status_date"], int(published), principal.username, moment, moment))
        audit.record(db, principal.username, "action_added", municipality_id, action_id=cursor.lastrowid)
    return cursor.lastrowid


def update_action(db: sqlite_utils.Database, principal: Principal | None, action_id: int, **changes) -> None:
    """Change any of theme, audience, said, did, status, status_date, published."""
    row = db.execute("SELECT * FROM actions WHERE id = ?", [action_id]).fetchone()
    if row is None:
        raise KeyError(action_id)
    current = dict(zip([c[0] for c in db.execute("SELECT * FROM actions LIMIT 0").description], row))
    require(principal, "analyst", current["municipality_id"])
    merged = {**current, **changes}
    values = _clean(db, current["municipality_id"], merged["theme"], merged["audience"], merged["said"], merged["did"],
                    merged["status"], merged["status_date"])
    with write_transaction(db) as conn:
        conn.execute(
            "UPDATE actions SET theme = ?, audience = ?, said = ?, did = ?, status = ?, status_date = ?, published = ?, "
            "updated_at = ? WHERE id = ?",
            (values["theme"], values["audience"], values["said"], values["did"], values["status"], values["status_date"],
             int(bool(merged["published"])), to_iso(utc_now()), action_id))
        audit.record(db, principal.username, "action_changed", current["municipality_id"], action_id=action_id,
                     fields=sorted(changes))


def actions_for_staff(db: sqlite_utils.Database, principal: Principal | None, municipality_id: str) -> list[dict]:
    """Every action of the municipality, published or not, newest first."""
    require(principal, "analyst", municipality_id)
    return list(db.query("SELECT * FROM actions WHERE municipality_id = ? ORDER BY status_date DESC, id DESC",
                         [municipality_id]))


def public_actions(db: sqlite_utils.Database, municipality_id: str, audience: str | None = None,
                   limit: int | None = None) -> list[dict]:
    """Published actions anyone may read: for `audience` (and those for everyone), newest first.

    Rows of: theme, audience, said, did, status, status_date. Nothing about who wrote them.
    """
    sql = ("SELECT theme, audience, said, did, status, status_date FROM actions "
           "WHERE municipality_id = ? AND published = 1")
    params: list = [municipality_id]
    if audience is not None:
        sql += " AND audience IN ('all', ?)"
        params.append(audience)
    sql += " ORDER BY status_date DESC, id DESC"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return list(db.query(sql, params))


def municipalities_with_actions(db: sqlite_utils.Database) -> list[dict]:
    """Rows of id, name for municipalities that have published something (for the public page's list)."""
    return list(db.query(
        "SELECT m.id, m.name FROM municipalities m WHERE EXISTS (SELECT 1 FROM actions a "
        "WHERE a.municipality_id = m.id AND a.published = 1) ORDER BY m.name"))
