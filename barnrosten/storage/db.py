"""Opening the SQLite database: WAL, busy timeout, foreign keys, migrations.

For one piece of work, borrow a connection; it goes back to a small pool
afterwards, so a Streamlit run does not pay for opening the file, its pragmas,
the migration check and SQLite's schema parse again (about 9 ms each time,
issue 14)::

    with connection(config.db_path) as db:
        rows = list(db.query("select * from sessions"))

`open_db` opens a connection of one's own (close it yourself).
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import threading
from collections import deque
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


# Connections that finished their work, ready for the next borrower: (path, file identity, db).
# Few in all (every database file together), so a test suite's many files do not pile up open.
POOL_SIZE = 16
_POOL: deque[tuple[str, tuple[int, int], sqlite_utils.Database]] = deque()
_POOL_GUARD = threading.Lock()


def _identity(path: str) -> tuple[int, int] | None:
    """The file behind `path` (a database deleted or replaced by another file is another database)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _borrow(path: str) -> tuple[sqlite_utils.Database, tuple[int, int] | None]:
    identity = _identity(path)
    stale = []
    found = None
    with _POOL_GUARD:
        for entry in reversed(_POOL):
            if entry[0] == path:
                _POOL.remove(entry)
                if entry[1] == identity:
                    found = entry[2]
                    break
                stale.append(entry[2])
    for db in stale:
        db.conn.close()
    if found is not None:
        return found, identity
    db = open_db(path)
    return db, _identity(path)


def _give_back(path: str, identity: tuple[int, int] | None, db: sqlite_utils.Database) -> None:
    try:
        reusable = identity is not None and not db.conn.in_transaction
    except sqlite3.ProgrammingError:  # closed by its borrower
        return
    if not reusable:
        db.conn.close()
        return
    with _POOL_GUARD:
        _POOL.append((path, identity, db))
        evicted = _POOL.popleft()[2] if len(_POOL) > POOL_SIZE else None
    if evicted is not None:
        evicted.conn.close()


@contextmanager
def connection(path: Path | str) -> Iterator[sqlite_utils.Database]:
    """A migrated connection for one piece of work, from the pool and back to it afterwards::

        with connection(config.db_path) as db:
            save_answer(db, token, question, 4)

    Only one borrower uses a connection at a time. Work that fails leaves its
    connection closed rather than pooled. Nothing read may outlive the block.
    """
    key = os.path.abspath(path)
    db, identity = _borrow(key)
    try:
        yield db
    except BaseException:
        db.conn.close()
        raise
    _give_back(key, identity, db)


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
