"""Annotating free text in the background, so the child never waits, and flagging what it finds.

After each free-text save the app queues an annotation job (barnrosten/jobs/); the worker runs
`annotate_pending`, which annotates every pending text (`annotations.pending_texts`) and stores
the result; any comment the analysis marks as a risk is then flagged for the review queue, even
if it was not flagged when saved.

    >>> annotate_pending(db)                          # everything not yet annotated by this version
    >>> background.request(db, config, ANNOTATION)    # the same, in the background
"""

from __future__ import annotations

import json
import logging

import sqlite_utils

from analysis.annotate import annotate_text
from barnrosten.answering.annotations import STORED_VERSION, USE_EMBEDDINGS, StoredVectors, pending_texts
from barnrosten.safeguarding.review_queue import flag_annotated_risks
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
