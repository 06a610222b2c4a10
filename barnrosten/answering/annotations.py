"""Annotations of free-text answers, stored beside them and computed off the child's path.

Cached by (text hash, pipeline version): the same text is analysed once, and
a change of lexicons or taxonomy (a new `PIPELINE_VERSION`) makes every text
pending again, to be redone by `python manage.py annotate`.

    >>> annotate_pending(db)          # everything not yet annotated by this version
    >>> annotation_for(db, token, "onskan")["sentiment"]
    'negative'
"""

from __future__ import annotations

import hashlib
import json
import threading
import unicodedata
from collections.abc import MutableMapping
from pathlib import Path

import numpy as np
import sqlite_utils

from analysis.annotate import PIPELINE_VERSION, annotate_text
from barnrosten.storage.db import connection, to_iso, utc_now, write_transaction

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


def annotate_pending(db: sqlite_utils.Database, version: str = STORED_VERSION, *, embeddings: bool = USE_EMBEDDINGS) -> int:
    """Annotate every pending text; returns how many were annotated.

    With `embeddings`, comments no rule gives a theme are also compared by
    meaning; their vectors are kept in the `embeddings` table.
    """
    from barnrosten.safeguarding.review_queue import flag_annotated_risks  # (imports this module)

    done = 0
    vectors = StoredVectors(db) if embeddings else None
    while True:
        batch = pending_texts(db, version)
        if not batch:
            # A comment the analysis marks as a risk is flagged even if no flag was set when it was
            # saved (imported, seeded, or caught only by an updated lexicon): nothing sits unseen.
            flag_annotated_risks(db, version)
            return done
        results = [(hashed, annotate_text(hashed, text, embeddings=embeddings, embedding_cache=vectors))
                   for hashed, text in batch]
        moment = to_iso(utc_now())
        with write_transaction(db) as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO annotations (text_hash, pipeline_version, result, created_at) VALUES (?, ?, ?, ?)",
                [(hashed, version, json.dumps(result, ensure_ascii=False), moment) for hashed, result in results],
            )
        done += len(batch)


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


class AnnotationWorker:
    """One background thread per database: woken after a free-text save, annotates what is pending.

    The child never waits: `request()` returns at once. `wait_idle()` is for tests and shutdown.
    """

    _workers: dict[str, "AnnotationWorker"] = {}
    _guard = threading.Lock()

    def __init__(self, db_path: Path):
        self.db_path = db_path
        self.wake = threading.Event()
        self.idle = threading.Event()
        self.idle.set()
        threading.Thread(target=self._run, name=f"annotate:{db_path}", daemon=True).start()

    @classmethod
    def for_database(cls, db_path: Path | str) -> "AnnotationWorker":
        key = str(Path(db_path).resolve())
        with cls._guard:
            if key not in cls._workers:
                cls._workers[key] = cls(Path(key))
            return cls._workers[key]

    def request(self) -> None:
        self.idle.clear()
        self.wake.set()

    def wait_idle(self, timeout: float = 30) -> bool:
        return self.idle.wait(timeout)

    def _run(self) -> None:
        while True:
            self.wake.wait()
            self.wake.clear()
            try:
                with connection(self.db_path) as db:
                    annotate_pending(db)
            except Exception:  # noqa: BLE001 - a failed run is retried on the next request or by the command
                pass
            if not self.wake.is_set():
                self.idle.set()
