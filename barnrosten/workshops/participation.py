"""Workshops, the participant's side: join without an account, post cards, spend dots, rate the journey.

A participant is a random token, like an answering child: no name, no IP
address. Everything a participant does is checked against the workshop's
current activity and status, so a stale screen cannot post into an activity
the facilitator has left.

    >>> token = join(db, "KB47HX").token
    >>> post_card(db, token, "Fler möten på kvällstid").status
    'shown'
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

import sqlite_utils

from analysis.personal_data import redact
from analysis.safeguarding import assess
from barnrosten.answering.join_codes import is_well_formed, normalize_code
from barnrosten.answering.responses import new_token
from barnrosten.storage.db import to_iso, utc_now, write_transaction
from barnrosten.textclean import clean_free_text

MAX_CARD_LENGTH = 200
MAX_COMMENT_LENGTH = 300


class NotNow(Exception):
    """The workshop is paused or ended, or has moved on to another activity."""


class NoDotsLeft(Exception):
    """Every dot is spent."""


@dataclass(frozen=True)
class Joined:
    status: str  # joined, malformed, unknown, locked, ended
    token: str | None = None


@dataclass(frozen=True)
class PostedCard:
    status: str  # shown, or held when it may disclose harm (the participant then sees where help is)
    card_id: int


def join(db: sqlite_utils.Database, raw_code: str | None) -> Joined:
    code = normalize_code(raw_code)
    if not is_well_formed(code):
        return Joined("malformed")
    rows = list(db.query("SELECT id, status, join_locked FROM workshops WHERE code = ?", [code]))
    if not rows:
        return Joined("unknown")
    workshop = rows[0]
    if workshop["status"] == "ended":
        return Joined("ended")
    if workshop["join_locked"]:
        return Joined("locked")
    token = new_token()
    with write_transaction(db) as conn:
        conn.execute("INSERT INTO workshop_participants (token, workshop_id, joined_at) VALUES (?, ?, ?)",
                     (token, workshop["id"], to_iso(utc_now())))
    return Joined("joined", token)


def screen(db: sqlite_utils.Database, token: str | None) -> dict | None:
    """What this participant's screen shows now: workshop and current activity (None for an unknown token).

    Keys: workshop (row), activity (row with settings as a dict, or None), position, count.
    """
    if not token:
        return None
    rows = list(db.query("SELECT w.* FROM workshop_participants p JOIN workshops w ON w.id = p.workshop_id "
                         "WHERE p.token = ?", [token]))
    if not rows:
        return None
    workshop = rows[0]
    activities = list(db.query("SELECT * FROM workshop_activities WHERE workshop_id = ? ORDER BY position",
                               [workshop["id"]]))
    activity = next((a for a in activities if a["position"] == workshop["current_position"]), None)
    if activity:
        activity["settings"] = json.loads(activity["settings"])
    return {"workshop": workshop, "activity": activity, "position": workshop["current_position"], "count": len(activities)}


def _current(db, token: str, kind: str) -> dict:
    now = screen(db, token)
    if now is None:
        raise KeyError("unknown participant")
    if now["workshop"]["status"] != "running" or not now["activity"] or now["activity"]["kind"] != kind:
        raise NotNow(kind)
    return now


def post_card(db: sqlite_utils.Database, token: str, text: str) -> PostedCard:
    """Post an idea card; shown with personal data replaced, or held back if it may disclose harm."""
    now = _current(db, token, "ideas")
    cleaned = clean_free_text(text, MAX_CARD_LENGTH).strip()
    if not cleaned:
        raise ValueError("empty card")
    risk = assess(cleaned)
    status = "held" if risk.risk else "shown"
    with write_transaction(db) as conn:
        card_id = conn.execute(
            "INSERT INTO idea_cards (workshop_id, activity_id, participant_token, text, shown_text, status, "
            "risk_categories, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (now["workshop"]["id"], now["activity"]["id"], token, cleaned, redact(cleaned).text, status,
             json.dumps(list(risk.categories)), to_iso(utc_now()))).lastrowid
    return PostedCard(status, card_id)


def my_cards(db: sqlite_utils.Database, token: str) -> list[dict]:
    return list(db.query("SELECT id, shown_text, status FROM idea_cards WHERE participant_token = ? ORDER BY id",
                         [token]))


def dots_left(db: sqlite_utils.Database, token: str) -> int:
    row = db.execute(
        "SELECT w.dots_per_person - (SELECT COUNT(*) FROM card_votes v WHERE v.participant_token = p.token) "
        "FROM workshop_participants p JOIN workshops w ON w.id = p.workshop_id WHERE p.token = ?", [token]).fetchone()
    return row[0] if row else 0


def my_votes(db: sqlite_utils.Database, token: str) -> dict[int, int]:
    """card id -> dots this participant put on it."""
    return {card: n for card, n in db.execute(
        "SELECT card_id, COUNT(*) FROM card_votes WHERE participant_token = ? GROUP BY card_id", [token])}


def vote(db: sqlite_utils.Database, token: str, card_id: int) -> None:
    """Put one dot on a card. SQLite refuses a dot over the budget (a trigger), whatever the screen believes."""
    now = _current(db, token, "voting")
    card = db.execute("SELECT workshop_id, status FROM idea_cards WHERE id = ?", [card_id]).fetchone()
    if card is None or card[0] != now["workshop"]["id"] or card[1] != "shown":
        raise KeyError("no such card on this wall")
    try:
        with write_transaction(db) as conn:
            conn.execute("INSERT INTO card_votes (workshop_id, card_id, participant_token, created_at) VALUES (?, ?, ?, ?)",
                         (now["workshop"]["id"], card_id, token, to_iso(utc_now())))
    except sqlite3.IntegrityError as refused:
        raise NoDotsLeft() from refused


def unvote(db: sqlite_utils.Database, token: str, card_id: int) -> None:
    """Take one of this participant's dots back from a card."""
    _current(db, token, "voting")
    with write_transaction(db) as conn:
        conn.execute("DELETE FROM card_votes WHERE id = (SELECT MAX(id) FROM card_votes WHERE participant_token = ? "
                     "AND card_id = ?)", (token, card_id))


