"""What a shown figure may be, given the true count: the rules of barnrosten/results/privacy.py as test checks.

Figures are perturbed by the cell key method (record keys are random per database), so tests
assert the rule, never one hard-coded value: a shown count is within MAX_PERTURBATION of the
truth and never below k; a shown share is some perturbed part over some perturbed whole.
"""

from __future__ import annotations

from barnrosten.results.perturbation import MAX_PERTURBATION as D
from barnrosten.results.perturbation import probabilities


def _candidates(true: int, k: int) -> range:
    """Every value the rules may show for a true count (0 stays 0; nothing below k)."""
    if true == 0:
        return range(0, 1)
    return range(max(k, true - D), true + D + 1)


def count_near(shown, true: int, k: int = 5) -> bool:
    return shown is not None and shown in _candidates(true, k)


def share_near(shown, part: int, whole: int, k: int = 5) -> bool:
    """shown == perturbed part / perturbed whole for some allowed perturbation of each."""
    return shown is not None and any(
        abs(shown - min(p, w) / w) < 1e-9 for p in _candidates(part, k) for w in _candidates(whole, k) if w)


def index_near(shown, part: int, whole: int, k: int = 5) -> bool:
    """The listened-to index (share x 100, one decimal) from some allowed perturbation."""
    return shown is not None and any(
        abs(shown - round(min(p, w) / w * 100, 1)) < 1e-9 for p in _candidates(part, k) for w in _candidates(whole, k) if w)


# --- The attacker: what the public perturbation table lets anyone conclude from shown figures ---------------------


def possible_counts(shown: int, k: int = 5, floor: int | None = None) -> set[int]:
    """Every true count that could have been shown as `shown` (the table is public; the record keys are not)."""
    floor = k if floor is None else floor
    if shown == 0:
        return {0}
    return {n for n in range(max(floor, shown - D), shown + D + 1)
            if probabilities(n - floor).get(shown - n, 0) > 0}


def possible_differences(shown_larger: int, shown_smaller: int, k: int = 5, floor: int | None = None) -> set[int]:
    """True sizes of (larger group minus the smaller group inside it) consistent with the two shown counts."""
    return {a - b for a in possible_counts(shown_larger, k, floor) for b in possible_counts(shown_smaller, k, floor)
            if a >= b}


def numerator(share: float, whole: int) -> int:
    """The perturbed part behind a shown share and its shown whole (the attacker's first step)."""
    return round(share * whole)
