"""Lundy's four elements, recorded per activity: was there Space, Voice, Audience and Influence?

Laura Lundy's model of children's participation (domain.md) asks four things of
every activity where children give their views. For each survey round (a
session) and each workshop, the facilitator fills a short checklist: a tick
and a short note per element, with two dates:

- Space: a safe, inclusive place ("the children chose where to sit");
- Voice: ways to give views ("answers can be given without words");
- Audience: who will read this, and by when (`audience_by`);
- Influence: when and how the children will hear back (`influence_by`).

The checklist is shown beside the results on the dashboard and in the board
report's method section. A round whose Influence date has passed, without a
published "Ni sa – vi gjorde" action of its municipality recorded since the round
began, is overdue: the municipality's analysts see it on the dashboard.

Notes are written by staff about how the activity was run, never about a child.

    >>> save(db, fia, session_id=3, ticks={"space": True}, notes={"space": "Eget rum, barnen valde plats"},
    ...      influence_by="2026-12-15")
    >>> overdue(db, analyst, "bjorkdala", today=date(2027, 1, 1))[0]["label"]
    'Barn 7–12 hösten'
"""

from __future__ import annotations

import re
from datetime import date

import sqlite_utils

from barnrosten.access import audit
from barnrosten.access.roles import Principal, require
from barnrosten.results.filters import Filters, month_from_index, month_index
from barnrosten.storage.db import to_iso, utc_now, write_transaction
from barnrosten.textclean import clean_free_text

ELEMENTS = ("space", "voice", "audience", "influence")
MAX_NOTE = 200
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class InvalidChecklist(ValueError):
    """What is wrong, as a key for the message (lundy.error_<key>)."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _activity(db: sqlite_utils.Database, session_id: int | None, workshop_id: int | None) -> dict:
    """kind, id, municipality, label, code, started (YYYY-MM-DD) of one session or workshop; KeyError if none."""
    if (session_id is None) == (workshop_id is None):
        raise InvalidChecklist("activity")
    if session_id is not None:
        rows = list(db.query(_SESSIONS + " WHERE s.id = ?", [int(session_id)]))
    else:
        rows = list(db.query(_WORKSHOPS + " WHERE w.id = ?", [int(workshop_id)]))
    if not rows:
        raise KeyError(session_id or workshop_id)
    return rows[0]


_SESSIONS = ("SELECT 'survey' AS kind, s.id, s.municipality_id AS municipality, COALESCE(s.label, sv.survey_id) AS label, "
             "sv.survey_id AS survey, s.code, substr(s.created_at, 1, 10) AS started FROM sessions s "
             "JOIN survey_versions sv ON sv.id = s.survey_version_id")
_WORKSHOPS = ("SELECT 'workshop' AS kind, w.id, w.municipality_id AS municipality, w.title AS label, NULL AS survey, "
              "w.code, substr(w.created_at, 1, 10) AS started FROM workshops w")


def _require_reader(principal: Principal | None, municipality: str) -> Principal:
    """Facilitators fill the checklist; analysts read it beside the results (admins both)."""
    if principal is not None and (principal.can("facilitator", municipality) or principal.can("analyst", municipality)):
        return principal
    raise PermissionError(f"requires role 'facilitator' or 'analyst' in {municipality!r}")


def _valid_date(value: str | date | None) -> str | None:
    if value in (None, ""):
        return None
    text = value.isoformat() if isinstance(value, date) else str(value).strip()
    if not _DATE.match(text):
        raise InvalidChecklist("date")
    try:
        date.fromisoformat(text)
    except ValueError as wrong:
        raise InvalidChecklist("date") from wrong
    return text


def save(db: sqlite_utils.Database, principal: Principal | None, *, session_id: int | None = None,
         workshop_id: int | None = None, ticks: dict[str, bool] | None = None, notes: dict[str, str] | None = None,
         audience_by: str | date | None = None, influence_by: str | date | None = None) -> dict:
    """Fill (or change) the checklist of one survey round or workshop; only its municipality's facilitators and admins."""
    activity = _activity(db, session_id, workshop_id)
    require(principal, "facilitator", activity["municipality"])
    ticks, notes = ticks or {}, notes or {}
    if set(ticks) - set(ELEMENTS) or set(notes) - set(ELEMENTS):
        raise InvalidChecklist("element")
    values = {}
    for element in ELEMENTS:
        values[f"{element}_ok"] = int(bool(ticks.get(element)))
        values[f"{element}_note"] = clean_free_text(notes.get(element) or "", MAX_NOTE).strip()
    values["audience_by"], values["influence_by"] = _valid_date(audience_by), _valid_date(influence_by)
    columns = list(values)
    with write_transaction(db) as conn:
        conn.execute(
            f"INSERT INTO lundy_checklists (municipality_id, session_id, workshop_id, {', '.join(columns)}, updated_by, "
            f"updated_at) VALUES (?, ?, ?, {', '.join('?' for _ in columns)}, ?, ?) "
            f"ON CONFLICT ({'session_id' if session_id is not None else 'workshop_id'}) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in [*columns, "updated_by", "updated_at"]),
            (activity["municipality"], session_id if session_id is None else int(session_id),
             workshop_id if workshop_id is None else int(workshop_id), *values.values(), principal.username,
             to_iso(utc_now())))
    audit.record(db, principal.username, "lundy_saved", activity["municipality"], kind=activity["kind"],
                 activity=activity["id"])
    return checklist(db, principal, session_id=session_id, workshop_id=workshop_id)


