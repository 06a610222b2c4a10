"""The dashboard on 200,000 demo responses: first render and a filter change, beside pandas.

Ours: the real app through AppTest (the script run a browser would wait for:
every query, the privacy rules, the charts' specifications; not the browser's
drawing). "First render" is a new session opening the dashboard; "filter change"
is the same session after choosing another gender. Measured for an analyst of
one municipality and for a network viewer (the whole network).

Peer, in the same run: plain pandas on the same closed answers, already loaded
into memory (loading them is timed separately): filter to the selection and
group by question and answer, as a hand-written dashboard would on each change.

    python bench/bench_dashboard.py [--db PATH] [--responses 200000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from barnrosten.access import accounts  # noqa: E402
from barnrosten.demo import seed_demo  # noqa: E402
from barnrosten.results.filters import Filters, month_from_index, month_index  # noqa: E402
from barnrosten.storage.db import open_db  # noqa: E402
from surveys.loader import load_surveys  # noqa: E402

PASSWORD = "en lång och bra lösenfras"
USERS = {"analyst": [("analyst", "bjorkdala")], "network": [("network_viewer", None)]}
GENDERS = ("girl", "boy")


def prepare(path: Path, responses: int) -> None:
    db = open_db(path)
    if db.execute("SELECT COUNT(*) FROM participants").fetchone()[0] < responses:
        print(f"seeding {responses} responses into {path} ...", flush=True)
        seed_demo(db, load_surveys(ROOT / "surveys" / "templates"), responses=responses, seed=1, anchor=date.today())
    # The network summary as the running app keeps it (rebuilt in the background every few minutes).
    from barnrosten.results.network_summary import is_fresh, rebuild

    if not is_fresh(db):
        start = time.perf_counter()
        rebuild(db)
        print(f"network summary rebuilt in {time.perf_counter() - start:.1f} s", flush=True)
    for name, roles in USERS.items():
        if not db.execute("SELECT 1 FROM users WHERE username = ?", [f"bench-{name}"]).fetchone():
            accounts.create_user(db, f"bench-{name}", PASSWORD, roles=roles)
    db.conn.close()


def app_for(path: Path, user: str) -> AppTest:
    db = open_db(path)
    token = accounts.start_session(db, accounts.log_in(db, f"bench-{user}", PASSWORD))
    db.conn.close()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["staff_token"] = token
    return at


def time_app(path: Path, user: str, runs: int) -> tuple[list[float], list[float]]:
    first, change = [], []
    for run in range(runs):
        at = app_for(path, user)
        start = time.perf_counter()
        at.run()
        first.append(time.perf_counter() - start)
        assert not at.exception, at.exception
        at.selectbox(key="dash_gender").set_value(GENDERS[run % 2])
        start = time.perf_counter()
        at.run()
        change.append(time.perf_counter() - start)
    return first, change


def load_frame(path: Path) -> pd.DataFrame:
    db = open_db(path)
    frame = pd.read_sql_query(
        "SELECT s.municipality_id, substr(p.started_at, 1, 7) AS month, p.gender, p.token, p.completed_at, "
        "a.question_id, a.value FROM participants p JOIN sessions s ON s.id = p.session_id "
        "JOIN answers a ON a.participant_token = p.token WHERE a.skipped = 0 AND a.text_hash IS NULL", db.conn)
    db.conn.close()
    return frame


def pandas_change(frame: pd.DataFrame, filters: Filters, gender: str) -> float:
    start = time.perf_counter()
    rows = frame[(frame.month >= filters.start) & (frame.month <= filters.end) & (frame.gender == gender)]
    if filters.municipality:
        rows = rows[rows.municipality_id == filters.municipality]
    answers = rows.groupby(["question_id", "value"]).size()
    respondents = rows.groupby("municipality_id").token.nunique()
    completed = rows.drop_duplicates("token").completed_at.notna().sum()
    assert len(answers) and len(respondents) and completed >= 0
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/barnrosten-bench-dashboard.db"))
    parser.add_argument("--responses", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["BARNROSTEN_DB"] = str(args.db)  # the app reads its database from the environment
    prepare(args.db, args.responses)

    # The very first run of a fresh process also imports and caches; reported on its own.
    start = time.perf_counter()
    app_for(args.db, "analyst").run()
    cold = time.perf_counter() - start

    start = time.perf_counter()
    frame = load_frame(args.db)
    load = time.perf_counter() - start
    today = date.today()
    end = month_from_index(month_index(f"{today.year:04d}-{today.month:02d}"))
    results = {}
    for user in USERS:
        first, change = time_app(args.db, user, args.runs)
        filters = Filters.default(municipality="bjorkdala" if user == "analyst" else None)
        peer = [pandas_change(frame, filters, GENDERS[i % 2]) for i in range(args.runs)]
        results[user] = (statistics.median(first), statistics.median(change), statistics.median(peer))
    print(f"responses: {args.responses}, answers in the pandas frame: {len(frame)}; runs: {args.runs}; period ends {end}")
    print(f"process start, first dashboard run (imports included): {cold:.2f} s")
    print(f"pandas: loading the closed answers into memory: {load:.2f} s (once)")
    print("| who | first render | filter change | pandas filter + groupby | ratio (change / pandas) |")
    print("|---|---|---|---|---|")
    for user, (first, change, peer) in results.items():
        print(f"| {user} | {first:.2f} s | {change:.2f} s | {peer:.3f} s | {change / peer:.1f} |")


if __name__ == "__main__":
    main()
