"""Seeding demo data: 200,000 responses, with a plain bulk insert of the same row count as peer.

    python bench/bench_seed.py [--responses 200000] [--runs 3]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from barnrosten.demo import seed_demo  # noqa: E402
from barnrosten.storage.db import open_db  # noqa: E402
from surveys.loader import load_surveys  # noqa: E402


def seed_once(responses: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder:
        db = open_db(Path(folder) / "seed.db")
        start = time.perf_counter()
        seed_demo(db, load_surveys(ROOT / "surveys" / "templates"), responses=responses, seed=1, anchor=date(2026, 11, 1))
        elapsed = time.perf_counter() - start
        answers = db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
        db.conn.close()
        return elapsed, answers


def plain_insert(answers: int) -> float:
    """Peer: only the inserts, rows made up in advance, one executemany into an unindexed table."""
    rows = [(f"t{i // 8:08d}", f"q{i % 8}", "3", 0, "2026-11-01T10:00:00+00:00") for i in range(answers)]
    with tempfile.TemporaryDirectory() as folder:
        conn = sqlite3.connect(Path(folder) / "plain.db")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE answers (participant_token, question_id, value, skipped, answered_at, PRIMARY KEY (participant_token, question_id))")
        start = time.perf_counter()
        with conn:
            conn.executemany("INSERT INTO answers VALUES (?, ?, ?, ?, ?)", rows)
        elapsed = time.perf_counter() - start
        conn.close()
        return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--responses", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    seeds = [seed_once(args.responses) for _ in range(args.runs)]
    seconds = statistics.median(s for s, _ in seeds)
    answers = seeds[0][1]
    plain = statistics.median(plain_insert(answers) for _ in range(args.runs))
    print(f"seed-demo --responses {args.responses:,}: median {seconds:.1f} s over {args.runs} runs ({answers:,} answers)")
    print(f"  {args.responses / seconds:,.0f} responses/s, {answers / seconds:,.0f} answers/s")
    print(f"  plain executemany of {answers:,} rows (peer): {plain:.1f} s")
    print(f"  ratio seed / plain insert: {seconds / plain:.1f}")


if __name__ == "__main__":
    main()
