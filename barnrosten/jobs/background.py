"""The app's side of background work: queue it, and in "thread" mode run a worker in this process.

    request(db, config, ANNOTATION)     # after a free-text save: returns at once, the child never waits
    start(config)                       # once per process, at start-up (app.py)

With `config.background == "external"` the app only queues; `python manage.py worker` runs the jobs.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import sqlite_utils

from barnrosten.config import Config
from barnrosten.jobs import queue
from barnrosten.jobs.worker import Worker
from barnrosten.storage.db import connection

_WORKERS: dict[str, Worker] = {}
_GUARD = threading.Lock()


def start(config: Config) -> Worker | None:
    """This process's worker thread for the database (started once), or None when an external worker runs."""
    if config.background != "thread":
        return None
    key = str(Path(config.db_path).resolve())
    with _GUARD:
        if key not in _WORKERS:
            _WORKERS[key] = Worker(config).start()
        return _WORKERS[key]


def request(db: sqlite_utils.Database, config: Config, kind: str) -> None:
    """Queue work of `kind` (coalesced with any already queued) and wake this process's worker."""
    queue.enqueue(db, kind)
    worker = start(config)
    if worker is not None:
        worker.wake.set()


def wait_idle(config: Config, kind: str | None = None, timeout: float = 30) -> bool:
    """Wait until no job (of `kind`) is queued and due or running; for tests, shutdown and imports."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection(config.db_path) as db:
            if not queue.due_or_running(db, kind):
                return True
        time.sleep(0.05)
    return False
