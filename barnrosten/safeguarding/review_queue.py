"""The safeguarding review queue: every flagged comment, its status, and who changed it when.

Anonymous feedback is not a report channel, but children disclose harm in it
(domain.md). A flag is written when the comment is saved; `flag_annotated_risks`
also flags any stored comment the current analysis marks as a risk (after an
import or a lexicon update), so nothing flagged can sit unseen. Staff of the
municipality (analysts and facilitators) and admins work through the queue:
new -> seen -> acted on. Every status change is kept, and every view of the
queue (it shows free text) is audited.

The queue holds any load (a flood of 15,000 flags from one import must not hide
the one child who wrote about wanting to die):

- **Severity first.** A flag sorts by its most serious category
  (`SEVERITY_ORDER`), then newest first. Triggers in the database keep each
  flag's severity, municipality and session (its source) whoever writes it,
  and a `queue_rank` that pages walk along an index.
- **Pages, not lists.** `queue_page` returns one page and a cursor to the next
  (keyset paging: a deep page costs what the first does).
- **Filters.** Status, categories, municipalities, period and source (the
  session or import the comment came from).
- **Counts that match.** `new_count` (the menu badge) counts exactly the unread
  flags the user can open in the queue's default view.
- **Bulk actions.** `set_status_many` marks the flags a reviewer has on screen
  (a page or a selection); each flag gets its own history row, and the audit
  log one entry per batch and municipality (see there why).

    >>> queue_page(db, principal, QueueFilter()).flags[0]["status"]
    'new'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone

import sqlite_utils

from analysis.personal_data import redact
from barnrosten.access import audit
from barnrosten.access.roles import Principal
from barnrosten.answering.annotations import STORED_VERSION
from barnrosten.storage.db import to_iso, utc_now, write_transaction
from barnrosten.textclean import clean_free_text

STATUSES = ("new", "seen", "acted_on")
# The municipal roles that review flags: analysts read results, facilitators are in the room.
REVIEW_ROLES = ("analyst", "facilitator")
MAX_NOTE_LENGTH = 500
# Most serious first: danger to life, then abuse, then harm that is ongoing but less acute.
# The database holds the same order (table safety_severity, migration 12); a new category needs a
# rank there too (a new migration), or it sorts after every ranked one (UNRANKED), never out of the queue.
SEVERITY_ORDER = ("suicidal", "sexual_abuse", "violence", "self_harm", "grooming", "threats", "honour",
                  "exploitation", "neglect", "running_away", "eating_disorder", "substance_use", "unsafe", "bullying")
UNRANKED = 99
PAGE_SIZES = (25, 50, 100)
DEFAULT_PAGE_SIZE = 50
# A bulk action takes at most one page of the largest size: what a reviewer can have had on screen.
MAX_BATCH = max(PAGE_SIZES)


@dataclass(frozen=True)
class QueueFilter:
    """What the reviewer asks to see. Empty means no restriction (municipalities: all they review)."""

    status: str | None = "new"  # None: every status
    categories: tuple[str, ...] = ()  # flags with any of these
    municipalities: tuple[str, ...] = ()
    start: date | None = None  # flagged on or after this day (UTC)
    end: date | None = None  # flagged on or before this day
    session_id: int | None = None  # the source: one session or one import

    def __post_init__(self):
        if self.status is not None and self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES} or None")


@dataclass(frozen=True)
class Page:
    flags: list[dict]
    next_cursor: str | None  # pass as `after` for the next page; None on the last page
    total: int  # flags matching the filter, on every page
    municipalities: tuple[str, ...] = field(default=())  # what the filter covered after the access check


def may_review(principal: Principal | None, municipality_id: str) -> bool:
    return principal is not None and any(principal.can(role, municipality_id) for role in REVIEW_ROLES)


def _require_reviewer(principal: Principal | None, municipality_id: str) -> Principal:
    if not may_review(principal, municipality_id):
        raise PermissionError(f"reviewing safety flags of {municipality_id!r} needs an analyst or facilitator role there")
    return principal


def reviewable_municipalities(principal: Principal | None, all_ids: list[str]) -> list[str]:
    """The municipalities whose queue this user may open."""
    return [m for m in all_ids if may_review(principal, m)]


def _all_municipalities(db: sqlite_utils.Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT id FROM municipalities ORDER BY id")]


def flag_annotated_risks(db: sqlite_utils.Database, version: str = STORED_VERSION) -> int:
    """Flag every answer whose stored annotation is a risk but has no flag yet; returns how many."""
    moment = to_iso(utc_now())
    with write_transaction(db) as conn:
        cursor = conn.execute(
            "INSERT OR IGNORE INTO safety_flags (participant_token, question_id, categories, flagged_at, reasons) "
            "SELECT a.participant_token, a.question_id, json_extract(n.result, '$.risk_categories'), ?, "
            "json_extract(n.result, '$.risk_reasons') "
            "FROM answers a JOIN annotations n ON n.text_hash = a.text_hash AND n.pipeline_version = ? "
            "WHERE json_extract(n.result, '$.risk') = 1 AND NOT EXISTS (SELECT 1 FROM safety_flags f "
            "WHERE f.participant_token = a.participant_token AND f.question_id = a.question_id)",
            (moment, version),
        )
    return cursor.rowcount


def _scope(db: sqlite_utils.Database, principal: Principal | None, wanted: tuple[str, ...]) -> tuple[list[str], bool]:
    """The municipalities a query covers, and whether that is every one (an admin: no condition needed).

    Asking for a municipality the user does not review is refused, never silently narrowed.
    """
    every = _all_municipalities(db)
    allowed = reviewable_municipalities(principal, every)
    if wanted:
        for municipality in wanted:
            _require_reviewer(principal, municipality)
        return sorted(set(wanted)), False
    if principal is None or not allowed:
        raise PermissionError("reviewing safety flags needs an analyst or facilitator role")
    return allowed, principal.is_admin


def _where(filters: QueueFilter, municipalities: list[str], everywhere: bool) -> tuple[list[str], list]:
    clauses, params = [], []
    if not everywhere and len(municipalities) == 1 and filters.status is not None:
        clauses.append("f.municipality_id = ?")  # walks the municipality's own index in rank order
        params += municipalities
    elif not everywhere:
        # '+' keeps SQLite walking the whole queue's index in rank order and checking the municipality in
        # it, instead of collecting every flag of these municipalities and sorting them.
        clauses.append(f"+f.municipality_id IN ({', '.join('?' for _ in municipalities)})")
        params += municipalities
    if filters.status is not None:
        clauses.append("f.status = ?")
        params.append(filters.status)
    if filters.categories:
        clauses.append("f.category_bits & ? != 0")
        params.append(category_bits(filters.categories))
    if filters.start is not None:
        clauses.append("f.flagged_at >= ?")
        params.append(to_iso(datetime.combine(filters.start, time(0), timezone.utc)))
    if filters.end is not None:
        clauses.append("f.flagged_at < ?")
        params.append(to_iso(datetime.combine(filters.end + timedelta(days=1), time(0), timezone.utc)))
    if filters.session_id is not None:
        clauses.append("f.session_id = ?")
        params.append(filters.session_id)
    return clauses or ["1"], params


def category_bits(categories) -> int:
    """The bits of `categories` as the database keeps them (bit rank - 1); unranked categories have none."""
    bits = 0
    for category in categories:
        if category not in SEVERITY_ORDER:
            raise ValueError(f"unknown category {category!r}")
        bits |= 1 << SEVERITY_ORDER.index(category)
    return bits


def new_count(db: sqlite_utils.Database, principal: Principal | None, municipality_ids: list[str] | None = None) -> int:
    """How many flags are still new where this user reviews (the badge in the menu).

    The same flags the queue's default view (status new, every municipality the user reviews) lists,
    read from counters the database keeps per municipality and status (triggers): no scan of the flags.
    """
    every = municipality_ids if municipality_ids is not None else _all_municipalities(db)
    allowed = reviewable_municipalities(principal, every)
    if not allowed:
        return 0
    if principal.is_admin and municipality_ids is None:
        return db.execute("SELECT COALESCE(SUM(n), 0) FROM safety_flag_counts WHERE status = 'new'").fetchone()[0]
    marks = ", ".join("?" for _ in allowed)
    return db.execute(f"SELECT COALESCE(SUM(n), 0) FROM safety_flag_counts WHERE status = 'new' "
                      f"AND municipality_id IN ({marks})", allowed).fetchone()[0]


def _cursor(row) -> str:
    return f"{row['queue_rank']}:{row['rowid']}"


def _parse_cursor(after: str) -> tuple[int, int]:
    rank, _, rowid = after.partition(":")
    return int(rank), int(rowid)


def _redacted(text: str | None, stored: str | None) -> str:
    # The analysis stores each text's redacted form (current pipeline only); redact live when it has not run yet.
    if stored is not None:
        return stored
    return redact(text).text if text else ""


def queue_page(db: sqlite_utils.Database, principal: Principal | None, filters: QueueFilter = QueueFilter(), *,
               after: str | None = None, size: int = DEFAULT_PAGE_SIZE) -> Page:
    """One page of flags, most serious first, then newest first.

    Rows of: key (token|question, to address the flag), municipality_id, flagged_at, categories (list),
    severity (rank; lower is more serious), status, redacted (the comment with personal data replaced;
    empty when the text was purged), session_id, session_label, session_code, service_area,
    history (rows of status, changed_by, changed_at, note), reasons (why it was flagged: rows of source
    "pattern" or "model", category, score, evidence, the matched words redacted; None when not recorded).
    The raw text is never returned.
    """
    if size not in PAGE_SIZES:
        raise ValueError(f"size must be one of {PAGE_SIZES}")
    municipalities, everywhere = _scope(db, principal, filters.municipalities)
    clauses, params = _where(filters, municipalities, everywhere)
    total = _total(db, filters, municipalities, everywhere, clauses, params)
    page_clauses, page_params = list(clauses), list(params)
    if after:
        # Written so that SQLite starts the walk at the cursor's rank (a range on the index), not at the top.
        rank, rowid = _parse_cursor(after)
        page_clauses.append("f.queue_rank >= ? AND (f.queue_rank > ? OR f.rowid > ?)")
        page_params += [rank, rank, rowid]
    rows = list(db.query(
        "SELECT f.rowid, f.participant_token, f.question_id, f.municipality_id, f.flagged_at, f.categories, f.severity, "
        "f.status, f.queue_rank, f.session_id, f.reasons, s.label AS session_label, s.code AS session_code, "
        "s.service_area, "
        "a.value, json_extract(n.result, '$.redacted') AS stored_redacted FROM safety_flags f "
        "LEFT JOIN sessions s ON s.id = f.session_id "
        "LEFT JOIN answers a ON a.participant_token = f.participant_token AND a.question_id = f.question_id "
        "LEFT JOIN annotations n ON n.text_hash = a.text_hash AND n.pipeline_version = ? "
        f"WHERE {' AND '.join(page_clauses)} ORDER BY f.queue_rank, f.rowid LIMIT ?",
        [STORED_VERSION, *page_params, size + 1]))
    more = len(rows) > size
    rows = rows[:size]
    history = _histories(db, [(r["participant_token"], r["question_id"]) for r in rows])
    flags = []
    for row in rows:
        text = json.loads(row["value"]) if row["value"] else None
        pair = (row["participant_token"], row["question_id"])
        flags.append({
            "key": f"{pair[0]}|{pair[1]}", "municipality_id": row["municipality_id"], "flagged_at": row["flagged_at"],
            "categories": json.loads(row["categories"]), "severity": row["severity"], "status": row["status"],
            "redacted": _redacted(text, row["stored_redacted"]) if text else "",
            "session_id": row["session_id"], "session_label": row["session_label"],
            "session_code": row["session_code"], "service_area": row["service_area"], "history": history.get(pair, []),
            "reasons": _reasons(row["reasons"]),
        })
    audit.record(db, principal.username, "safety_queue_viewed", ",".join(municipalities) if not everywhere else "all",
                 shown=len(flags), status=filters.status or "all")
    return Page(flags, _cursor(rows[-1]) if more else None, total, tuple(municipalities))


def _reasons(stored: str | None) -> list[dict] | None:
    """Why a flag was raised (source, category, score, evidence), the evidence redacted; None when not recorded
    (flags raised before migration 21)."""
    if not stored:
        return None
    reasons = []
    for reason in json.loads(stored):
        evidence = reason.get("evidence") or ""
        reasons.append({"source": reason.get("source", ""), "category": reason.get("category", ""),
                        "score": reason.get("score"), "evidence": redact(evidence).text if evidence else ""})
    return reasons


def _total(db: sqlite_utils.Database, filters: QueueFilter, municipalities: list[str], everywhere: bool,
           clauses: list[str], params: list) -> int:
    """Flags matching the filter: from the counters when only status and municipality narrow it, else counted."""
    if filters.categories or filters.start or filters.end or filters.session_id is not None:
        return db.execute(f"SELECT COUNT(*) FROM safety_flags f WHERE {' AND '.join(clauses)}", params).fetchone()[0]
    sql, args = "SELECT COALESCE(SUM(n), 0) FROM safety_flag_counts WHERE 1", []
    if filters.status is not None:
        sql += " AND status = ?"
        args.append(filters.status)
    if not everywhere:
        sql += f" AND municipality_id IN ({', '.join('?' for _ in municipalities)})"
        args += municipalities
    return db.execute(sql, args).fetchone()[0]


def _histories(db: sqlite_utils.Database, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], list[dict]]:
    """The review history of each flag on a page, in one query."""
    if not pairs:
        return {}
    wanted = set(pairs)
    found: dict[tuple[str, str], list[dict]] = {}
    tokens = sorted({token for token, _ in pairs})
    for row in db.query(
            "SELECT participant_token, question_id, status, changed_by, changed_at, note FROM safety_flag_events "
            f"WHERE participant_token IN ({', '.join('?' for _ in tokens)}) ORDER BY id", tokens):
        pair = (row.pop("participant_token"), row.pop("question_id"))
        if pair in wanted:
            found.setdefault(pair, []).append(row)
    return found


def queue(db: sqlite_utils.Database, principal: Principal | None, municipality_id: str,
          status: str | None = None) -> list[dict]:
    """The first page of one municipality's flags (most serious first); see `queue_page`."""
    return queue_page(db, principal, QueueFilter(status=status, municipalities=(municipality_id,)),
                      size=MAX_BATCH).flags


