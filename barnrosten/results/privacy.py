"""The privacy rules, in one place: no figure about fewer than k respondents, and none that can be worked out.

Every count, share, mean, chart, table and export goes through here (domain.md):

- k, the minimum group size, is 5 by default, configurable, and never below 3.
- A figure counts people. A `Tally` is a count with what the rules need to know
  about it: its cell key (the sum of its respondents' record keys, see
  `barnrosten.results.perturbation`) and how many people it holds from each
  source: children who answered here (native), and each import batch apart.
- Reportable: 0, or at least k native respondents; a figure with no native
  respondent needs k from every import batch it draws on. So rows someone
  imported never lift a hidden group over k (1 real child + 10 imported rows
  stays hidden, however many batches or accounts add them).
- A figure that is reportable is shown perturbed by the cell key method: the
  same group always shows the same value, never below k, at most
  perturbation.MAX_PERTURBATION away from the truth. The difference of two
  shown figures is therefore noisy, and a hidden group cannot be worked out as
  "this total minus that total".
- Shares hide when the group, the part or the rest (group minus part) is not
  reportable; the part and the group are each perturbed from their own cell key.
- Two-way tables get complementary suppression, so that no hidden cell or total
  can be worked out from the row and column sums; the cells and totals shown
  are each perturbed (so the shown cells need not add up to the shown total).

    >>> cells = {("flicka", "7-9"): Tally.of(12, 1021), ("flicka", "10-12"): Tally.of(2, 77),
    ...          ("pojke", "7-9"): Tally.of(9, 3000), ("pojke", "10-12"): Tally.of(7, 412)}
    >>> suppress_table(cells, k=5).cells[("flicka", "10-12")] is None      # 2 < 5
    True
"""

from __future__ import annotations

from dataclasses import dataclass

from barnrosten.results.perturbation import KEY_RANGE, perturbed_value

DEFAULT_MIN_GROUP_SIZE = 5
# A configured k below this would describe groups small enough to recognise a child.
LOWEST_ALLOWED_MIN_GROUP_SIZE = 3
# The source of respondents who answered in Barnrösten itself; an import batch is its id.
NATIVE = None

Cell = tuple[str, str]
HIDING_ORDER = {"cell": 0, "total": 1, "row": 2, "col": 2}


def min_group_size(configured: int | None = None) -> int:
    """The k in force: the configured value, but never below LOWEST_ALLOWED_MIN_GROUP_SIZE."""
    if configured is None:
        return DEFAULT_MIN_GROUP_SIZE
    return max(LOWEST_ALLOWED_MIN_GROUP_SIZE, int(configured))


@dataclass(frozen=True)
class Tally:
    """A raw count on its way to a screen: n, its cell key, and people per source.

    `people` holds (source, people) pairs: source NATIVE or an import batch id. For a
    count of people (or of answers to one question) people equals n per source. A
    figure pooled over several questions counts answers, and one child may give
    several: `pooled` then holds a lower bound on the people behind it (the most
    from any one question), which is what the rules check.
    """

    n: int = 0
    key: int = 0
    people: tuple[tuple[int | None, int], ...] = ()
    pooled: bool = False

    @classmethod
    def of(cls, n: int, key_sum: int | None = 0, source: int | None = NATIVE) -> "Tally":
        """n people from one source whose record keys sum to key_sum."""
        n = int(n or 0)
        return cls(n, int(key_sum or 0) % KEY_RANGE, ((source, n),) if n else ())

    def _merged(self, other: "Tally", combine) -> tuple:
        merged = dict(self.people)
        for source, people in other.people:
            merged[source] = combine(merged.get(source, 0), people)
        return tuple((source, people) for source, people in merged.items() if people)

    def __add__(self, other):
        """Two disjoint groups (other months, another gender, other answers to one question)."""
        if isinstance(other, int) and other == 0:
            return self
        if not isinstance(other, Tally):
            return NotImplemented
        return Tally(self.n + other.n, (self.key + other.key) % KEY_RANGE,
                     self._merged(other, lambda a, b: a + b), self.pooled or other.pooled)

    __radd__ = __add__

    def __mul__(self, factor):
        """0 or 1 times a tally (a row that does or does not count), as plain counting code writes it."""
        if factor in (0, False):
            return ZERO
        if factor in (1, True):
            return self
        return NotImplemented

    __rmul__ = __mul__

    def __sub__(self, other: "Tally") -> "Tally":
        """The rest of a group: only for exact counts, where a part's people are a subset of the whole's."""
        if self.pooled or other.pooled:
            raise ValueError("a pooled count's rest must be counted, not subtracted")
        return Tally(self.n - other.n, (self.key - other.key) % KEY_RANGE,
                     self._merged(other, lambda a, b: a - b))

    def pool(self, other) -> "Tally":
        """Answers to another question by (perhaps) the same people: answers add, people do not."""
        other = tally(other)
        return Tally(self.n + other.n, (self.key + other.key) % KEY_RANGE,
                     self._merged(other, max), True)


ZERO = Tally()


