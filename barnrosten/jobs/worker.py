"""The worker: takes jobs from the queue and runs them, once, whichever process it lives in.

Run it on its own next to any number of app processes (`python manage.py worker`), or let the
app run one in a thread (the default for `make run`, one process, nothing else to start)::

    run_due(db, config, owner="worker-1")      # every job that is due now; returns how many ran
    Worker(config).start()                     # a thread that keeps doing that

The kinds of work, and how often the periodic ones come back, are listed here in one place.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from datetime import timedelta
from typing import Callable

import sqlite_utils

from barnrosten.config import Config
from barnrosten.jobs import queue
from barnrosten.storage import worker_runs
from barnrosten.storage.db import open_db, to_iso, utc_now

log = logging.getLogger(__name__)

# The kinds of work: the same names as the admins' page of worker runs.
ANNOTATION = worker_runs.ANNOTATION
NETWORK_SUMMARY = worker_runs.NETWORK_SUMMARY
RETENTION = worker_runs.RETENTION

# The network summary is rebuilt before it goes stale (network_summary.SUMMARY_MAX_AGE); checking
# every minute costs one small query when nothing changed.
NETWORK_SUMMARY_EVERY = timedelta(minutes=1)
# Free text past its retention time goes within a day.
RETENTION_EVERY = timedelta(days=1)
# A worker with nothing to do looks again after this long (work queued by other processes).
IDLE_POLL_SECONDS = 5.0


def _annotate(db: sqlite_utils.Database, config: Config) -> None:
    from barnrosten.answering.annotation_worker import annotate_pending

    annotate_pending(db)


def _network_summary(db: sqlite_utils.Database, config: Config) -> None:
    from barnrosten.results.network_summary import rebuild_when_due

    rebuild_when_due(db)


def _retention(db: sqlite_utils.Database, config: Config) -> None:
    from barnrosten.storage.retention import purge_free_text

    if config.retention_months:
        purge_free_text(db, config.retention_months, actor="worker")
    queue.forget_finished(db)


HANDLERS: dict[str, Callable[[sqlite_utils.Database, Config], None]] = {
    ANNOTATION: _annotate,
    NETWORK_SUMMARY: _network_summary,
    RETENTION: _retention,
}
EVERY: dict[str, timedelta] = {NETWORK_SUMMARY: NETWORK_SUMMARY_EVERY, RETENTION: RETENTION_EVERY}


def default_owner() -> str:
    """Who holds a lease: host, process and thread, so a log line tells which worker it was."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def schedule_periodic(db: sqlite_utils.Database) -> None:
    """Make sure each periodic kind has a job queued or running (a fresh database, or one that lost it)."""
    for kind in EVERY:
        if not queue.pending(db, kind):
            queue.enqueue(db, kind)


def run_job(db: sqlite_utils.Database, config: Config, job: queue.Job, owner: str) -> bool:
    """Run one claimed job; a failure is logged with its traceback, recorded on the job (retried later)
    and in the admins' worker runs. True when it worked."""
    started, began = time.perf_counter(), to_iso(utc_now())
    try:
        HANDLERS[job.kind](db, config)
    except Exception as error:  # noqa: BLE001 - one job's failure must not stop the worker; logged and retried
        log.exception("Background job %s (%s, attempt %d) failed", job.id, job.kind, job.attempts)
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        worker_runs.record(config.db_path, job.kind, began, worker_runs.describe(error))
        queue.fail(db, job, owner, worker_runs.describe(error))
        return False
    worker_runs.record(config.db_path, job.kind, began, None)
    if not queue.complete(db, job, owner):
        log.warning("Job %s (%s) finished after its lease was taken over", job.id, job.kind)
    if job.kind in EVERY:
        queue.enqueue(db, job.kind, run_after=utc_now() + EVERY[job.kind])
    log.info("Job %s (%s) done in %.2f s", job.id, job.kind, time.perf_counter() - started)
    return True


def run_due(db: sqlite_utils.Database, config: Config, owner: str | None = None,
            stop: threading.Event | None = None) -> int:
    """Run every job that is due now, one at a time; returns how many ran."""
    owner = owner or default_owner()
    ran = 0
    while not (stop and stop.is_set()):
        job = queue.claim(db, owner, kinds=tuple(HANDLERS))
        if job is None:
            return ran
        run_job(db, config, job, owner)
        ran += 1
    return ran


class Worker:
    """A worker thread: runs what is due, then sleeps until woken or IDLE_POLL_SECONDS pass."""

    def __init__(self, config: Config, *, poll_seconds: float = IDLE_POLL_SECONDS):
        self.config, self.poll_seconds = config, poll_seconds
        self.wake, self.stop = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self.serve, name=f"worker:{config.db_path}", daemon=True)

    def start(self) -> "Worker":
        self.thread.start()
        return self

    def serve(self) -> None:
        owner = default_owner()
        db = None
        while not self.stop.is_set():
            if not self.config.db_path.exists():  # the database was removed (a test's temporary folder): stop
                break
            try:
                if db is None:  # this thread's own connection, kept between rounds
                    db = open_db(self.config.db_path)
                    schedule_periodic(db)
                self.wake.clear()
                run_due(db, self.config, owner, self.stop)
            except Exception:  # noqa: BLE001 - the database was busy or broken; logged, reopened next round
                log.exception("Worker round failed")
                if db is not None:
                    db.conn.close()
                db = None
            self.wake.wait(self.poll_seconds)
        if db is not None:
            db.conn.close()
