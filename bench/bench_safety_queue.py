"""The safety queue on 100,000 flags: a page, the unread badge and the page script, beside the queue before paging.

Data: 95,000 false alarms from one import into one municipality ("Mötena var
för långa" once matched drug dealing) and 5,000 real flags of every category
spread over 20 municipalities (tests/flag_flood.py).

Baseline, in the same run on the same rows: the queue as it was before
paging (frozen below). Its database is the schema before the queue migration,
so its own indexes; then the migration runs (timed) and ours is measured.
The old queue listed one municipality at a time, all of its flags at once, one
history query per flag, and redacted every text; the baseline leaves the
redaction out (its cost per text is printed beside it), so it flatters the old queue.

Ours: `queue_page` (one page of 50, with each flag's history and text) as an
admin (every municipality) and as an analyst of the flooded municipality; a
page deep in the queue (keyset cursor); filtered by category and by source;
the badge (`new_count`); and the whole page script through AppTest (what a
browser waits for, minus drawing). Median of several runs.

    python bench/bench_safety_queue.py [--flood 95000] [--real 5000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from analysis.personal_data import redact  # noqa: E402
from barnrosten.access import accounts  # noqa: E402
from barnrosten.access.roles import Principal  # noqa: E402
from barnrosten.answering.survey_store import sync_catalog  # noqa: E402
from barnrosten.config import DEFAULT_SURVEYS_DIR  # noqa: E402
from barnrosten.safeguarding import review_queue  # noqa: E402
from barnrosten.safeguarding.review_queue import QueueFilter  # noqa: E402
from barnrosten.storage.db import open_db  # noqa: E402
from barnrosten.storage.migrations import MIGRATIONS, apply_migrations  # noqa: E402
from surveys.loader import load_surveys  # noqa: E402
from tests import flag_flood  # noqa: E402

PASSWORD = "en lång och bra lösenfras"
QUEUE_MIGRATION = next(v for v, steps in MIGRATIONS.items() if any("safety_flag_counts (" in s for s in steps))
FLOODED = flag_flood.municipality_ids(1)[0]
ADMIN = Principal(1, "bench-admin", frozenset({("admin", None)}))
ANALYST = Principal(2, "bench-analyst", frozenset({("analyst", FLOODED)}))


# ---- the queue before paging (as it was on main before the queue migration), for the baseline ----

def old_new_count(db, municipality_ids: list[str]) -> int:
    marks = ", ".join("?" for _ in municipality_ids)
    return db.execute(
        "SELECT COUNT(*) FROM safety_flags f JOIN participants p ON p.token = f.participant_token "
        f"JOIN sessions s ON s.id = p.session_id WHERE f.status = 'new' AND s.municipality_id IN ({marks})",
        municipality_ids).fetchone()[0]


def old_queue_without_redaction(db, municipality_id: str) -> int:
    sql = ("SELECT f.participant_token, f.question_id, f.flagged_at, f.categories, f.status, a.value, "
           "s.label AS session_label, s.service_area FROM safety_flags f "
           "JOIN answers a ON a.participant_token = f.participant_token AND a.question_id = f.question_id "
           "JOIN participants p ON p.token = f.participant_token JOIN sessions s ON s.id = p.session_id "
           "WHERE s.municipality_id = ? ORDER BY f.status = 'new' DESC, f.flagged_at DESC")
    rows = 0
    for row in db.query(sql, [municipality_id]):
        json.loads(row["value"])
        list(db.query("SELECT status, changed_by, changed_at, note FROM safety_flag_events "
                      "WHERE participant_token = ? AND question_id = ? ORDER BY id",
                      [row["participant_token"], row["question_id"]]))
        json.loads(row["categories"])
        rows += 1
    return rows


# ---- measuring ----

def median_ms(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def deep_cursor(db, principal, pages: int) -> str:
    after = None
    for _ in range(pages):
        after = review_queue.queue_page(db, principal, after=after).next_cursor
    return after


def page_script_ms(path: Path, runs: int) -> float:
    os.environ["BARNROSTEN_DB"] = str(path)
    db = open_db(path)
    if not db.execute("SELECT 1 FROM users WHERE username = 'bench-admin'").fetchone():
        accounts.create_user(db, "bench-admin", PASSWORD, roles=[("admin", None)])
    token = accounts.start_session(db, accounts.log_in(db, "bench-admin", PASSWORD))
    db.conn.close()
    times = []
    for _ in range(runs):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.session_state["staff_token"] = token
        at.run()
        at.switch_page("pages/safety_queue.py")
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
        assert len([t for t in at.text]) == review_queue.DEFAULT_PAGE_SIZE
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flood", type=int, default=95_000)
    parser.add_argument("--real", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline-runs", type=int, default=3)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="bench-queue-")) / "queue.db"
    db = open_db(path, migrate=False)
    apply_migrations(db, {v: s for v, s in MIGRATIONS.items() if v < QUEUE_MIGRATION})
    versions = sync_catalog(db, load_surveys(DEFAULT_SURVEYS_DIR))
    start = time.perf_counter()
    flag_flood.build(db, versions["barn-7-12"], flood=args.flood, real=args.real)
    total = db.execute("SELECT COUNT(*) FROM safety_flags").fetchone()[0]
    print(f"{total:,} flags built in {time.perf_counter() - start:.1f} s ({path})", flush=True)
    every = flag_flood.municipality_ids(20)

    old_count = median_ms(lambda: old_new_count(db, every), args.runs)
    old_count_one = median_ms(lambda: old_new_count(db, [FLOODED]), args.runs)
    old_list = median_ms(lambda: old_queue_without_redaction(db, FLOODED), args.baseline_runs)
    texts = [json.loads(v) for (v,) in db.execute("SELECT value FROM answers LIMIT 200")]
    redact_ms = median_ms(lambda: [redact(text) for text in texts], 3) / len(texts)
    listed = old_queue_without_redaction(db, FLOODED)

    start = time.perf_counter()
    apply_migrations(db)
    print(f"queue migration on {total:,} flags: {time.perf_counter() - start:.1f} s", flush=True)

    ours = {
        "badge, admin": median_ms(lambda: review_queue.new_count(db, ADMIN), args.runs),
        "badge, analyst of the flooded municipality": median_ms(lambda: review_queue.new_count(db, ANALYST), args.runs),
        "first page, admin (every municipality)": median_ms(lambda: review_queue.queue_page(db, ADMIN), args.runs),
        "first page, analyst of the flooded municipality": median_ms(lambda: review_queue.queue_page(db, ANALYST),
                                                                     args.runs),
    }
    deep = deep_cursor(db, ADMIN, 100)
    ours["page 101, admin (keyset cursor)"] = median_ms(lambda: review_queue.queue_page(db, ADMIN, after=deep), args.runs)
    ours["first page, category suicidal"] = median_ms(
        lambda: review_queue.queue_page(db, ADMIN, QueueFilter(categories=("suicidal",))), args.runs)
    imported = db.execute("SELECT id FROM sessions WHERE label LIKE 'Import:%'").fetchone()[0]
    ours["first page, source = the import"] = median_ms(
        lambda: review_queue.queue_page(db, ADMIN, QueueFilter(session_id=imported)), args.runs)
    ours["unread per category (summary)"] = median_ms(lambda: review_queue.unread_by_severity(db, ADMIN), args.runs)
    ours["sources (filter choices)"] = median_ms(lambda: review_queue.sources(db, ADMIN), args.runs)
    db.conn.close()
    script = page_script_ms(path, args.runs)

    print(f"\nmedian of {args.runs} runs (baseline list: {args.baseline_runs}), {total:,} flags")
    for what, ms in ours.items():
        print(f"  {what:52s} {ms:9.2f} ms")
    print(f"  {'whole page script, admin (AppTest)':52s} {script:9.2f} ms")
    print("baseline, the queue before paging:")
    print(f"  {'badge, every municipality (join per flag)':52s} {old_count:9.1f} ms")
    print(f"  {'badge, the flooded municipality':52s} {old_count_one:9.1f} ms")
    print(f"  {f'list of the flooded municipality ({listed:,} flags)':52s} {old_list:9.1f} ms"
          f"  + redaction {redact_ms:.2f} ms per text = {old_list + redact_ms * listed:,.0f} ms")
    print("ratios (baseline / ours):")
    print(f"  badge, admin: {old_count / max(ours['badge, admin'], 1e-3):,.0f}x")
    print(f"  badge, analyst: {old_count_one / max(ours['badge, analyst of the flooded municipality'], 1e-3):,.0f}x")
    page = ours["first page, analyst of the flooded municipality"]
    print(f"  a page of the flooded municipality: {old_list / page:,.0f}x without the old redaction, "
          f"{(old_list + redact_ms * listed) / page:,.0f}x with it")


if __name__ == "__main__":
    main()
