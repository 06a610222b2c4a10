"""The privacy rules, in one place: no figure about fewer than k respondents.

Every count, share, mean, chart, table and export goes through here (domain.md):

- k, the minimum group size, is 5 by default, configurable, and never below 3.
- A cell with 0 < n < k is hidden (primary suppression).
- More cells are hidden until no hidden cell can be worked out from the row and
  column totals and the cells shown (complementary suppression): every row and
  column that hides anything hides at least two cells, or hides its total.
- A total below k is hidden too.

    >>> table = suppress_table({("flicka", "7-9"): 12, ("flicka", "10-12"): 2,
    ...                         ("pojke", "7-9"): 9, ("pojke", "10-12"): 7}, k=5)
    >>> table.cells[("flicka", "10-12")] is None      # 2 < 5
    True
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MIN_GROUP_SIZE = 5
# A configured k below this would describe groups small enough to recognise a child.
LOWEST_ALLOWED_MIN_GROUP_SIZE = 3

Cell = tuple[str, str]
HIDING_ORDER = {"cell": 0, "total": 1, "row": 2, "col": 2}


def min_group_size(configured: int | None = None) -> int:
    """The k in force: the configured value, but never below LOWEST_ALLOWED_MIN_GROUP_SIZE."""
    if configured is None:
        return DEFAULT_MIN_GROUP_SIZE
    return max(LOWEST_ALLOWED_MIN_GROUP_SIZE, int(configured))


def is_reportable(n: int, k: int = DEFAULT_MIN_GROUP_SIZE) -> bool:
    """A count may be shown when it is zero or at least k."""
    return n == 0 or n >= min_group_size(k)


def safe_count(n: int, k: int = DEFAULT_MIN_GROUP_SIZE) -> int | None:
    return n if is_reportable(n, k) else None


def safe_share(part: int, whole: int, k: int = DEFAULT_MIN_GROUP_SIZE) -> float | None:
    """part / whole, or None when the group (whole) is smaller than k or the part could identify."""
    k = min_group_size(k)
    if whole < k or not is_reportable(part, k) or not is_reportable(whole - part, k):
        return None
    return part / whole


def safe_mean(values: list[float], k: int = DEFAULT_MIN_GROUP_SIZE) -> float | None:
    return sum(values) / len(values) if len(values) >= min_group_size(k) else None


@dataclass(frozen=True)
class SuppressedTable:
    """A two-way table safe to show: hidden values are None."""

    cells: dict[Cell, int | None]
    row_totals: dict[str, int | None]
    column_totals: dict[str, int | None]
    total: int | None


def suppress_table(counts: dict[Cell, int], k: int = DEFAULT_MIN_GROUP_SIZE) -> SuppressedTable:
    """Hide small cells and totals, then more, until nothing hidden can be derived.

    `counts` maps (row, column) -> count; missing pairs count as 0. The second
    step plays the attacker: while any hidden value follows from an equation
    (row or column sum, grand total) whose other terms are all visible, the
    smallest visible term of that equation is hidden as well.
    """
    k = min_group_size(k)
    rows = sorted({r for r, _ in counts})
    columns = sorted({c for _, c in counts})
    values: dict[tuple, int] = {("cell", (r, c)): int(counts.get((r, c), 0)) for r in rows for c in columns}
    for r in rows:
        values[("row", r)] = sum(values[("cell", (r, c))] for c in columns)
    for c in columns:
        values[("col", c)] = sum(values[("cell", (r, c))] for r in rows)
    values[("total",)] = sum(values[("row", r)] for r in rows)
    hidden = {key for key, n in values.items() if not is_reportable(n, k)}
    equations = _equations(rows, columns)

    while True:
        leak = _first_derivation(equations, hidden)
        if leak is None:
            break
        visible_terms = [term for term in leak if term not in hidden]
        # Prefer hiding a cell, then the grand total, and a row or column total last: the totals per
        # row and column (a theme, a gender) are the figures readers need most. Smallest value first.
        hidden.add(min(visible_terms, key=lambda term: (HIDING_ORDER[term[0]], values[term], term)))

    def shown(key):
        return None if key in hidden else values[key]

    return SuppressedTable(
        cells={(r, c): shown(("cell", (r, c))) for r in rows for c in columns},
        row_totals={r: shown(("row", r)) for r in rows},
        column_totals={c: shown(("col", c)) for c in columns},
        total=shown(("total",)),
    )


def _equations(rows: list[str], columns: list[str]) -> list[list[tuple]]:
    """Each equation as its terms: a total and the parts that sum to it."""
    equations = [[("row", r)] + [("cell", (r, c)) for c in columns] for r in rows]
    equations += [[("col", c)] + [("cell", (r, c)) for r in rows] for c in columns]
    equations.append([("total",)] + [("row", r) for r in rows])
    equations.append([("total",)] + [("col", c) for c in columns])
    return equations


def _first_derivation(equations: list[list[tuple]], hidden: set) -> list[tuple] | None:
    """An equation with exactly one hidden term (that term can be solved), or None.

    An attacker's step-by-step solving must start with such an equation, so
    when there is none, nothing hidden can be derived.
    """
    for terms in equations:
        if sum(term in hidden for term in terms) == 1:
            return terms
    return None
