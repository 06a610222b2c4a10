"""Fictional demo data: municipalities that do not exist, answers nobody gave.

Deterministic for a given seed and anchor date; fast enough for 200,000
responses (bulk inserts in one transaction)::

    >>> seed_demo(db, load_surveys(Path("surveys/templates")), responses=5000, seed=1)
    'Seeded 20 demo municipalities, 484 sessions, 5000 responses, 38512 answers.'
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

import sqlite_utils
import yaml

from barnrosten.answering.annotation_worker import annotate_pending
from barnrosten.answering.annotations import text_hash
from barnrosten.answering.join_codes import CODE_ALPHABET, CODE_LENGTH
from barnrosten.answering.responses import GENDERS
from barnrosten.answering.survey_store import sync_catalog
from barnrosten.results.filters import SERVICE_AREAS
from barnrosten.results.release import release_settled
from barnrosten.storage.db import to_iso, write_transaction
from surveys import flow
from surveys.loader import SurveyCatalog
from surveys.schema import Survey

PHRASES_PATH = Path(__file__).with_name("phrases.yaml")
DEMO_SUFFIX = " kommun (demo)"
MONTHS_OF_DATA = 18
# Open sessions with codes that the README can name, one per built-in template.
DEMO_CODES = {"barn-7-12": "HEJ347", "unga-13-20": "UNG469", "vardnadshavare": "VUX367", "mitt-boende": "HEM479"}
# Shares chosen to look like real feedback: most children finish, few write English,
# free text is optional and often left empty.
COMPLETION_RATE = 0.88
SKIP_RATE = 0.04
TEXT_ANSWER_RATE = 0.45
ENGLISH_RATE = 0.08
MIXED_RATE = 0.12
PERSONAL_DATA_RATE = 0.02
GENDER_WEIGHTS = (0.46, 0.44, 0.04, 0.06)


@lru_cache(maxsize=1)
def load_phrases() -> dict:
    with open(PHRASES_PATH, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _month_starts(anchor: date, months: int) -> list[date]:
    starts = []
    year, month = anchor.year, anchor.month
    for _ in range(months):
        starts.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return list(reversed(starts))


def _demo_code(rng: random.Random, taken: set[str]) -> str:
    while True:
        code = "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in taken:
            taken.add(code)
            return code


def _face(rng: random.Random, lean: float) -> int:
    """A face 1-5 around 3.6 + lean: most children are fairly positive, a long tail is not."""
    return max(1, min(5, round(rng.gauss(3.6 + lean, 1.1))))


def _free_text(rng: random.Random, theme: str | None, mood: float) -> str:
    """A comment on `theme` (or any), positive when mood is high; sometimes mixed or neutral."""
    phrases = load_phrases()
    language = "en" if rng.random() < ENGLISH_RATE else "sv"
    bank = phrases[language]
    if rng.random() < PERSONAL_DATA_RATE:
        return rng.choice(bank["personal"])
    themes = [k for k in bank if isinstance(bank[k], dict)]
    theme = theme if theme in themes and rng.random() < 0.7 else rng.choice(themes)
    if abs(mood) < 0.15 and rng.random() < 0.5:
        return rng.choice(bank["neutral"])
    pole = "positive" if mood >= 0 else "negative"
    text = rng.choice(bank[theme][pole])
    if rng.random() < MIXED_RATE:
        other_theme = rng.choice(themes)
        other = rng.choice(bank[other_theme]["negative" if pole == "positive" else "positive"])
        text = text + rng.choice(bank["joiners"]) + other[0].lower() + other[1:]
    return text


def _answers_for(rng: random.Random, survey: Survey, lean: float, complete: bool) -> list[tuple[str, object, int]]:
    """(question id, value, skipped) for one participant, following the survey's conditions."""
    values: dict = {}
    rows = []
    visible_total = len(flow.visible_questions(survey, {}))
    stop_after = visible_total if complete else rng.randint(1, max(1, visible_total - 1))
    current = flow.next_question_id(survey, values, None)
    while current is not None and len(rows) < stop_after:
        question = survey.question(current)
        if rng.random() < SKIP_RATE:
            rows.append((current, None, 1))
            values[current] = None
        else:
            value = None
            if question.type == "faces":
                value = _face(rng, lean)
            elif question.type == "yes_no":
                value = rng.choices(("yes", "no", "dont_know"), (0.6 + lean / 4, 0.25 - lean / 4, 0.15))[0]
            elif question.type == "single":
                value = rng.choice(question.options).id
            elif question.type == "multi":
                count = rng.randint(1, min(3, len(question.options)))
                value = [o.id for o in rng.sample(question.options, count)]
                value = [o.id for o in question.options if o.id in value]
            elif question.type == "text" and (question.show_if or rng.random() < TEXT_ANSWER_RATE):
                scores = [v for v in values.values() if isinstance(v, int)]
                mood = (sum(scores) / len(scores) - 3) / 2 if scores else lean
                value = _free_text(rng, question.theme, mood)[: question.max_length]
            if value is not None:
                rows.append((current, value, 0))
                values[current] = value
        current = flow.next_question_id(survey, values, current)
    return rows


