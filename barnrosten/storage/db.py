"""Opening the SQLite database: WAL, busy timeout, foreign keys, migrations.

Open one connection per Streamlit run (or per thread); they are cheap, and a
`sqlite_utils.Database` kept across reruns fails the thread check::

    db = open_db(config.db_path)
    rows = list(db.query("select * from sessions"))
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import sqlite_utils

from barnrosten.storage.migrations import apply_migrations

# Thirty tablets may write in the same second; a writer waits this long for the
# lock instead of failing. WAL keeps readers from blocking writers.
BUSY_TIMEOUT_MS = 15_000


def open_db(path: Path | str, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) the database at `path`, migrated to the latest schema."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: we issue BEGIN ourselves, so each write is explicit.
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    db = sqlite_utils.Database(conn)
    if migrate:
        apply_migrations(db)
    return db


@contextmanager
def connection(path: Path | str) -> Iterator[sqlite_utils.Database]:
    """A connection for one piece of work, closed afterwards::

        with connection(config.db_path) as db:
            save_answer(db, token, question, 4)
    """
    db = open_db(path)
    try:
        yield db
    finally:
        db.conn.close()


# One lock per database file for the writers in this process (Streamlit runs
# every browser session as a thread). Waiting threads queue on it instead of
# polling SQLite's busy handler, whose growing sleeps starve some writers.
_WRITE_LOCKS: dict[str, threading.Lock] = {}
_WRITE_LOCKS_GUARD = threading.Lock()


def _write_lock(conn: sqlite3.Connection) -> threading.Lock:
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    with _WRITE_LOCKS_GUARD:
        return _WRITE_LOCKS.setdefault(path, threading.Lock())


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite3.Connection]:
    """One unit of work: a `BEGIN IMMEDIATE` transaction that commits or rolls back as a whole.

    The outermost call takes this process's write lock and SQLite's write lock up front (two writers
    never deadlock upgrading read locks). A call nested inside it, on the same connection, is a
    SAVEPOINT: the data function and its audit entry commit together, or neither does::

        with write_transaction(db) as conn:          # the user's action
            conn.execute("UPDATE actions ...")
            audit.record(db, actor, "action_changed")  # nested: a savepoint in the same transaction

    An exception inside a nested block rolls back only that block; if the caller catches it, the
    outer transaction goes on. Uncaught, it rolls back the whole transaction.
    """
    conn = db.conn
    if conn.in_transaction:
        yield from _savepoint(conn)
        return
    with _write_lock(conn):
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # some errors (a full disk, an interrupt) have rolled back already
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


_SAVEPOINT_COUNTER = itertools.count(1)


def _savepoint(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    name = f"unit_{next(_SAVEPOINT_COUNTER)}"
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute(f"ROLLBACK TO {name}")  # undoes the block; the savepoint stays open ...
            conn.execute(f"RELEASE {name}")  # ... until released, which keeps the outer transaction
        raise
    conn.execute(f"RELEASE {name}")


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def to_iso(moment: datetime) -> str:
    """Timestamps are stored as ISO 8601 UTC strings, which sort correctly as text."""
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def from_iso(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
