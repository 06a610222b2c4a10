"""New respondents reach the figures in groups of at least k, never one by one.

A perturbed figure still changes when one more child is counted, and which
figures change (the girls' count, not the boys') would tell a watcher who just
handed back the tablet. So a municipality's figures count only *released*
respondents. A respondent is settled once they can add nothing more: finished,
ended on a shared tablet, idle past the session's limit on a shared tablet, or
their session closed or expired. When at least k settled respondents of a
municipality wait, all of them are released together (`releases`,
`participants.release_id`). Before and after one child finishes, every figure
is the same; when it moves, it moves by a group of at least k.

Releasing happens when figures are asked for (`barnrosten.results.insights`), so
the dashboard is as fresh as the rule allows, with no background job.

    >>> release_settled(db, k=5)      # how many respondents were released now
    12
"""

from __future__ import annotations

from datetime import datetime

import sqlite_utils

from barnrosten.results.privacy import min_group_size
from barnrosten.storage.db import to_iso, utc_now, write_transaction

_SETTLED = (
    "(p.completed_at IS NOT NULL OR p.ended_at IS NOT NULL OR s.status = 'closed' "
    "OR (s.expires_at IS NOT NULL AND s.expires_at <= :now) "
    "OR (s.shared_device = 1 AND p.last_active_at < "
    "strftime('%Y-%m-%dT%H:%M:%S+00:00', :now, '-' || s.idle_timeout_minutes || ' minutes')))"
)
_WAITING = (
    "SELECT s.municipality_id AS municipality, COUNT(*) AS n FROM participants p INDEXED BY idx_participants_pending "
    f"JOIN sessions s ON s.id = p.session_id WHERE p.release_id IS NULL AND {_SETTLED} GROUP BY s.municipality_id"
)


def waiting(db: sqlite_utils.Database, now: datetime | None = None) -> dict[str, int]:
    """municipality -> settled respondents not yet released (for the release itself; never shown)."""
    return {row["municipality"]: row["n"] for row in db.query(_WAITING, {"now": to_iso(now or utc_now())})}


def release_settled(db: sqlite_utils.Database, k: int, now: datetime | None = None) -> int:
    """Release every municipality's settled respondents where at least k wait; returns how many were released."""
    k = min_group_size(k)
    now_text = to_iso(now or utc_now())
    if not any(n >= k for n in waiting(db, now).values()):  # the usual case: a read, no write lock
        return 0
    released = 0
    with write_transaction(db) as conn:
        for municipality, n in conn.execute(_WAITING, {"now": now_text}).fetchall():
            if n < k:
                continue
            release_id = conn.execute("INSERT INTO releases (municipality_id, released_at, respondents) VALUES (?, ?, ?)",
                                      (municipality, now_text, n)).lastrowid
            released += conn.execute(
                "UPDATE participants SET release_id = :release WHERE release_id IS NULL AND token IN ("
                "SELECT p.token FROM participants p INDEXED BY idx_participants_pending JOIN sessions s ON s.id = p.session_id "
                f"WHERE p.release_id IS NULL AND s.municipality_id = :municipality AND {_SETTLED})",
                {"release": release_id, "municipality": municipality, "now": now_text}).rowcount
    return released