def unread_by_severity(db: sqlite_utils.Database, principal: Principal | None,
                       municipalities: tuple[str, ...] = ()) -> dict[str, int]:
    """Unread flags per most serious category (in SEVERITY_ORDER; 'other' for unranked) where the user reviews.

    Shown above the queue whatever the filters, so that a flood in one category can never hide a few in a
    graver one. From the counters: no scan of the flags.
    """
    scope, everywhere = _scope(db, principal, municipalities)
    sql, args = "SELECT severity, SUM(n) FROM safety_flag_counts WHERE status = 'new'", []
    if not everywhere:
        sql += f" AND municipality_id IN ({', '.join('?' for _ in scope)})"
        args += scope
    counts = {}
    for severity, n in db.execute(sql + " GROUP BY severity HAVING SUM(n) > 0 ORDER BY severity", args):
        name = SEVERITY_ORDER[severity - 1] if 1 <= severity <= len(SEVERITY_ORDER) else "other"
        counts[name] = counts.get(name, 0) + n
    return counts


def sources(db: sqlite_utils.Database, principal: Principal | None, filters: QueueFilter = QueueFilter()) -> list[dict]:
    """Where the flags in scope came from: rows of session_id, label, code, status (open/closed), flags; most first.

    An import is its own session ("Import: file.csv"), so a flood from one file stands out here.
    """
    municipalities, everywhere = _scope(db, principal, filters.municipalities)
    # A session lies in one municipality: the scope is checked on the sessions, the rest per flag.
    clauses, params = _where(replace(filters, session_id=None), municipalities, everywhere=True)
    # Counted per session from the session index (sessions are few; flags may be very many).
    in_scope = "" if everywhere else f"WHERE s.municipality_id IN ({', '.join('?' for _ in municipalities)})"
    return list(db.query(
        "SELECT * FROM (SELECT s.id AS session_id, s.label, s.code, s.status, s.municipality_id, "
        f"(SELECT COUNT(*) FROM safety_flags f WHERE f.session_id = s.id AND {' AND '.join(clauses)}) AS flags "
        f"FROM sessions s {in_scope}) WHERE flags > 0 ORDER BY flags DESC, session_id",
        [*params, *([] if everywhere else municipalities)]))


