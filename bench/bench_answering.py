"""Answers stored per second and save latency with 30 tablets answering at once.

Peer, in the same run: the same saves made one after another by a single
writer (no contention). Prints the median of several runs and the ratio.

    python bench/bench_answering.py [--runs 5] [--tablets 30] [--answers 200]
    python bench/bench_answering.py --processes 2   # the tablets split over two processes on one file

With --processes, the tablets are split over that many processes (as behind
nginx, docs/deployment.md): the in-process write lock no longer covers them
all, and SQLite's own lock and busy timeout decide. The peer is then the same
tablets in one process, in the same run; "database is locked" errors are
counted, not raised.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from barnrosten.answering import responses  # noqa: E402
from barnrosten.answering.sessions import create_session  # noqa: E402
from barnrosten.answering.survey_store import ensure_municipality, sync_catalog  # noqa: E402
from barnrosten.config import DEFAULT_SURVEYS_DIR  # noqa: E402
from barnrosten.storage.db import open_db  # noqa: E402
from surveys.loader import load_surveys  # noqa: E402


def prepare(path: Path, tablets: int):
    db = open_db(path)
    ensure_municipality(db, "bench", "Bench kommun (demo)", is_demo=True)
    catalog = load_surveys(DEFAULT_SURVEYS_DIR)
    version = sync_catalog(db, catalog)["unga-13-20"]
    session = create_session(db, "bench", version)
    tokens = [responses.start_participant(db, session["id"], "sv") for _ in range(tablets)]
    db.conn.close()
    questions = [q for q in catalog.surveys["unga-13-20"].questions if q.type == "faces"]
    return tokens, questions


def one_tablet(path, token, questions, answers, latencies, barrier):
    db = open_db(path, migrate=False)
    barrier.wait()
    for i in range(answers):
        question = questions[i % len(questions)]
        start = time.perf_counter()
        responses.save_answer(db, token, question, 1 + i % 5)
        latencies.append(time.perf_counter() - start)
    db.conn.close()


def concurrent_run(tablets: int, answers: int) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        tokens, questions = prepare(path, tablets)
        latencies: list[float] = []
        barrier = threading.Barrier(tablets + 1)
        threads = [threading.Thread(target=one_tablet, args=(path, t, questions, answers, latencies, barrier)) for t in tokens]
        for thread in threads:
            thread.start()
        barrier.wait()
        start = time.perf_counter()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
        latencies.sort()
        return (
            tablets * answers / elapsed,
            latencies[len(latencies) // 2],
            latencies[int(len(latencies) * 0.95)],
            latencies[int(len(latencies) * 0.99)],
            latencies[-1],
        )


def _tablets_in_a_process(path, tokens, questions, answers, barrier, results) -> None:
    latencies, errors = [], []

    def tablet(token):
        db = open_db(path, migrate=False)
        barrier.wait()
        for i in range(answers):
            question = questions[i % len(questions)]
            start = time.perf_counter()
            try:
                responses.save_answer(db, token, question, 1 + i % 5)
            except sqlite3.OperationalError as error:
                errors.append(str(error))
                continue
            latencies.append(time.perf_counter() - start)
        db.conn.close()

    threads = [threading.Thread(target=tablet, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put((latencies, errors))


def processes_run(tablets: int, answers: int, processes: int) -> tuple[float, float, float, float, float, int]:
    """Like concurrent_run with the tablets split over `processes` processes; the last value counts errors."""
    context = multiprocessing.get_context("fork")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        tokens, questions = prepare(path, tablets)
        barrier, results = context.Barrier(tablets + 1), context.Queue()
        workers = [context.Process(target=_tablets_in_a_process,
                                   args=(path, tokens[i::processes], questions, answers, barrier, results))
                   for i in range(processes)]
        for worker in workers:
            worker.start()
        barrier.wait()
        start = time.perf_counter()
        gathered = [results.get() for _ in workers]
        elapsed = time.perf_counter() - start
        for worker in workers:
            worker.join()
        latencies = sorted(x for got, _ in gathered for x in got)
        errors = sum(len(e) for _, e in gathered)
        return (len(latencies) / elapsed, latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.95)],
                latencies[int(len(latencies) * 0.99)], latencies[-1], errors)


def sequential_run(tablets: int, answers: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        tokens, questions = prepare(path, tablets)
        db = open_db(path, migrate=False)
        start = time.perf_counter()
        for token in tokens:
            for i in range(answers):
                responses.save_answer(db, token, questions[i % len(questions)], 1 + i % 5)
        elapsed = time.perf_counter() - start
        db.conn.close()
        return tablets * answers / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tablets", type=int, default=30)
    parser.add_argument("--answers", type=int, default=200, help="answers per tablet")
    parser.add_argument("--processes", type=int, default=1, help="split the tablets over this many processes")
    args = parser.parse_args()
    if args.processes > 1:
        split = [processes_run(args.tablets, args.answers, args.processes) for _ in range(args.runs)]
        one = [processes_run(args.tablets, args.answers, 1) for _ in range(args.runs)]
        print(f"{args.tablets} tablets x {args.answers} answers, median of {args.runs} runs")
        for name, runs in ((f"{args.processes} processes", split), ("1 process (peer)", one)):
            print(f"  {name}: {statistics.median(r[0] for r in runs):,.0f} answers/s; save latency p50 "
                  f"{statistics.median(r[1] for r in runs) * 1000:.2f} ms, p95 {statistics.median(r[2] for r in runs) * 1000:.2f}"
                  f" ms, p99 {statistics.median(r[3] for r in runs) * 1000:.2f} ms, max "
                  f"{statistics.median(r[4] for r in runs) * 1000:.1f} ms (worst of all runs "
                  f"{max(r[4] for r in runs) * 1000:.0f} ms); 'database is locked': {sum(r[5] for r in runs)}")
        print(f"  ratio {args.processes} processes / 1 process (answers/s): "
              f"{statistics.median(r[0] for r in split) / statistics.median(r[0] for r in one):.2f}")
        return
    concurrent = [concurrent_run(args.tablets, args.answers) for _ in range(args.runs)]
    sequential = [sequential_run(args.tablets, args.answers) for _ in range(args.runs)]
    rate = statistics.median(r[0] for r in concurrent)
    p50 = statistics.median(r[1] for r in concurrent) * 1000
    p95 = statistics.median(r[2] for r in concurrent) * 1000
    p99 = statistics.median(r[3] for r in concurrent) * 1000
    worst = statistics.median(r[4] for r in concurrent) * 1000
    single = statistics.median(sequential)
    print(f"{args.tablets} tablets x {args.answers} answers, median of {args.runs} runs")
    print(f"  concurrent: {rate:,.0f} answers/s; save latency p50 {p50:.2f} ms, p95 {p95:.2f} ms, "
          f"p99 {p99:.2f} ms, max {worst:.1f} ms")
    print(f"  single writer (peer): {single:,.0f} answers/s")
    print(f"  ratio concurrent / single writer: {rate / single:.2f}")


if __name__ == "__main__":
    main()
