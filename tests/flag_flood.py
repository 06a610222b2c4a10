"""A safety queue under load: a flood of false alarms from one import, and a few real disclosures among them.

Rows go straight into the tables the way the app leaves them after an import and
the background analysis (participant, answer with its text hash, the stored
annotation, the flag); the database's own triggers fill in each flag's
municipality, source and severity. Used by the queue's tests and by
bench/bench_safety_queue.py.
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime, timedelta, timezone

from barnrosten.answering.annotations import STORED_VERSION, text_hash
from barnrosten.answering.sessions import create_session
from barnrosten.answering.survey_store import ensure_municipality
from barnrosten.safeguarding.review_queue import SEVERITY_ORDER
from barnrosten.storage.db import to_iso, write_transaction

NOW = datetime(2026, 11, 15, 12, 0, tzinfo=timezone.utc)
FLOOD_CATEGORY = "substance_use"  # "Mötena var för långa" once matched dealing drugs
FLOOD_TEXT = "Mötena var för långa och tråkiga ({n})"
REAL_TEXTS = {
    "suicidal": "Jag vill inte leva längre ({n})",
    "sexual_abuse": "Han rör mig fast jag säger nej ({n})",
    "violence": "Pappa slår mig när han är full ({n})",
    "self_harm": "Jag skär mig ibland ({n})",
}


def municipality_ids(count: int) -> list[str]:
    return [f"kommun{i:02d}" for i in range(count)]


def _rows(session: dict, category: str, text: str, when: datetime) -> tuple[tuple, tuple, tuple, tuple]:
    token = secrets.token_urlsafe(16)
    moment = to_iso(when)
    hashed = text_hash(text)
    annotation = json.dumps({"redacted": text, "risk": 1, "risk_categories": [category]}, ensure_ascii=False)
    return ((token, session["id"], "sv", moment, moment, moment),
            (token, "onskan", json.dumps(text, ensure_ascii=False), moment, hashed),
            (hashed, STORED_VERSION, annotation, moment),
            (token, "onskan", json.dumps([category]), moment))


def build(db, version_id: int, *, flood: int, real: int, municipalities: int = 20, now: datetime = NOW) -> dict:
    """`flood` flags of FLOOD_CATEGORY from one import into the first municipality, and `real` flags of
    every category spread over every municipality and the last 90 days. Returns the sessions by name."""
    ids = municipality_ids(municipalities)
    for mid in ids:
        ensure_municipality(db, mid, f"Kommun {mid[-2:]}")
    live = {mid: create_session(db, mid, version_id, service_area="utredning") for mid in ids}
    imported = create_session(db, ids[0], version_id, label="Import: feedback.csv")
    rows = []
    for n in range(flood):
        rows.append(_rows(imported, FLOOD_CATEGORY, FLOOD_TEXT.format(n=n), now - timedelta(minutes=n % 10_000)))
    for n in range(real):
        category = SEVERITY_ORDER[n % len(SEVERITY_ORDER)]
        text = REAL_TEXTS.get(category, f"Något om {category} ({{n}})").format(n=n)
        rows.append(_rows(live[ids[n % len(ids)]], category, text, now - timedelta(hours=(n * 7) % (90 * 24))))
    with write_transaction(db) as conn:
        conn.executemany("INSERT INTO participants (token, session_id, language, started_at, last_active_at, "
                         "completed_at) VALUES (?, ?, ?, ?, ?, ?)", [r[0] for r in rows])
        conn.executemany("INSERT INTO answers (participant_token, question_id, value, skipped, answered_at, text_hash) "
                         "VALUES (?, ?, ?, 0, ?, ?)", [r[1] for r in rows])
        conn.executemany("INSERT OR IGNORE INTO annotations (text_hash, pipeline_version, result, created_at) "
                         "VALUES (?, ?, ?, ?)", [r[2] for r in rows])
        conn.executemany("INSERT INTO safety_flags (participant_token, question_id, categories, flagged_at) "
                         "VALUES (?, ?, ?, ?)", [r[3] for r in rows])
    return {"live": live, "import": imported}