def clear_demo(db: sqlite_utils.Database) -> None:
    """Remove earlier demo data (only municipalities marked as demo, and what hangs on them)."""
    with write_transaction(db) as conn:
        demo_sessions = "SELECT s.id FROM sessions s JOIN municipalities m ON m.id = s.municipality_id WHERE m.is_demo = 1"
        demo_participants = f"SELECT token FROM participants WHERE session_id IN ({demo_sessions})"
        conn.execute(f"DELETE FROM answers WHERE participant_token IN ({demo_participants})")
        conn.execute("DELETE FROM actions WHERE municipality_id IN (SELECT id FROM municipalities WHERE is_demo = 1)")
        conn.execute(f"DELETE FROM participants WHERE session_id IN ({demo_sessions})")
        conn.execute(f"DELETE FROM sessions WHERE id IN ({demo_sessions})")
        for table in ("releases", "import_batches"):
            conn.execute(f"DELETE FROM {table} WHERE municipality_id IN (SELECT id FROM municipalities WHERE is_demo = 1)")
        conn.execute("DELETE FROM municipalities WHERE is_demo = 1")


def seed_demo(
    db: sqlite_utils.Database,
    catalog: SurveyCatalog,
    *,
    responses: int = 5000,
    seed: int = 1,
    anchor: date | None = None,
) -> str:
    """Replace the demo data with `responses` fictional responses; returns a one-line summary."""
    rng = random.Random(seed)
    anchor = anchor or date.today()
    phrases = load_phrases()
    version_ids = sync_catalog(db, catalog)
    surveys = {sid: catalog.surveys[sid] for sid in sorted(catalog.surveys)}
    months = _month_starts(anchor, MONTHS_OF_DATA)
    clear_demo(db)

    municipalities = phrases["municipalities"]
    # Each municipality leans a little more or less positive, so comparisons show something.
    leans = {mid: rng.uniform(-0.5, 0.4) for mid, _ in municipalities}
    created = to_iso(datetime.combine(months[0], datetime.min.time(), timezone.utc))
    taken = set(DEMO_CODES.values()) | {row[0] for row in db.execute("SELECT code FROM sessions")}
    session_rows = []  # (code, municipality, survey id, month start or None)
    for mid, _ in municipalities:
        for survey_id in surveys:
            for quarter_start in months[::3]:
                session_rows.append((_demo_code(rng, taken), mid, survey_id, quarter_start))
    first_municipality = municipalities[0][0]
    for survey_id, code in DEMO_CODES.items():
        if survey_id in surveys:
            session_rows.append((code, first_municipality, survey_id, None))

    with write_transaction(db) as conn:
        conn.executemany(
            "INSERT INTO municipalities (id, name, is_demo, created_at) VALUES (?, ?, 1, ?)",
            [(mid, name + DEMO_SUFFIX, created) for mid, name in municipalities],
        )
        for number, (code, mid, survey_id, quarter_start) in enumerate(session_rows):
            label = f"Demo {quarter_start:%Y-%m}" if quarter_start else "Demo – öppen"
            # Sessions take turns across the service areas, so the dashboard's filter has data.
            area = SERVICE_AREAS[number % len(SERVICE_AREAS)] if quarter_start else None
            conn.execute(
                "INSERT INTO sessions (code, municipality_id, survey_version_id, label, service_area, status, "
                "shared_device, idle_timeout_minutes, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, 1, 10, ?, NULL)",
                (code, mid, version_ids[survey_id], label, area, "open" if quarter_start is None else "closed", created),
            )
    sessions = list(db.query("SELECT s.id, s.code, s.municipality_id, sv.survey_id, s.label FROM sessions s "
                             "JOIN survey_versions sv ON sv.id = s.survey_version_id "
                             "JOIN municipalities m ON m.id = s.municipality_id WHERE m.is_demo = 1 AND s.status = 'closed' "
                             "ORDER BY s.id"))

    answer_count = 0
    participants, answers = [], []
    for _ in range(responses):
        session = rng.choice(sessions)
        survey = surveys[session["survey_id"]]
        month = date.fromisoformat(session["label"].removeprefix("Demo ") + "-01")
        month = month + timedelta(days=rng.randint(0, 88))
        started = datetime(month.year, month.month, month.day, rng.randint(8, 17), rng.randint(0, 59), tzinfo=timezone.utc)
        complete = rng.random() < COMPLETION_RATE
        rows = _answers_for(rng, survey, leans[session["municipality_id"]], complete)
        token = f"demo{rng.getrandbits(96):024x}"
        finished = started + timedelta(minutes=rng.randint(3, 15))
        language = "en" if rng.random() < ENGLISH_RATE else "sv"
        age_band = rng.choice(survey.age_bands) if survey.age_bands and rng.random() > 0.03 else None
        gender = rng.choices(GENDERS, GENDER_WEIGHTS)[0] if rng.random() > 0.1 else None
        participants.append((
            token, session["id"], language, age_band, gender, rows[-1][0] if rows else None,
            to_iso(started), to_iso(finished), to_iso(finished) if complete else None, to_iso(finished),
        ))
        for position, (qid, value, skipped) in enumerate(rows):
            stored = None if skipped else json.dumps(value, ensure_ascii=False)
            hashed = text_hash(value) if not skipped and survey.question(qid).type == "text" else None
            answers.append((token, qid, stored, skipped, to_iso(started + timedelta(seconds=20 * (position + 1))), hashed))
        answer_count += len(rows)
        if len(answers) > 50_000:
            _flush(db, participants, answers)
    _flush(db, participants, answers)
    _seed_actions(db, first_municipality, anchor, phrases["actions"])
    annotate_pending(db)  # demo texts repeat, so this analyses each distinct text once
    release_settled(db, k=1)  # every demo respondent has finished or left: all of them reach the figures at once
    return (
        f"Seeded {len(municipalities)} demo municipalities, {len(session_rows)} sessions, "
        f"{responses} responses, {answer_count} answers."
    )


def _seed_actions(db: sqlite_utils.Database, municipality_id: str, anchor: date, rows: list) -> None:
    """Published "you said, we did" actions, so the finish screen and public page show the loop closing."""
    moment = to_iso(datetime.combine(anchor, datetime.min.time(), timezone.utc))
    with write_transaction(db) as conn:
        conn.executemany(
            "INSERT INTO actions (municipality_id, theme, audience, said, did, status, status_date, published, "
            "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'demo', ?, ?)",
            [(municipality_id, theme, audience, said, did, status,
              (anchor - timedelta(days=30 * months_ago)).isoformat(), moment, moment)
             for theme, audience, status, months_ago, said, did in rows])


def _flush(db: sqlite_utils.Database, participants: list, answers: list) -> None:
    with write_transaction(db) as conn:
        conn.executemany(
            "INSERT INTO participants (token, session_id, language, age_band, gender, current_question, started_at, "
            "last_active_at, completed_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            participants,
        )
        conn.executemany(
            "INSERT INTO answers (participant_token, question_id, value, skipped, answered_at, text_hash) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            answers,
        )
    participants.clear()
    answers.clear()
