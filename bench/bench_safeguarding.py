"""The safeguarding check at save time, before (patterns only) and after (patterns + the learned model),
and the whole analysis pipeline with the model, embeddings cached, on two processes.

- p95 of one comment's check: each comment is new to the process (its embedding is computed, as when a
  child saves a new answer); median of the p95 of several runs; printed as a ratio after / before.
- the first check in a fresh process (weights and the embedding engine loaded lazily).
- pipeline throughput: `annotate_text` over synthetic comments whose embeddings are already cached.

    python bench/bench_safeguarding.py [--comments 300] [--runs 5] [--pipeline 20000]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.annotate import annotate_text  # noqa: E402
from analysis.safeguarding import assess  # noqa: E402
from bench.bench_analysis import synthetic_comments  # noqa: E402


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def check_times(texts: list[str], model: bool) -> list[float]:
    """Seconds per comment for `assess`; a fresh in-memory embedding cache, so every comment is new."""
    from analysis.embeddings import LRUCache

    cache = LRUCache()
    times = []
    for text in texts:
        start = time.perf_counter()
        assess(text, model=model, embedding_cache=cache)
        times.append(time.perf_counter() - start)
    return times


def first_check_seconds() -> float:
    """The first check in a fresh process: loading the weights and the embedding engine included."""
    code = ("import time; from analysis.safeguarding import assess; s = time.perf_counter(); "
            "assess('jag vill inte gå hem idag'); print(time.perf_counter() - s)")
    return float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout)


def _annotate(texts: list[str]) -> int:
    for i, text in enumerate(texts):
        annotate_text(i, text)
    return len(texts)


def pipeline_two_processes(texts: list[str], runs: int) -> float:
    """Median comments/s of the whole pipeline on two processes, each with its embeddings already cached."""
    halves = [texts[0::2], texts[1::2]]
    # "spawn": this process has loaded the embedding engine already, and forking its threads can deadlock.
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_annotate, halves)  # fills each worker's embedding cache (and loads the model)
        seconds = []
        for _ in range(runs):
            start = time.perf_counter()
            pool.map(_annotate, halves)
            seconds.append(time.perf_counter() - start)
    return len(texts) / statistics.median(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--comments", type=int, default=300, help="distinct comments per run for the p95")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pipeline", type=int, default=20_000, help="comments for the pipeline throughput")
    args = parser.parse_args()
    corpus = [json.loads(line)["text"] for line in
              (ROOT / "analysis" / "data" / "safeguarding_corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    texts = (corpus * (args.comments // len(corpus) + 1))[:args.comments]
    assess("uppvärmning")  # load the model before timing: the app loads it once, at start-up
    before, after = [], []
    for run in range(args.runs):
        # A distinct suffix per run: every comment is new to the embedding cache.
        batch = [f"{text} ({run})" for text in texts]
        before.append(p95(check_times(batch, model=False)))
        after.append(p95(check_times(batch, model=True)))
    p95_before, p95_after = statistics.median(before), statistics.median(after)
    print(f"save-time safeguarding check, one comment, p95 (median of {args.runs} runs of {args.comments} "
          "new comments each)")
    print(f"  before (patterns only):          {p95_before * 1000:8.2f} ms")
    print(f"  after (patterns + model):        {p95_after * 1000:8.2f} ms")
    print(f"  ratio after / before:            {p95_after / p95_before:8.0f}")
    print(f"  first check in a fresh process:  {first_check_seconds() * 1000:8.0f} ms (model loaded lazily)")
    synthetic = synthetic_comments(args.pipeline)
    rate = pipeline_two_processes(synthetic, args.runs)
    print(f"whole pipeline with the model, embeddings cached, two processes: {rate:,.0f} comments/s "
          f"({args.pipeline:,} comments, median of {args.runs} runs)")


if __name__ == "__main__":
    main()
