"""Annotations of free-text answers and the embeddings behind them, stored beside the answers.

Cached by (text hash, pipeline version): the same text is analysed once, and
a change of lexicons or taxonomy (a new `PIPELINE_VERSION`) makes every text
pending again, to be redone by `python manage.py annotate`. The work itself is
done off the child's path by `annotation_worker`.

    >>> pending_texts(db)[0]          # (text hash, text) not yet annotated by this version
    >>> annotation_for(db, token, "onskan")["sentiment"]
    'negative'
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import MutableMapping

import numpy as np
import sqlite_utils

from analysis.annotate import PIPELINE_VERSION
from barnrosten.storage.db import write_transaction

# Texts annotated per write transaction: small enough not to hold the write lock long.
BATCH = 200
# What the app stores: rules plus the embedding signal for comments no rule covers.
# The version names both, so a change of either makes every text pending again.
USE_EMBEDDINGS = True
STORED_VERSION = PIPELINE_VERSION + ("+e5" if USE_EMBEDDINGS else "")


def text_hash(text: str) -> str:
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()


class StoredVectors(MutableMapping):
    """The `embeddings` table as a mapping of text key -> vector, for `analysis.embeddings.embed`.

    Vectors survive restarts and are shared by every process on the database.
    """

    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    def __getitem__(self, key: str) -> np.ndarray:
        row = self.db.execute("SELECT vector FROM embeddings WHERE text_key = ?", [key]).fetchone()
        if row is None:
            raise KeyError(key)
        return np.frombuffer(row[0], dtype=np.float32)

    def __setitem__(self, key: str, vector: np.ndarray) -> None:
        with write_transaction(self.db) as conn:
            conn.execute("INSERT OR REPLACE INTO embeddings (text_key, vector) VALUES (?, ?)",
                         (key, np.asarray(vector, dtype=np.float32).tobytes()))

    def __delitem__(self, key: str) -> None:
        with write_transaction(self.db) as conn:
            conn.execute("DELETE FROM embeddings WHERE text_key = ?", (key,))

    def __contains__(self, key) -> bool:
        return self.db.execute("SELECT 1 FROM embeddings WHERE text_key = ?", [key]).fetchone() is not None

    def __iter__(self):
        return (row[0] for row in self.db.execute("SELECT text_key FROM embeddings"))

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]


def pending_texts(db: sqlite_utils.Database, version: str = STORED_VERSION, limit: int = BATCH) -> list[tuple[str, str]]:
    """(hash, text) of free-text answers without an annotation of `version`, one per distinct text."""
    rows = db.execute(
        "SELECT a.text_hash, MIN(a.value) FROM answers a LEFT JOIN annotations n "
        "ON n.text_hash = a.text_hash AND n.pipeline_version = ? "
        "WHERE a.text_hash IS NOT NULL AND n.text_hash IS NULL GROUP BY a.text_hash LIMIT ?",
        [version, limit],
    ).fetchall()
    return [(hashed, json.loads(value)) for hashed, value in rows]


def annotation_for(db: sqlite_utils.Database, token: str, question_id: str, version: str = STORED_VERSION) -> dict | None:
    row = db.execute(
        "SELECT n.result FROM answers a JOIN annotations n ON n.text_hash = a.text_hash AND n.pipeline_version = ? "
        "WHERE a.participant_token = ? AND a.question_id = ?",
        [version, token, question_id],
    ).fetchone()
    return json.loads(row[0]) if row else None


def drop_annotations(db: sqlite_utils.Database, version: str = STORED_VERSION) -> None:
    """Forget the cached annotations of `version` (to redo them after editing a lexicon in place)."""
    with write_transaction(db) as conn:
        conn.execute("DELETE FROM annotations WHERE pipeline_version = ?", (version,))
