"""Annotating free text in the background, so the child never waits, and flagging what it finds.

After each free-text save a worker thread per database annotates every pending
text (`annotations.pending_texts`) and stores the result; any comment the
analysis marks as a risk is then flagged for the review queue, even if it was
not flagged when saved.

    >>> annotate_pending(db)          # everything not yet annotated by this version
    >>> AnnotationWorker.for_database(config.db_path).request()
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

import sqlite_utils

from analysis.annotate import annotate_text
from barnrosten.answering.annotations import STORED_VERSION, USE_EMBEDDINGS, StoredVectors, pending_texts
from barnrosten.safeguarding.review_queue import flag_annotated_risks
from barnrosten.storage import worker_runs
from barnrosten.storage.db import to_iso, utc_now, write_transaction

log = logging.getLogger(__name__)


def annotate_pending(db: sqlite_utils.Database, version: str = STORED_VERSION, *, embeddings: bool = USE_EMBEDDINGS) -> int:
    """Annotate every pending text; returns how many were annotated.

    With `embeddings`, comments no rule gives a theme are also compared by
    meaning; their vectors are kept in the `embeddings` table.
    """
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
            # A failed round is logged and recorded (the admins' page); it is retried on the next request.
            done = worker_runs.run(self.db_path, worker_runs.ANNOTATION, annotate_pending)
            if done:
                log.info("Annotated %d texts", done)
            if not self.wake.is_set():
                self.idle.set()
