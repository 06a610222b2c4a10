"""Comments per second for the whole analysis pipeline (rules path), with TextBlob's
sentiment alone on the same texts in the same run as the peer; peak memory.

    python bench/bench_analysis.py [--comments 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.annotate import annotate_text  # noqa: E402
from barnrosten.demo import load_phrases  # noqa: E402


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    texts = synthetic_comments(args.comments)
    annotate_text(0, "uppvärmning: ladda lexikon")  # load lexicons and models before timing
    ours = statistics.median(time_pipeline(texts) for _ in range(args.runs))
    peer = statistics.median(time_textblob(texts) for _ in range(args.runs))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.comments:,} synthetic comments, median of {args.runs} runs")
    print(f"  whole pipeline (language, sentiment, themes, risk, redaction): {args.comments / ours:,.0f} comments/s")
    print(f"  TextBlob sentiment alone (peer): {args.comments / peer:,.0f} comments/s")
    print(f"  ratio pipeline / TextBlob: {peer / ours:.2f}")
    print(f"  peak memory of the process: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