def set_status_many(db: sqlite_utils.Database, principal: Principal | None, keys: list[str], status: str,
                    note: str | None = None) -> int:
    """Move the flags `keys` (what the reviewer has on screen: a page or a selection) to `status`; returns how many moved.

    "seen" moves only new flags (a flag already acted on is never lowered). Every key must be a flag in a
    municipality the user reviews, or nothing changes. Each flag gets its own history row (who, when, note).
    The audit log gets one entry per batch and municipality, with the count: the per-flag trail is the
    history, and a reviewer clearing a flood of false alarms must not bury every other entry of the log.
    """
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}")
    pairs = list(dict.fromkeys(tuple(key.partition("|")[::2]) for key in keys))
    if not pairs:
        return 0
    if len(pairs) > MAX_BATCH:
        raise ValueError(f"at most {MAX_BATCH} flags at once")
    tokens = sorted({token for token, _ in pairs})
    wanted = set(pairs)
    found = [row for row in db.execute(
        "SELECT participant_token, question_id, municipality_id, status FROM safety_flags "
        f"WHERE participant_token IN ({', '.join('?' for _ in tokens)})", tokens) if (row[0], row[1]) in wanted]
    if len(found) != len(pairs):
        raise KeyError("no such flag")
    for municipality in {row[2] for row in found}:
        _require_reviewer(principal, municipality)
    movable = {"seen": ("new",), "acted_on": ("new", "seen"), "new": ("seen", "acted_on")}[status]
    moving = [row for row in found if row[3] in movable]
    # Typed by staff, read by other staff: cleaned like children's free text (no NUL, no bidi overrides).
    note = clean_free_text(note, MAX_NOTE_LENGTH) or None
    moment = to_iso(utc_now())
    with write_transaction(db) as conn:
        conn.executemany("UPDATE safety_flags SET status = ? WHERE participant_token = ? AND question_id = ?",
                         [(status, row[0], row[1]) for row in moving])
        conn.executemany(
            "INSERT INTO safety_flag_events (participant_token, question_id, status, changed_by, changed_at, note) "
            "VALUES (?, ?, ?, ?, ?, ?)", [(row[0], row[1], status, principal.username, moment, note) for row in moving])
        per_municipality: dict[str, int] = {}
        for row in moving:
            per_municipality[row[2]] = per_municipality.get(row[2], 0) + 1
        for municipality, count in sorted(per_municipality.items()):
            audit.record(db, principal.username, "safety_flag_status", municipality, status=status, flags=count)
    return len(moving)


def set_status(db: sqlite_utils.Database, principal: Principal | None, key: str, status: str,
               note: str | None = None) -> None:
    """Move one flag to `status`, recording who and when (and a short note, e.g. what was done)."""
    set_status_many(db, principal, [key], status, note)
