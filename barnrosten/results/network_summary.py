"""A summary of the whole network's answers, for the network-wide figures.

The network view adds up about half a million answers for each selection.
Here the answers are grouped once by every dimension the dashboard filters on
(municipality, month, survey version, question, answer, gender, age band,
service area). A network-wide figure then adds up a third as many rows. The
summary is rebuilt in the background at most every SUMMARY_MAX_AGE. A figure
for one municipality never uses it and is always live. The dashboard uses the
summary only while it is fresh; otherwise it counts live.

    >>> rebuild(db)          # about 9 s for 200,000 responses, while children's saves go on
    >>> is_fresh(db)
    True
"""

from __future__ import annotations

from datetime import timedelta

import sqlite_utils

from barnrosten.storage.db import from_iso, to_iso, utc_now, write_transaction

# Network figures may lag new answers by this much; the municipality's own figures never do.
SUMMARY_MAX_AGE = timedelta(minutes=15)

# Respondents released up to a given release (barnrosten/results/release.py), by source (import batch), with
# the sums of their record keys: a figure from the summary is perturbed exactly as the same figure counted live.
_ANSWERS = (
    "SELECT s.municipality_id, substr(p.started_at, 1, 7), s.survey_version_id, a.question_id, a.value, p.gender, "
    "p.age_band, s.service_area, s.import_batch_id, COUNT(*), SUM(p.record_key) "
    "FROM sessions s CROSS JOIN participants p ON p.session_id = s.id "
    "CROSS JOIN answers a ON a.participant_token = p.token WHERE p.release_id IS NOT NULL AND p.release_id <= ? "
    "AND a.skipped = 0 AND a.text_hash IS NULL AND a.value NOT LIKE '[%' GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9"
)
_RESPONDENTS = (
    "SELECT s.municipality_id, substr(p.started_at, 1, 7), s.survey_version_id, p.gender, p.age_band, s.service_area, "
    "s.import_batch_id, COUNT(*), COUNT(p.completed_at), SUM(p.record_key), "
    "TOTAL(CASE WHEN p.completed_at IS NOT NULL THEN p.record_key END) "
    "FROM sessions s CROSS JOIN participants p ON p.session_id = s.id WHERE p.release_id IS NOT NULL "
    "AND p.release_id <= ? GROUP BY 1, 2, 3, 4, 5, 6, 7"
)
_LATEST_RELEASE = "SELECT COALESCE(MAX(id), 0) FROM releases"


# Rows written per transaction while rebuilding: answers being saved meanwhile wait at most one chunk.
CHUNK = 20_000
TABLES = {"answer_cube": 11, "respondent_cube": 11}


def rebuild(db: sqlite_utils.Database) -> None:
    """Recount the summary into a staging table in small write transactions, then swap it in at once.

    Counting only reads. Children saving answers meanwhile wait for one chunk, not for the
    whole rebuild, and readers see the old summary until the swap. One rebuild at a time per
    database (the background worker of the app's process).
    """
    latest = db.execute(_LATEST_RELEASE).fetchone()[0]
    rows = {"answer_cube": db.execute(_ANSWERS, [latest]).fetchall(),
            "respondent_cube": db.execute(_RESPONDENTS, [latest]).fetchall()}
    with write_transaction(db) as conn:
        for table in TABLES:
            conn.execute(f"DROP TABLE IF EXISTS {table}_next")
            conn.execute(f"CREATE TABLE {table}_next AS SELECT * FROM {table} WHERE 0")
    for table, width in TABLES.items():
        marks = ", ".join("?" * width)
        for start in range(0, len(rows[table]), CHUNK):
            with write_transaction(db) as conn:
                conn.executemany(f"INSERT INTO {table}_next VALUES ({marks})", rows[table][start:start + CHUNK])
    with write_transaction(db) as conn:
        for table in TABLES:
            conn.execute(f"DROP TABLE {table}")
            conn.execute(f"ALTER TABLE {table}_next RENAME TO {table}")
            conn.execute(f"CREATE INDEX idx_{table}_month ON {table}(month)")
        conn.execute("INSERT OR REPLACE INTO cube_state (id, built_at, release_id) VALUES (1, ?, ?)",
                     (to_iso(utc_now()), latest))


def rebuild_when_due(db: sqlite_utils.Database) -> bool:
    """Rebuild unless the summary is fresh for a while yet (rebuilt before it goes stale); whether it rebuilt."""
    if is_fresh(db, SUMMARY_MAX_AGE * 2 / 3):
        return False
    rebuild(db)
    return True


def is_fresh(db: sqlite_utils.Database, max_age: timedelta = SUMMARY_MAX_AGE) -> bool:
    """Built within max_age, and holding every release so far: a new release is counted live until the next rebuild."""
    row = db.execute("SELECT built_at, release_id FROM cube_state WHERE id = 1").fetchone()
    return (row is not None and utc_now() - from_iso(row[0]) < max_age
            and row[1] == db.execute(_LATEST_RELEASE).fetchone()[0])
