"""The cell key method: the same cell always shows the same small, random-looking error.

As in the Australian Bureau of Statistics' TableBuilder and the UK's 2021 census
flexible tables. Every respondent carries a random record key, drawn once when
the row is stored (0 <= key < KEY_RANGE; `participants.record_key`). The cell
key of a figure is the sum of the record keys of the people (or answers) it
counts, modulo KEY_RANGE. The perturbation table turns (true count, cell key)
into an offset between -MAX_PERTURBATION and +MAX_PERTURBATION. So:

- the same set of respondents always gives the same shown value (asking again,
  or in another file, tells nothing new);
- two sets that differ by one child have unrelated cell keys, so the difference
  of two shown figures is the true difference plus noise, and a hidden group
  cannot be read off as "this total minus that total".

The table (`ROWS`) is fixed and public (README, "The cell key method"); the
record keys are the secret. Each row is the maximum-entropy distribution on its
offsets with mean 0 and variance VARIANCE, like the `ptable` package of
Destatis builds them:

- a count of at least `floor` is never shown below `floor` (a figure that passes
  the minimum group size k never shows a value under k, and a positive count is
  never shown as 0);
- near the floor, where fewer offsets are allowed, the row keeps mean 0 and
  takes the variance it can; exactly at the floor the count is shown as it is,
  but a shown value at the floor can also come from a count one or two above it.

    >>> perturbed_value(120, cell_key=1234, floor=5)
    119
"""

from __future__ import annotations

import math
from functools import lru_cache

# Record keys are 0..4095 (12 bits): the cell key falls in one of 4,096 slots, so each
# probability in the table is kept to 1/4096 (0.02 percentage points).
KEY_RANGE = 4096
# D: no shown count is more than two away from the truth.
MAX_PERTURBATION = 2
# V: the variance of the offset of a count away from the floor (standard deviation 1).
VARIANCE = 1.0


def cell_key(*key_sums: int) -> int:
    """Sum of record keys (already summed per part, e.g. by SQL) modulo KEY_RANGE."""
    return sum(key_sums) % KEY_RANGE


def _max_entropy(offsets: list[int], variance: float) -> list[float]:
    """Probabilities on `offsets` ~ exp(a*d + b*d*d) with mean 0 and variance `variance` (or the nearest reachable).

    Nested bisection: for a given b, the mean increases with a; for mean 0, the variance increases with b.
    """
    if len(offsets) == 1:
        return [1.0]

    def probabilities(a: float, b: float) -> list[float]:
        top = max(a * d + b * d * d for d in offsets)
        weights = [math.exp(a * d + b * d * d - top) for d in offsets]
        total = sum(weights)
        return [w / total for w in weights]

    def centred(b: float) -> list[float]:
        low, high = -60.0, 60.0
        for _ in range(64):
            middle = (low + high) / 2
            mean = sum(p * d for p, d in zip(probabilities(middle, b), offsets))
            low, high = (middle, high) if mean < 0 else (low, middle)
        return probabilities((low + high) / 2, b)

    low, high = -30.0, 30.0
    for _ in range(64):
        middle = (low + high) / 2
        spread = sum(p * d * d for p, d in zip(centred(middle), offsets))
        low, high = (middle, high) if spread < variance else (low, middle)
    return centred((low + high) / 2)


def _quantised(offsets: list[int], probabilities: list[float]) -> tuple[tuple[int, int], ...]:
    """Each offset with the first cell key past its slice of 0..KEY_RANGE-1 (cumulative, rounded)."""
    bounds, cumulative = [], 0.0
    for offset, p in zip(offsets, probabilities):
        cumulative += p
        bounds.append((offset, round(cumulative * KEY_RANGE)))
    bounds[-1] = (bounds[-1][0], KEY_RANGE)
    return tuple(bounds)


def row(distance: int) -> tuple[tuple[int, int], ...]:
    """The table row for a count `distance` above its floor: (offset, upper cell-key bound) pairs.

    Every distance from MAX_PERTURBATION up shares the same symmetric row.
    """
    return _row(min(max(distance, 0), MAX_PERTURBATION))


@lru_cache(maxsize=None)
def _row(distance: int) -> tuple[tuple[int, int], ...]:
    # At the floor no offset below 0 is allowed, so mean 0 leaves only 0.
    offsets = list(range(-distance, MAX_PERTURBATION + 1)) if distance else [0]
    return _quantised(offsets, _max_entropy(offsets, VARIANCE))


def probabilities(distance: int) -> dict[int, float]:
    """offset -> probability of the row (after rounding to key slots), for the README and the tests."""
    result, lower = {}, 0
    for offset, upper in row(distance):
        result[offset] = (upper - lower) / KEY_RANGE
        lower = upper
    return result


def offset(n: int, key: int, floor: int = 1) -> int:
    """The perturbation of a count n >= floor whose cell key is `key`."""
    key %= KEY_RANGE
    for value, upper in row(n - floor):
        if key < upper:
            return value
    raise AssertionError("the last bound is KEY_RANGE")


def perturbed_value(n: int, cell_key: int, floor: int = 1) -> int:
    """n as shown: 0 stays 0; a count at or above `floor` stays at or above it."""
    if n <= 0:
        return 0
    if n < floor:
        raise ValueError("counts below the floor are hidden, not perturbed")
    return n + offset(n, cell_key, floor)
