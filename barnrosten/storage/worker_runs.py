"""The background workers' last run, last success and last error, for the admins' page.

Each round of a worker (annotation after a save, the network summary's rebuild,
retention from cron) runs through `run`: a failure is logged with its traceback
and recorded in `worker_runs`, and the worker goes on (it is tried again next round).

    >>> run(config.db_path, ANNOTATION, annotate_pending)     # the result, or None when it failed
    >>> latest(db, admin)["annotation"]["last_error"]
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, TypeVar

import sqlite_utils

from barnrosten.access.roles import require
from barnrosten.storage.db import connection, to_iso, utc_now, write_transaction

log = logging.getLogger(__name__)

ANNOTATION = "annotation"  # barnrosten/answering/annotation_worker.py
NETWORK_SUMMARY = "network_summary"  # barnrosten/results/network_summary.py
RETENTION = "retention"  # barnrosten/storage/retention.py, from cron through manage.py
WORKERS = (ANNOTATION, NETWORK_SUMMARY, RETENTION)
# The error kept for the admins: its kind and the start of its message (the log has the traceback).
ERROR_CHARS = 300

Result = TypeVar("Result")


def run(db_path: Path | str, worker: str, work: Callable[[sqlite_utils.Database], Result]) -> Result | None:
    """One round of `worker` on its own connection: its result, or None when it failed (logged and recorded)."""
    db_path = Path(db_path)
    started = utc_now()
    try:
        with connection(db_path) as db:
            result = work(db)
    except Exception as error:  # noqa: BLE001 - a worker's round must never take the app down; logged and recorded
        log.exception("Background worker %s failed", worker)
        record(db_path, worker, to_iso(started), describe(error))
        return None
    record(db_path, worker, to_iso(started), None)
    return result


def describe(error: BaseException) -> str:
    """What admins see of an error: its kind and the start of its message (the log has the traceback)."""
    return f"{type(error).__name__}: {error}"[:ERROR_CHARS]


def record(db_path: Path | str, worker: str, started: str, error: str | None) -> None:
    """Record one round of `worker` that began at `started` (ISO time): failed with `error`, or not (None)."""
    db_path = Path(db_path)
    if not db_path.exists():  # the database was removed meanwhile (a test's temporary folder): nothing to record
        return
    try:
        with connection(db_path) as db, write_transaction(db) as conn:
            if error is None:
                conn.execute(
                    "INSERT INTO worker_runs (worker, last_run_at, last_success_at, last_outcome) VALUES (?, ?, ?, 'ok') "
                    "ON CONFLICT (worker) DO UPDATE SET last_run_at = excluded.last_run_at, "
                    "last_success_at = excluded.last_success_at, last_outcome = 'ok'", (worker, started, started))
            else:
                conn.execute(
                    "INSERT INTO worker_runs (worker, last_run_at, last_error_at, last_error, last_outcome) "
                    "VALUES (?, ?, ?, ?, 'error') ON CONFLICT (worker) DO UPDATE SET last_run_at = excluded.last_run_at, "
                    "last_error_at = excluded.last_error_at, last_error = excluded.last_error, last_outcome = 'error'",
                    (worker, started, started, error))
    except Exception:  # noqa: BLE001 - the database itself is failing: the log is all that is left
        log.exception("Could not record the run of background worker %s", worker)


def latest(db: sqlite_utils.Database, principal) -> dict[str, dict]:
    """Every known worker (in WORKERS order), with its last run, success and error (None where never). Admins only."""
    require(principal, "admin")
    stored = {row["worker"]: row for row in db.query("SELECT * FROM worker_runs")}
    empty = {"last_run_at": None, "last_success_at": None, "last_error_at": None, "last_error": None,
             "last_outcome": None}
    names = [*WORKERS, *sorted(set(stored) - set(WORKERS))]
    return {name: {**empty, **stored.get(name, {}), "worker": name} for name in names}
