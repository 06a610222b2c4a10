"""A job queue in the database: background work runs once, however many app processes there are.

App processes only enqueue; a worker (`python manage.py worker`, or the app's own thread
when no separate worker runs) claims a job under a lease, runs it, and marks it done::

    enqueue(db, "annotate")                      # after a free-text save; coalesced
    job = claim(db, owner="worker-1")            # None when nothing is due
    ...                                          # run it, calling renew() on long jobs
    complete(db, job, owner="worker-1")

A worker that crashes leaves its lease to run out; the next claim takes the job again
(`attempts` goes up). A worker whose lease ran out and was taken over cannot mark the job
done or failed: only the lease holder can, so nothing is recorded twice. Work itself must
be idempotent (annotation skips what is annotated; a summary rebuild replaces the summary).

Table `jobs` (migration in barnrosten/storage/migrations.py): id, kind, status
(queued | running | done | failed), run_after, lease_owner, lease_until, attempts,
last_error, created_at, finished_at.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlite_utils

from barnrosten.storage.db import to_iso, utc_now, write_transaction

# Long enough for a full annotation pass over a large import between renewals, short enough
# that a crashed worker's job is picked up again within minutes.
DEFAULT_LEASE = timedelta(minutes=2)
# After this many tries a job is left failed for an admin to see, instead of retried for ever.
MAX_ATTEMPTS = 5
# Wait before retrying a failed job: doubles each attempt (30 s, 1 min, 2 min, ...).
RETRY_BASE = timedelta(seconds=30)
# Finished jobs are kept this long for the workers page, then removed.
KEEP_FINISHED = timedelta(days=7)


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    attempts: int
    lease_until: datetime


def enqueue(db: sqlite_utils.Database, kind: str, *, run_after: datetime | None = None,
            now: datetime | None = None) -> int:
    """Queue a job of `kind` unless one is already queued (jobs of a kind coalesce); returns its id.

    A job that is running does not absorb the request: work saved after it started
    needs another pass, so a new job is queued behind it.

        >>> enqueue(db, "network_summary", run_after=utc_now() + timedelta(minutes=1))
    """
    now = now or utc_now()
    due = to_iso(run_after or now)
    with write_transaction(db) as conn:
        row = conn.execute("SELECT id, run_after FROM jobs WHERE kind = ? AND status = 'queued'", (kind,)).fetchone()
        if row:
            if due < row[1]:  # an earlier request wins: the work is wanted sooner
                conn.execute("UPDATE jobs SET run_after = ? WHERE id = ?", (due, row[0]))
            return row[0]
        return conn.execute(
            "INSERT INTO jobs (kind, status, run_after, attempts, created_at) VALUES (?, 'queued', ?, 0, ?)",
            (kind, due, to_iso(now)),
        ).lastrowid


def claim(db: sqlite_utils.Database, owner: str, *, kinds: tuple[str, ...] | None = None,
          lease: timedelta = DEFAULT_LEASE, now: datetime | None = None) -> Job | None:
    """Take the oldest due job (or one whose holder's lease ran out) under a lease for `owner`.

    One transaction under SQLite's write lock, so two workers (threads or processes)
    never take the same job; and one job of a kind runs at a time (two summary rebuilds
    at once would fight over the same staging tables).
    """
    now = now or utc_now()
    stamp = to_iso(now)
    kind_filter, params = "", [stamp, stamp, stamp]
    if kinds:
        kind_filter = f" AND kind IN ({', '.join('?' * len(kinds))})"
        params += list(kinds)
    # An idle worker looks often: a read first, so looking finds nothing without taking the write lock.
    if db.execute("SELECT 1 FROM jobs WHERE (status = 'queued' AND run_after <= ?)"
                  " OR (status = 'running' AND lease_until < ?) LIMIT 1", [stamp, stamp]).fetchone() is None:
        return None
    with write_transaction(db) as conn:
        row = conn.execute(
            "SELECT id, kind, attempts FROM jobs"
            " WHERE ((status = 'queued' AND run_after <= ?) OR (status = 'running' AND lease_until < ?))"
            " AND NOT EXISTS (SELECT 1 FROM jobs busy WHERE busy.kind = jobs.kind AND busy.id != jobs.id"
            "                 AND busy.status = 'running' AND busy.lease_until >= ?)"
            f"{kind_filter} ORDER BY run_after, id LIMIT 1",
            params,
        ).fetchone()
        if row is None:
            return None
        until = now + lease
        # A job taken over from a crashed holder while a newer request waits: the waiting one
        # would repeat the same work, so it is folded into this run.
        conn.execute("DELETE FROM jobs WHERE kind = ? AND status = 'queued' AND id != ? AND run_after <= ?",
                     (row[1], row[0], stamp))
        conn.execute(
            "UPDATE jobs SET status = 'running', lease_owner = ?, lease_until = ?, attempts = attempts + 1,"
            " started_at = ? WHERE id = ?",
            (owner, to_iso(until), stamp, row[0]),
        )
    return Job(id=row[0], kind=row[1], attempts=row[2] + 1, lease_until=until)


def renew(db: sqlite_utils.Database, job: Job, owner: str, *, lease: timedelta = DEFAULT_LEASE,
          now: datetime | None = None) -> bool:
    """Extend the lease of a long job; False when `owner` no longer holds it (stop working on it)."""
    until = (now or utc_now()) + lease
    with write_transaction(db) as conn:
        changed = conn.execute(
            "UPDATE jobs SET lease_until = ? WHERE id = ? AND status = 'running' AND lease_owner = ?",
            (to_iso(until), job.id, owner),
        ).rowcount
    return changed == 1


def complete(db: sqlite_utils.Database, job: Job, owner: str, *, now: datetime | None = None) -> bool:
    """Mark the job done; False (and nothing written) when the lease was lost to another worker."""
    with write_transaction(db) as conn:
        changed = conn.execute(
            "UPDATE jobs SET status = 'done', finished_at = ?, lease_until = NULL, last_error = NULL"
            " WHERE id = ? AND status = 'running' AND lease_owner = ?",
            (to_iso(now or utc_now()), job.id, owner),
        ).rowcount
    return changed == 1


def fail(db: sqlite_utils.Database, job: Job, owner: str, error: str, *, now: datetime | None = None) -> bool:
    """Record a failure: queued again after a growing wait, or failed for good after MAX_ATTEMPTS."""
    now = now or utc_now()
    final = job.attempts >= MAX_ATTEMPTS
    retry_at = now + RETRY_BASE * (2 ** (job.attempts - 1))
    with write_transaction(db) as conn:
        held = conn.execute("SELECT 1 FROM jobs WHERE id = ? AND status = 'running' AND lease_owner = ?",
                            (job.id, owner)).fetchone()
        if not held:
            return False
        if not final:
            # A request queued meanwhile is the same work: the retry stands for it (one queued job a kind).
            conn.execute("DELETE FROM jobs WHERE kind = ? AND status = 'queued'", (job.kind,))
        conn.execute(
            "UPDATE jobs SET status = ?, run_after = ?, finished_at = ?, lease_until = NULL, last_error = ?"
            " WHERE id = ?",
            ("failed" if final else "queued", to_iso(retry_at), to_iso(now) if final else None, error[:2000], job.id),
        )
    return True


def forget_finished(db: sqlite_utils.Database, *, older_than: timedelta = KEEP_FINISHED,
                    now: datetime | None = None) -> int:
    """Remove done and failed jobs finished before `older_than` ago; returns how many."""
    cutoff = to_iso((now or utc_now()) - older_than)
    with write_transaction(db) as conn:
        return conn.execute("DELETE FROM jobs WHERE status IN ('done', 'failed') AND finished_at < ?",
                            (cutoff,)).rowcount


def pending(db: sqlite_utils.Database, kind: str | None = None) -> int:
    """How many jobs (of `kind`) are queued or running."""
    sql = "SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running')"
    params: list = []
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    return db.execute(sql, params).fetchone()[0]


def latest_by_kind(db: sqlite_utils.Database) -> list[dict]:
    """The newest job of each kind: kind, status, attempts, started_at, finished_at, last_error."""
    return [dict(row) for row in db.query(
        "SELECT kind, status, attempts, started_at, finished_at, last_error FROM jobs j"
        " WHERE id = (SELECT MAX(id) FROM jobs WHERE kind = j.kind) ORDER BY kind")]


def next_runs(db: sqlite_utils.Database) -> dict[str, str]:
    """When each kind's queued job is due (ISO time), by kind; a kind with nothing queued is absent."""
    return {row[0]: row[1] for row in db.execute("SELECT kind, run_after FROM jobs WHERE status = 'queued'")}


def due_or_running(db: sqlite_utils.Database, kind: str | None = None, *, now: datetime | None = None) -> int:
    """How many jobs (of `kind`) are running or queued and due now (a job scheduled for later does not count)."""
    sql = "SELECT COUNT(*) FROM jobs WHERE (status = 'running' OR (status = 'queued' AND run_after <= ?))"
    params: list = [to_iso(now or utc_now())]
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    return db.execute(sql, params).fetchone()[0]