def checklist(db: sqlite_utils.Database, principal: Principal | None, *, session_id: int | None = None,
              workshop_id: int | None = None) -> dict | None:
    """The checklist of one activity (None when not filled yet)."""
    activity = _activity(db, session_id, workshop_id)
    _require_reader(principal, activity["municipality"])
    column = "session_id" if session_id is not None else "workshop_id"
    rows = list(db.query(f"SELECT * FROM lundy_checklists WHERE {column} = ?", [int(activity["id"])]))
    return _shape(rows[0]) if rows else None


def _shape(row: dict) -> dict:
    return {"ticks": {e: bool(row[f"{e}_ok"]) for e in ELEMENTS}, "notes": {e: row[f"{e}_note"] for e in ELEMENTS},
            "audience_by": row["audience_by"], "influence_by": row["influence_by"], "updated_by": row["updated_by"],
            "updated_at": row["updated_at"]}


def activities(db: sqlite_utils.Database, principal: Principal | None, municipality: str,
               filters: Filters | None = None, today: date | None = None) -> list[dict]:
    """The municipality's survey rounds and workshops, newest first, each with its checklist and whether it is overdue.

    Rows: kind ('survey' or 'workshop'), id, label, code, started, checklist (or None), complete (all four
    ticked), overdue. With `filters`, only activities begun in its period (and, for rounds, of its survey).
    """
    _require_reader(principal, municipality)
    today = today or utc_now().date()
    where, params = " WHERE {table}.municipality_id = ?", [municipality]
    if filters is not None:
        start = filters.start + "-01"
        end = month_from_index(month_index(filters.end) + 1) + "-01"
        where += " AND {table}.created_at >= ? AND {table}.created_at < ?"
        params += [start, end]
    sessions = list(db.query(_SESSIONS + where.format(table="s")
                             + (" AND sv.survey_id = ?" if filters is not None and filters.survey else "")
                             + " AND s.label IS NOT 'Workshop'",  # a workshop's own survey part is the workshop's
                             params + ([filters.survey] if filters is not None and filters.survey else [])))
    workshops = [] if filters is not None and filters.survey else list(db.query(_WORKSHOPS + where.format(table="w"),
                                                                              params))
    checklists = {(("survey" if row["session_id"] is not None else "workshop"),
                   row["session_id"] if row["session_id"] is not None else row["workshop_id"]): _shape(row)
                  for row in db.query("SELECT * FROM lundy_checklists WHERE municipality_id = ?", [municipality])}
    published = sorted(row[0] for row in db.execute(
        "SELECT substr(created_at, 1, 10) FROM actions WHERE municipality_id = ? AND published = 1", [municipality]))
    rows = []
    for activity in sorted(sessions + workshops, key=lambda a: (a["started"], a["kind"], a["id"]), reverse=True):
        filled = checklists.get((activity["kind"], activity["id"]))
        rows.append({**activity, "checklist": filled,
                     "complete": bool(filled) and all(filled["ticks"].values()),
                     "overdue": _is_overdue(activity, filled, published, today)})
    return rows


def _is_overdue(activity: dict, filled: dict | None, published: list[str], today: date) -> bool:
    """The Influence date has passed and no published action has been recorded since the activity began."""
    if not filled or not filled["influence_by"] or date.fromisoformat(filled["influence_by"]) >= today:
        return False
    return not any(day >= activity["started"] for day in published)


def overdue(db: sqlite_utils.Database, principal: Principal | None, municipality: str,
            today: date | None = None) -> list[dict]:
    """Rounds and workshops whose children have not heard back in time: for the municipality's analysts."""
    require(principal, "analyst", municipality)
    return [row for row in activities(db, principal, municipality, today=today) if row["overdue"]]