def rate_step(db: sqlite_utils.Database, token: str, step: int, face: int, comment: str | None = None) -> str | None:
    """Rate one step of the journey (a face 1-5 and an optional comment); returns 'help' if the comment may disclose harm."""
    now = _current(db, token, "journey")
    steps = now["activity"]["settings"].get("steps", [])
    if not 0 <= int(step) < len(steps) or int(face) not in range(1, 6) or isinstance(face, bool):
        raise ValueError("no such step or face")
    comment = clean_free_text(comment or "", MAX_COMMENT_LENGTH).strip() or None
    risk = assess(comment) if comment else None
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO journey_ratings (participant_token, activity_id, step, face, comment, shown_comment, rated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (participant_token, activity_id, step) DO UPDATE SET "
            "face = excluded.face, comment = excluded.comment, shown_comment = excluded.shown_comment, "
            "rated_at = excluded.rated_at",
            (token, now["activity"]["id"], int(step), int(face), comment, redact(comment).text if comment else None,
             to_iso(utc_now())))
        if risk and risk.risk:
            # The facilitator is alerted the same way as for a card: held, for their eyes only.
            conn.execute(
                "INSERT INTO idea_cards (workshop_id, activity_id, participant_token, text, shown_text, status, "
                "risk_categories, created_at) VALUES (?, ?, ?, ?, ?, 'held', ?, ?)",
                (now["workshop"]["id"], now["activity"]["id"], token, comment, redact(comment).text,
                 json.dumps(list(risk.categories)), to_iso(utc_now())))
    return "help" if risk and risk.risk else None


def my_ratings(db: sqlite_utils.Database, token: str, activity_id: int) -> dict[int, int]:
    return {step: face for step, face in db.execute(
        "SELECT step, face FROM journey_ratings WHERE participant_token = ? AND activity_id = ?", [token, activity_id])}
