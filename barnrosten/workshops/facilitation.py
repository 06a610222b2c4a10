"""Workshops, the facilitator's side: create, run (next, back, pause, lock, end), moderate the wall, summarise.

A facilitator of a municipality (or an admin) runs workshops for it. Every
participant's screen shows the workshop's current activity, so moving on here
moves the whole room. Cards are shown with personal data replaced; a card the
safeguarding check flags is held back until the facilitator has looked at it.

    >>> workshop = create_workshop(db, fia, "bjorkdala", title="Unga om socialtjänsten", audience="youth",
    ...                            activities=[{"kind": "ideas", "prompt": "Hur skulle det kunna bli bättre?"}])
    >>> next_activity(db, fia, workshop["id"])
"""

from __future__ import annotations

import json

import sqlite_utils

from barnrosten.access import audit
from barnrosten.access.roles import Principal, require
from barnrosten.answering.join_codes import unused_code
from barnrosten.answering.sessions import create_session
from barnrosten.answering.survey_store import latest_version_id
from barnrosten.results import privacy
from barnrosten.results.filters import RESPONDENT_GROUPS
from barnrosten.storage.db import to_iso, utc_now, write_transaction
from barnrosten.textclean import clean_free_text

KINDS = ("survey", "ideas", "voting", "journey", "themes")
# The steps of meeting social services, editable per workshop.
DEFAULT_JOURNEY = ["Första kontakten", "Utredningen", "Mötena", "Beslutet", "Efteråt"]
DEFAULT_PROMPTS = {
    "ideas": "Hur skulle det kunna bli bättre?",
    "voting": "Sätt dina prickar på de idéer du tycker är viktigast.",
    "journey": "Hur var varje steg för dig?",
    "themes": "Vad handlar idéerna om?",
    "survey": "Svara på enkäten.",
}
MAX_TITLE = 120
MAX_PROMPT = 300