def tally(value) -> Tally:
    """A Tally as it is, or 0 (nothing counted yet) as ZERO."""
    if isinstance(value, Tally):
        return value
    if value in (0, None):
        return ZERO
    raise TypeError(f"a figure needs its cell key: {value!r} is not a Tally")


def pool(first, second) -> Tally:
    return tally(first).pool(second)


def is_reportable(count: Tally | int, k: int = DEFAULT_MIN_GROUP_SIZE) -> bool:
    """0, or at least k native people; with no native people, at least k from each import batch.

    A plain int is a value already shown (or native people only): 0 or at least k.
    """
    if isinstance(count, int) and not isinstance(count, bool):
        return count == 0 or count >= min_group_size(k)
    count, k = tally(count), min_group_size(k)
    if count.n == 0:
        return True
    by_source = dict(count.people)
    native = by_source.pop(NATIVE, 0)
    if native:
        return native >= k
    return bool(by_source) and all(people >= k for people in by_source.values())


def shown_count(count: Tally, k: int = DEFAULT_MIN_GROUP_SIZE) -> int:
    """The perturbed value of a reportable count (never below k unless 0)."""
    count = tally(count)
    return perturbed_value(count.n, count.key, min_group_size(k))


def votes_count(count: Tally) -> int:
    """A count the room casts in the open (dots on a workshop's cards): not hidden below k, but perturbed
    like every other, and never shown as 0 when someone voted."""
    count = tally(count)
    return perturbed_value(count.n, count.key, 1)


def safe_count(count: Tally, k: int = DEFAULT_MIN_GROUP_SIZE) -> int | None:
    """The count as it may be shown, or None (hidden)."""
    count = tally(count)
    return shown_count(count, k) if is_reportable(count, k) else None


def safe_share(part: Tally, whole: Tally, k: int = DEFAULT_MIN_GROUP_SIZE, rest: Tally | None = None) -> float | None:
    """part / whole from their perturbed values, or None when the group, the part or the rest could identify.

    `rest` (the group without the part) is whole - part unless given: a pooled figure
    must count its rest itself.
    """
    part, whole = tally(part), tally(whole)
    rest = whole - part if rest is None else tally(rest)
    k = min_group_size(k)
    if whole.n == 0 or not all(is_reportable(t, k) for t in (whole, part, rest)):
        return None
    shown_whole = shown_count(whole, k)
    return min(shown_count(part, k), shown_whole) / shown_whole


def safe_mean(total: Tally, count: Tally, k: int = DEFAULT_MIN_GROUP_SIZE, *,
              low: float | None = None, high: float | None = None) -> float | None:
    """The mean of `count` values summing to total.n, the sum perturbed by its own cell key.

    `total.key` is the sum of record key x value over the values, so the sum's offset
    is unrelated to the count's. The mean stays within [low, high] (a scale's ends).
    """
    total, count = tally(total), tally(count)
    if count.n == 0 or not is_reportable(count, k):
        return None
    mean = perturbed_value(total.n, total.key) / count.n if total.n > 0 else 0.0
    if low is not None:
        mean = max(low, mean)
    if high is not None:
        mean = min(high, mean)
    return mean


@dataclass(frozen=True)
class SuppressedTable:
    """A two-way table safe to show: hidden values are None, shown values perturbed."""

    cells: dict[Cell, int | None]
    row_totals: dict[str, int | None]
    column_totals: dict[str, int | None]
    total: int | None


def suppress_table(counts: dict[Cell, Tally], k: int = DEFAULT_MIN_GROUP_SIZE) -> SuppressedTable:
    """Hide small cells and totals, then more, until nothing hidden can be derived; perturb what is shown.

    `counts` maps (row, column) -> Tally; missing pairs count as 0. The second
    step plays the attacker on the true counts: while any hidden value follows
    from an equation (row or column sum, grand total) whose other terms are all
    visible, the smallest visible term of that equation is hidden as well.
    """
    k = min_group_size(k)
    rows = sorted({r for r, _ in counts})
    columns = sorted({c for _, c in counts})
    values: dict[tuple, Tally] = {("cell", (r, c)): tally(counts.get((r, c), ZERO)) for r in rows for c in columns}
    for r in rows:
        values[("row", r)] = sum((values[("cell", (r, c))] for c in columns), ZERO)
    for c in columns:
        values[("col", c)] = sum((values[("cell", (r, c))] for r in rows), ZERO)
    values[("total",)] = sum((values[("row", r)] for r in rows), ZERO)
    hidden = {key for key, n in values.items() if not is_reportable(n, k)}
    equations = _equations(rows, columns)

    while True:
        leak = _first_derivation(equations, hidden)
        if leak is None:
            break
        visible_terms = [term for term in leak if term not in hidden]
        # Prefer hiding a cell, then the grand total, and a row or column total last: the totals per
        # row and column (a theme, a gender) are the figures readers need most. Smallest value first.
        hidden.add(min(visible_terms, key=lambda term: (HIDING_ORDER[term[0]], values[term].n, term)))

    def shown(key):
        return None if key in hidden else shown_count(values[key], k)

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
