"""Comments per second for the whole analysis pipeline, with TextBlob's sentiment
alone on the same texts in the same run as the peer; the embeddings path on two
processes; and peak memory of `python -m analysis annotate` streaming 200,000 comments.

    python bench/bench_analysis.py [--comments 20000] [--runs 3] [--stream 200000]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.annotate import annotate_text  # noqa: E402
from barnrosten.demo import load_phrases  # noqa: E402

# The same benchmark before the learned signals for sentiment and themes (README "Figures",
# measured 2026-11-22 on this machine kind): printed beside today's run for comparison.
BEFORE = {"rules": 2190, "embeddings_two_processes": 4363}


def synthetic_comments(count: int, seed: int = 1) -> list[str]:
    """Comments built from the demo phrase bank: one or two phrases, some mixed, some English."""
    rng = random.Random(seed)
    phrases = load_phrases()
    pool = {language: [p for theme in phrases[language].values() if isinstance(theme, dict)
                       for pole in theme.values() for p in pole] for language in ("sv", "en")}
    comments = []
    for _ in range(count):
        language = "en" if rng.random() < 0.1 else "sv"
        text = rng.choice(pool[language])
        if rng.random() < 0.3:
            text += rng.choice(phrases[language]["joiners"]) + rng.choice(pool[language]).lower()
        comments.append(text)
    return comments


def time_pipeline(texts: list[str]) -> float:
    start = time.perf_counter()
    for i, text in enumerate(texts):
        annotate_text(i, text)
    return time.perf_counter() - start


def time_textblob(texts: list[str]) -> float:
    from textblob import TextBlob

    start = time.perf_counter()
    for text in texts:
        TextBlob(text).sentiment
    return time.perf_counter() - start


def _annotate_with_embeddings(texts: list[str]) -> int:
    for i, text in enumerate(texts):
        annotate_text(i, text, embeddings=True)
    return len(texts)


def time_embeddings_two_cores(texts: list[str]) -> float:
    """Wall time for the embeddings path split over two processes (each with its own cache)."""
    halves = [texts[0::2], texts[1::2]]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_annotate_with_embeddings, [["uppvärmning"]] * 2)  # load the model in both workers
        start = time.perf_counter()
        pool.map(_annotate_with_embeddings, halves)
        return time.perf_counter() - start


def _embed_all(texts: list[str]) -> int:
    from analysis.embeddings import embed

    embed(texts)
    return len(texts)


def time_embedding_every_text(texts: list[str]) -> float:
    """Worst case: every distinct text embedded (no cache hits), two processes."""
    distinct = list(dict.fromkeys(texts))
    halves = [distinct[0::2], distinct[1::2]]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_embed_all, [["uppvärmning"]] * 2)
        start = time.perf_counter()
        pool.map(_embed_all, halves)
        return time.perf_counter() - start


def stream_command(count: int) -> tuple[float, float]:
    """(seconds, peak MB) of `python -m analysis annotate` over `count` comments, output discarded."""
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "comments.jsonl"
        with open(source, "w", encoding="utf-8") as handle:
            for i, text in enumerate(synthetic_comments(count, seed=2)):
                handle.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "analysis", "annotate", str(source), "--quiet"], cwd=root,
                       stdout=subprocess.DEVNULL, check=True)
        elapsed = time.perf_counter() - start
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stream", type=int, default=200_000, help="comments for the streaming memory run (0: skip)")
    args = parser.parse_args()
    texts = synthetic_comments(args.comments)
    annotate_text(0, "uppvärmning: ladda lexikon")  # load lexicons and models before timing
    ours = statistics.median(time_pipeline(texts) for _ in range(args.runs))
    peer = statistics.median(time_textblob(texts) for _ in range(args.runs))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.comments:,} synthetic comments, median of {args.runs} runs")
    print(f"  whole pipeline, rules path (language, sentiment, themes, risk, redaction): {args.comments / ours:,.0f} "
          f"comments/s (before the learned signals: {BEFORE['rules']:,})")
    print(f"  TextBlob sentiment alone (peer): {args.comments / peer:,.0f} comments/s")
    print(f"  ratio pipeline / TextBlob: {peer / ours:.2f}")
    print(f"  peak memory of the process: {peak_mb:,.0f} MB")
    embedding_seconds = time_embeddings_two_cores(texts)
    distinct = len(set(texts))
    print(f"  with embeddings and the learned sentiment and theme signals, two processes: "
          f"{args.comments / embedding_seconds:,.0f} comments/s ({distinct:,} distinct texts, each embedded once per "
          f"process; before the learned signals: {BEFORE['embeddings_two_processes']:,})")
    worst = time_embedding_every_text(texts)
    print(f"  embedding every distinct text (no cache hits), two processes: {distinct / worst:,.0f} texts/s")
    if args.stream:
        seconds, stream_mb = stream_command(args.stream)
        print(f"  python -m analysis annotate, {args.stream:,} comments streamed: {seconds:.0f} s, "
              f"{args.stream / seconds:,.0f} comments/s, peak memory {stream_mb:,.0f} MB")


if __name__ == "__main__":
    main()