class WorkshopProblem(ValueError):
    """What is wrong, as a key for the message (workshop.error_<key>)."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def get_workshop(db: sqlite_utils.Database, workshop_id: int) -> dict:
    rows = list(db.query("SELECT * FROM workshops WHERE id = ?", [workshop_id]))
    if not rows:
        raise KeyError(workshop_id)
    return rows[0]


def _require_facilitator(db, principal: Principal | None, workshop_id: int) -> dict:
    workshop = get_workshop(db, workshop_id)
    require(principal, "facilitator", workshop["municipality_id"])
    return workshop


def activities(db: sqlite_utils.Database, workshop_id: int) -> list[dict]:
    """Rows of id, position, kind, prompt, settings (a dict), in order."""
    rows = list(db.query("SELECT * FROM workshop_activities WHERE workshop_id = ? ORDER BY position", [workshop_id]))
    for row in rows:
        row["settings"] = json.loads(row["settings"])
    return rows


def create_workshop(db: sqlite_utils.Database, principal: Principal | None, municipality_id: str, *, title: str,
                    audience: str, activities: list[dict], language: str = "sv", dots_per_person: int = 3,
                    survey_language: str | None = None, allow_draft: bool = False) -> dict:
    """A running workshop with a fresh join code. Each activity: kind, prompt (optional), settings (optional).

    Settings: a survey activity names its `survey_id` (and gets a session of its own, opening in
    `survey_language`; a draft translation needs `allow_draft`, see sessions.create_session);
    a journey names its `steps` (DEFAULT_JOURNEY when missing).
    """
    require(principal, "facilitator", municipality_id)
    title = clean_free_text(title, MAX_TITLE).strip()
    if not title:
        raise WorkshopProblem("title")
    if audience not in RESPONDENT_GROUPS:
        raise WorkshopProblem("audience")
    if not activities or any(a.get("kind") not in KINDS for a in activities):
        raise WorkshopProblem("activities")
    if not 1 <= int(dots_per_person) <= 20:
        raise WorkshopProblem("dots")
    # One unit of work: the workshop, its survey sessions and its audit entry are stored together or not at all.
    with write_transaction(db) as conn:
        moment = to_iso(utc_now())
        prepared = []
        for activity in activities:
            settings = dict(activity.get("settings") or {})
            if activity["kind"] == "journey":
                steps = [clean_free_text(s, 60).strip() for s in settings.get("steps") or DEFAULT_JOURNEY]
                settings["steps"] = [s for s in steps if s] or DEFAULT_JOURNEY
            if activity["kind"] == "survey":
                settings["session_code"] = _survey_session(db, municipality_id, settings.get("survey_id"),
                                                       survey_language, allow_draft)
            prompt = clean_free_text(activity.get("prompt") or DEFAULT_PROMPTS[activity["kind"]], MAX_PROMPT).strip()
            prepared.append((activity["kind"], prompt, json.dumps(settings, ensure_ascii=False)))
        code = unused_code(conn)
        workshop_id = conn.execute(
            "INSERT INTO workshops (municipality_id, title, audience, language, code, dots_per_person, created_by, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (municipality_id, title, audience, language, code, int(dots_per_person), principal.username, moment),
        ).lastrowid
        conn.executemany(
            "INSERT INTO workshop_activities (workshop_id, position, kind, prompt, settings) VALUES (?, ?, ?, ?, ?)",
            [(workshop_id, position, kind, prompt, settings) for position, (kind, prompt, settings) in enumerate(prepared)])
        audit.record(db, principal.username, "workshop_created", municipality_id, workshop=workshop_id)
    return get_workshop(db, workshop_id)


def _survey_session(db, municipality_id: str, survey_id: str | None, language: str | None = None,
                    allow_draft: bool = False) -> str:
    """A survey session of the municipality for a survey activity; returns its join code."""
    version = latest_version_id(db, survey_id) if survey_id else None
    if version is None:
        raise WorkshopProblem("survey")
    return create_session(db, municipality_id, version, label="Workshop", shared_device=False, language=language,
                          allow_draft=allow_draft)["code"]


def workshops_for(db: sqlite_utils.Database, principal: Principal | None, municipality_id: str) -> list[dict]:
    require(principal, "facilitator", municipality_id)
    return list(db.query("SELECT * FROM workshops WHERE municipality_id = ? ORDER BY id DESC", [municipality_id]))


def _update(db, principal, workshop_id: int, action: str, sql: str, params: tuple) -> dict:
    _require_facilitator(db, principal, workshop_id)
    with write_transaction(db) as conn:
        conn.execute(sql, params)
        audit.record(db, principal.username, action, str(workshop_id))
    return get_workshop(db, workshop_id)


def go_to_activity(db: sqlite_utils.Database, principal: Principal | None, workshop_id: int, position: int) -> dict:
    """Move every screen in the room to the activity at `position` (clamped to the first and last)."""
    last = len(activities(db, workshop_id)) - 1
    position = max(0, min(int(position), last))
    return _update(db, principal, workshop_id, "workshop_moved",
                   "UPDATE workshops SET current_position = ? WHERE id = ? AND status != 'ended'", (position, workshop_id))


def next_activity(db, principal, workshop_id: int) -> dict:
    return go_to_activity(db, principal, workshop_id, get_workshop(db, workshop_id)["current_position"] + 1)


def previous_activity(db, principal, workshop_id: int) -> dict:
    return go_to_activity(db, principal, workshop_id, get_workshop(db, workshop_id)["current_position"] - 1)


def set_paused(db, principal, workshop_id: int, paused: bool) -> dict:
    return _update(db, principal, workshop_id, "workshop_paused" if paused else "workshop_resumed",
                   "UPDATE workshops SET status = ? WHERE id = ? AND status != 'ended'",
                   ("paused" if paused else "running", workshop_id))


def set_join_locked(db, principal, workshop_id: int, locked: bool) -> dict:
    return _update(db, principal, workshop_id, "workshop_locked" if locked else "workshop_unlocked",
                   "UPDATE workshops SET join_locked = ? WHERE id = ?", (int(locked), workshop_id))


def end_workshop(db, principal, workshop_id: int) -> dict:
    return _update(db, principal, workshop_id, "workshop_ended",
                   "UPDATE workshops SET status = 'ended', ended_at = ? WHERE id = ?", (to_iso(utc_now()), workshop_id))


def save_notes(db, principal, workshop_id: int, notes: str) -> dict:
    return _update(db, principal, workshop_id, "workshop_notes", "UPDATE workshops SET notes = ? WHERE id = ?",
                   (clean_free_text(notes, 5000), workshop_id))


# --- The wall -------------------------------------------------------------------------------------------------


def wall(db: sqlite_utils.Database, workshop_id: int, *, include_held: bool = False) -> list[dict]:
    """The cards as the room sees them: rows of id, shown_text, votes, status; most votes first.

    Votes are shown perturbed by the cell key method (the voters' record keys): a card's
    count is never 0 when someone voted, and the wall redrawing after one tap does not
    tell which card that child chose. Held cards (flagged for safeguarding, not yet looked
    at) appear only with `include_held`, which is for the facilitator's own screen.
    Hidden and merged cards never appear.
    """
    statuses = ("shown", "held") if include_held else ("shown",)
    marks = ", ".join("?" for _ in statuses)
    # A vote on a merged card counts for the card it was merged into.
    rows = list(db.query(
        "SELECT c.id, c.shown_text, c.status, c.risk_categories, COALESCE(t.n, 0) AS n, COALESCE(t.key, 0) AS key "
        "FROM idea_cards c LEFT JOIN (SELECT COALESCE(voted.merged_into, voted.id) AS target, COUNT(*) AS n, "
        "SUM(wp.record_key) AS key FROM card_votes v JOIN idea_cards voted ON voted.id = v.card_id "
        "JOIN workshop_participants wp ON wp.token = v.participant_token WHERE v.workshop_id = ? GROUP BY target) t "
        f"ON t.target = c.id WHERE c.workshop_id = ? AND c.status IN ({marks})",
        [workshop_id, workshop_id, *statuses]))
    for row in rows:
        row["votes"] = privacy.votes_count(privacy.Tally.of(row.pop("n"), row.pop("key")))
    return sorted(rows, key=lambda r: (-r["votes"], r["id"]))


def held_cards(db: sqlite_utils.Database, principal: Principal | None, workshop_id: int) -> list[dict]:
    """Cards waiting for the facilitator (the discreet alert): rows of id, shown_text, risk_categories, kind.

    `kind` is the activity the text came from: an idea card ('ideas') may go on the wall;
    a journey comment ('journey') is only for the facilitator to read.
    """
    _require_facilitator(db, principal, workshop_id)
    rows = list(db.query("SELECT c.id, c.shown_text, c.risk_categories, a.kind FROM idea_cards c "
                         "JOIN workshop_activities a ON a.id = c.activity_id WHERE c.workshop_id = ? "
                         "AND c.status = 'held' ORDER BY c.id", [workshop_id]))
    for row in rows:
        row["risk_categories"] = json.loads(row["risk_categories"])
    return rows


def _card_workshop(db, card_id: int) -> int:
    row = db.execute("SELECT workshop_id FROM idea_cards WHERE id = ?", [card_id]).fetchone()
    if row is None:
        raise KeyError(card_id)
    return row[0]


def moderate(db: sqlite_utils.Database, principal: Principal | None, card_id: int, status: str) -> None:
    """Show a held card, or hide any card ('shown' or 'hidden')."""
    if status not in ("shown", "hidden"):
        raise ValueError(status)
    workshop_id = _card_workshop(db, card_id)
    _require_facilitator(db, principal, workshop_id)
    with write_transaction(db) as conn:
        conn.execute("UPDATE idea_cards SET status = ?, reviewed_by = ? WHERE id = ?", (status, principal.username, card_id))
        audit.record(db, principal.username, f"card_{status}", str(workshop_id), card=card_id)


def edit_card(db: sqlite_utils.Database, principal: Principal | None, card_id: int, text: str) -> None:
    """The facilitator rewrites a card (a typo, or to join two thoughts); personal data is removed again."""
    from analysis.personal_data import redact

    workshop_id = _card_workshop(db, card_id)
    _require_facilitator(db, principal, workshop_id)
    shown = redact(clean_free_text(text, 300)).text.strip()
    if not shown:
        raise WorkshopProblem("empty_card")
    with write_transaction(db) as conn:
        conn.execute("UPDATE idea_cards SET shown_text = ?, reviewed_by = ? WHERE id = ?", (shown, principal.username, card_id))
        audit.record(db, principal.username, "card_edited", str(workshop_id), card=card_id)


def merge_cards(db: sqlite_utils.Database, principal: Principal | None, keep_id: int, merge_id: int) -> None:
    """Fold card `merge_id` into `keep_id`: it leaves the wall and its votes count for `keep_id`."""
    workshop_id = _card_workshop(db, keep_id)
    if _card_workshop(db, merge_id) != workshop_id or keep_id == merge_id:
        raise WorkshopProblem("merge")
    _require_facilitator(db, principal, workshop_id)
    with write_transaction(db) as conn:
        conn.execute("UPDATE idea_cards SET status = 'merged', merged_into = ?, reviewed_by = ? WHERE id = ?",
                     (keep_id, principal.username, merge_id))
        conn.execute("UPDATE idea_cards SET merged_into = ? WHERE merged_into = ?", (keep_id, merge_id))
        audit.record(db, principal.username, "cards_merged", str(workshop_id), keep=keep_id, merged=merge_id)


# --- Results ------------------------------------------------------------------------------------------------------


def journey_curve(db: sqlite_utils.Database, activity_id: int, k: int) -> list[dict]:
    """The room's emotional curve: rows of step (index), label, mean face (None under k ratings), ratings.

    The count and the sum of faces are each perturbed by their own cell key (the raters'
    record keys; for the sum, key x face), so a wall redrawn after one more tap does not
    give that tap away.
    """
    activity = db.execute("SELECT settings FROM workshop_activities WHERE id = ?", [activity_id]).fetchone()
    steps = json.loads(activity[0]).get("steps", DEFAULT_JOURNEY) if activity else []
    per_step = {row["step"]: row for row in db.query(
        "SELECT r.step, COUNT(*) AS n, SUM(wp.record_key) AS key, SUM(r.face) AS faces, "
        "SUM(wp.record_key * r.face) AS face_key FROM journey_ratings r "
        "JOIN workshop_participants wp ON wp.token = r.participant_token WHERE r.activity_id = ? GROUP BY r.step",
        [activity_id])}
    curve = []
    for i, label in enumerate(steps):
        row = per_step.get(i, {"n": 0, "key": 0, "faces": 0, "face_key": 0})
        ratings, total = privacy.Tally.of(row["n"], row["key"]), privacy.Tally.of(row["faces"], row["face_key"])
        curve.append({"step": i, "label": label, "mean": _round(privacy.safe_mean(total, ratings, k, low=1, high=5)),
                      "ratings": privacy.safe_count(ratings, k)})
    return curve


def participants(db: sqlite_utils.Database, workshop_id: int) -> "privacy.Tally":
    """Everyone who joined the workshop, as a Tally for the privacy rules."""
    n, key = db.execute("SELECT COUNT(*), TOTAL(record_key) FROM workshop_participants WHERE workshop_id = ?",
                        [workshop_id]).fetchone()
    return privacy.Tally.of(n, key)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def card_themes(db: sqlite_utils.Database, workshop_id: int) -> list[dict]:
    """The wall's cards grouped by theme and sentiment (the analysis engine): rows of theme, sentiment, cards."""
    from analysis.annotate import annotate_text

    groups: dict[tuple, list[str]] = {}
    for card in wall(db, workshop_id):
        result = annotate_text(card["id"], card["shown_text"])
        for theme in result["themes"] or [None]:
            groups.setdefault((theme, result["sentiment"]), []).append(card["shown_text"])
    return [{"theme": theme, "sentiment": sentiment, "cards": cards}
            for (theme, sentiment), cards in sorted(groups.items(), key=lambda i: (-len(i[1]), str(i[0])))]


def summary_rows(db: sqlite_utils.Database, principal: Principal | None, workshop_id: int, k: int) -> dict:
    """What the workshop produced: cards with votes, the journey curves, themes and the facilitator's notes."""
    workshop = _require_facilitator(db, principal, workshop_id)
    curves = {a["id"]: journey_curve(db, a["id"], k) for a in activities(db, workshop_id) if a["kind"] == "journey"}
    audit.record(db, principal.username, "free_text_viewed", workshop["municipality_id"], workshop=workshop_id)
    return {"workshop": workshop, "participants": privacy.safe_count(participants(db, workshop_id), k),
            "cards": wall(db, workshop_id),
            "curves": curves, "themes": card_themes(db, workshop_id), "notes": workshop["notes"] or ""}
