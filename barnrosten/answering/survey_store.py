"""Municipalities and stored survey versions.

    >>> ensure_municipality(db, "bjorkdala", "Björkdala kommun (demo)", is_demo=True)
    >>> version_id = sync_survey(db, survey)   # new row only when the definition changed
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

import sqlite_utils

from barnrosten.access import audit
from barnrosten.storage.db import to_iso, utc_now, write_transaction
from surveys.loader import SurveyCatalog
from surveys.schema import Survey


def ensure_municipality(db: sqlite_utils.Database, municipality_id: str, name: str, *, is_demo: bool = False) -> dict:
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO municipalities (id, name, is_demo, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name",
            (municipality_id, name, int(is_demo), to_iso(utc_now())),
        )
    return db["municipalities"].get(municipality_id)


def municipality_name(db: sqlite_utils.Database, municipality_id: str) -> str:
    row = db.execute("SELECT name FROM municipalities WHERE id = ?", [municipality_id]).fetchone()
    return row[0] if row else municipality_id


def list_municipalities(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query("SELECT * FROM municipalities ORDER BY name"))


def definition_json(survey: Survey) -> str:
    return json.dumps(survey.model_dump(mode="json", exclude_none=True), ensure_ascii=False, sort_keys=True)


def sync_survey(db: sqlite_utils.Database, survey: Survey) -> int:
    """Store `survey` as a new version if its definition changed; returns the current version id."""
    definition = definition_json(survey)
    content_hash = hashlib.sha256(definition.encode("utf-8")).hexdigest()
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO surveys (id, respondent_group, title) VALUES (?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET respondent_group = excluded.respondent_group, title = excluded.title",
            (survey.id, survey.respondent_group, survey.title["sv"]),
        )
        row = conn.execute(
            "SELECT id FROM survey_versions WHERE survey_id = ? AND content_hash = ?", (survey.id, content_hash)
        ).fetchone()
        if row:
            return row[0]
        (next_version,) = conn.execute(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM survey_versions WHERE survey_id = ?", (survey.id,)
        ).fetchone()
        cursor = conn.execute(
            "INSERT INTO survey_versions (survey_id, version, content_hash, definition, created_at) VALUES (?, ?, ?, ?, ?)",
            (survey.id, next_version, content_hash, definition, to_iso(utc_now())),
        )
        # A changed survey file is a change of what children are asked: it goes in the audit log.
        audit.record(db, None, "survey_version_added", survey.id, version=next_version, content_hash=content_hash[:12])
    return cursor.lastrowid


def sync_catalog(db: sqlite_utils.Database, catalog: SurveyCatalog) -> dict[str, int]:
    """Store every valid survey of a catalog; returns survey id -> current version id."""
    return {survey_id: sync_survey(db, survey) for survey_id, survey in catalog.surveys.items()}


def latest_version_id(db: sqlite_utils.Database, survey_id: str) -> int | None:
    row = db.execute(
        "SELECT id FROM survey_versions WHERE survey_id = ? ORDER BY version DESC LIMIT 1", [survey_id]
    ).fetchone()
    return row[0] if row else None


def survey_for_version(db: sqlite_utils.Database, version_id: int) -> Survey:
    (definition,) = db.execute("SELECT definition FROM survey_versions WHERE id = ?", [version_id]).fetchone()
    return _parsed(definition)


@lru_cache(maxsize=64)
def _parsed(definition: str) -> Survey:
    # A stored version never changes, and every answering screen reads its survey: parse each text once.
    # Callers share the object and only read it.
    return Survey.model_validate_json(definition)
