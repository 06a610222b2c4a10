"""What the cell key method costs in accuracy, and what it takes from an attacker. Prints figures for the README.

Accuracy: on demo data, every selection a dashboard user can make per municipality (the
whole period, each month; everyone, each gender, age band and service area), the true count
beside the shown one, for respondents and for the answers to each question; and each
question's share of positive answers, true beside shown. Errors are grouped by the size of
the cell (the true count). Figures hidden by the k rule are left out (they show nothing).

Attack: two selections that differ by a group of g < k children (the tracker of issue 13),
with fresh random record keys each time: how often the difference of the shown totals is
exactly g, and how often the attacker's best guess (the most likely g under the public
table, g in 0..k-1) is right. Peer in the same run: the same attack on unperturbed figures,
which is always right.

    python bench/bench_privacy_accuracy.py [--db PATH] [--responses 20000] [--trials 20000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import figures  # noqa: E402
from barnrosten.demo import seed_demo  # noqa: E402
from barnrosten.results import privacy  # noqa: E402
from barnrosten.results import queries as q  # noqa: E402
from barnrosten.results.filters import SERVICE_AREAS, Filters, default_period  # noqa: E402
from barnrosten.results.perturbation import KEY_RANGE, MAX_PERTURBATION, offset, probabilities  # noqa: E402
from barnrosten.results.privacy import Tally  # noqa: E402
from barnrosten.storage.db import open_db  # noqa: E402
from surveys.loader import load_surveys  # noqa: E402

K = 5
SIZES = [(5, 9), (10, 19), (20, 49), (50, 99), (100, 499), (500, 10**9)]


def size_bucket(n: int) -> str:
    for low, high in SIZES:
        if low <= n <= high:
            return f"{low}–{high}" if high < 10**9 else f"{low}+"
    return "under k"


def selections(db) -> list[Filters]:
    start, end = default_period(date.today())
    whole = Filters(start=start, end=end)
    options = q.filter_options(db)
    narrowing = [{}] + [{"gender": g} for g in ("girl", "boy", "other")] + \
        [{"age_band": a} for a in options["age_band"]] + [{"service_area": s} for s in SERVICE_AREAS]
    periods = [(whole.start, whole.end)] + [(m, m) for m in whole.months()]
    return [Filters(start=s, end=e, municipality=m, **extra)
            for m in q.municipality_names(db) for s, e in periods for extra in narrowing]


def measure(db) -> tuple[dict, dict, int]:
    counts: dict[str, list[int]] = defaultdict(list)
    shares: dict[str, list[float]] = defaultdict(list)
    kinds = q.question_kinds(db)
    chosen = selections(db)
    for filters in chosen:
        rows = q.respondent_counts(db, filters)
        everyone = sum((Tally.of(r["started"], r["started_key"], r["batch"]) for r in rows), privacy.ZERO)
        answers = [{**r, "n": Tally.of(r["n"], r["key"], r["batch"])} for r in q.answer_counts(db, filters)]
        tallies = [everyone]
        for positive, answered in figures.positive_counts(answers, kinds).values():
            positive, answered = privacy.tally(positive), privacy.tally(answered)
            tallies.append(answered)
            shown = privacy.safe_share(positive, answered, K)
            if shown is not None:
                shares[size_bucket(answered.n)].append(abs(shown - positive.n / answered.n) * 100)
        for tally in tallies:
            shown = privacy.safe_count(tally, K)
            if shown is not None and tally.n:
                counts[size_bucket(tally.n)].append(shown - tally.n)
    return counts, shares, len(chosen)


def attack(trials: int, total: int, hidden: int, rng: random.Random) -> tuple[float, float]:
    """Share of trials where A' - B' == g exactly, and where the most likely g is g."""
    def likelihood(shown: int, n: int) -> float:
        return probabilities(n - K).get(shown - n, 0.0) if n >= K else 0.0

    exact = guessed = 0
    for _ in range(trials):
        smaller = [rng.randrange(KEY_RANGE) for _ in range(total - hidden)]
        larger = smaller + [rng.randrange(KEY_RANGE) for _ in range(hidden)]
        b = (total - hidden) + offset(total - hidden, sum(smaller), K)
        a = total + offset(total, sum(larger), K)
        exact += a - b == hidden
        # The attacker: every g in 0..k-1 and every true size of B that fits what is shown.
        score = {g: sum(likelihood(b, nb) * likelihood(a, nb + g) for nb in range(b - MAX_PERTURBATION,
                                                                                   b + MAX_PERTURBATION + 1))
                 for g in range(K)}
        guessed += max(score, key=lambda g: (score[g], -g)) == hidden
    return exact / trials, guessed / trials


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/barnrosten-bench-privacy.db"))
    parser.add_argument("--responses", type=int, default=20_000)
    parser.add_argument("--trials", type=int, default=20_000)
    args = parser.parse_args()
    db = open_db(args.db)
    if db.execute("SELECT COUNT(*) FROM participants").fetchone()[0] < args.responses:
        print(f"seeding {args.responses} responses into {args.db} ...", flush=True)
        seed_demo(db, load_surveys(ROOT / "surveys" / "templates"), responses=args.responses, seed=1,
                  anchor=date.today())
    counts, shares, chosen = measure(db)
    print(f"demo responses: {args.responses}; selections: {chosen}; k = {K}; D = {MAX_PERTURBATION}")
    print("| true cell size | counts compared | mean absolute error | max error | "
          "shares compared | share: mean absolute error (pp) | share: max error (pp) |")
    print("|---|---|---|---|---|---|---|")
    for low, high in SIZES:
        name = size_bucket(low)
        errors, points = counts.get(name, []), shares.get(name, [])
        print(f"| {name} | {len(errors)} | {statistics.fmean(abs(e) for e in errors) if errors else 0:.2f} | "
              f"{max((abs(e) for e in errors), default=0)} | {len(points)} | "
              f"{statistics.fmean(points) if points else 0:.2f} | {max(points, default=0):.1f} |")
    every = [e for errors in counts.values() for e in errors]
    print(f"all counts: mean error {statistics.fmean(every):+.3f} (bias), mean absolute error "
          f"{statistics.fmean(abs(e) for e in every):.2f}, unchanged {sum(e == 0 for e in every) / len(every):.0%}")
    rng = random.Random(13)
    print("| hidden group g | total A | difference exactly g | attacker's best guess right | unperturbed (peer) |")
    print("|---|---|---|---|---|")
    for total in (20, 100):
        for hidden in (1, 2, 4):
            exact, guessed = attack(args.trials, total, hidden, rng)
            print(f"| {hidden} | {total} | {exact:.0%} | {guessed:.0%} | 100% |")
    db.conn.close()


if __name__ == "__main__":
    main()
