"""Small-group rules: no shown figure describes 1..k-1 respondents, and nothing hidden can be worked out."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barnrosten.results.privacy import min_group_size, safe_count, safe_mean, safe_share, suppress_table


@pytest.mark.parametrize("configured, expected", [(None, 5), (5, 5), (10, 10), (3, 3), (2, 3), (0, 3), (-1, 3)])
def test_k_is_configurable_but_never_below_three(configured, expected):
    assert min_group_size(configured) == expected


@pytest.mark.parametrize("n, shown", [(0, 0), (1, None), (4, None), (5, 5), (120, 120)])
def test_counts(n, shown):
    assert safe_count(n) == shown


def test_shares_hide_small_groups_and_small_complements():
    assert safe_share(10, 20) == 0.5
    assert safe_share(2, 4) is None  # group smaller than k
    assert safe_share(3, 20) is None  # 3 children said X
    assert safe_share(18, 20) is None  # so 2 children said not-X
    assert safe_share(0, 20) == 0.0


def test_means_need_k_values():
    assert safe_mean([4, 5, 3, 4]) is None
    assert safe_mean([4, 5, 3, 4, 4]) == 4


def derivable(table) -> set:
    """Every hidden value an attacker can solve from the shown cells and totals, one equation at a time."""
    rows, columns = list(table.row_totals), list(table.column_totals)
    known = {("cell", cell): n for cell, n in table.cells.items() if n is not None}
    known.update({("row", r): n for r, n in table.row_totals.items() if n is not None})
    known.update({("col", c): n for c, n in table.column_totals.items() if n is not None})
    if table.total is not None:
        known[("total",)] = table.total
    hidden = {("cell", cell) for cell, n in table.cells.items() if n is None}
    hidden |= {("row", r) for r, n in table.row_totals.items() if n is None}
    hidden |= {("col", c) for c, n in table.column_totals.items() if n is None}
    equations = [(("row", r), [("cell", (r, c)) for c in columns]) for r in rows]
    equations += [(("col", c), [("cell", (r, c)) for r in rows]) for c in columns]
    equations += [(("total",), [("row", r) for r in rows]), (("total",), [("col", c) for c in columns])]
    solved, progress = set(), True
    while progress:
        progress = False
        for total, parts in equations:
            unknowns = [v for v in [total, *parts] if v not in known]
            if len(unknowns) != 1:
                continue
            unknown = unknowns[0]
            if unknown == total:
                known[unknown] = sum(known[p] for p in parts)
            else:
                known[unknown] = known[total] - sum(known[p] for p in parts if p != unknown)
            solved.add(unknown)
            progress = True
    return solved & hidden


def test_example_with_one_small_cell():
    table = suppress_table({("flicka", "7-9"): 12, ("flicka", "10-12"): 2, ("pojke", "7-9"): 9, ("pojke", "10-12"): 7})
    assert table.cells[("flicka", "10-12")] is None
    assert sum(n is None for n in table.cells.values()) >= 2  # a complementary cell is hidden too
    assert derivable(table) == set()


tables = st.dictionaries(
    keys=st.tuples(st.sampled_from(["flicka", "pojke", "annat", "vill inte säga"]), st.sampled_from(["7-9", "10-12", "13-15", "16-17", "18-20"])),
    values=st.integers(min_value=0, max_value=40),
    min_size=1,
)


@settings(max_examples=400, deadline=None)
@given(counts=tables, k=st.integers(min_value=0, max_value=8))
def test_no_shown_figure_is_small_and_nothing_hidden_can_be_derived(counts, k):
    table = suppress_table(counts, k)
    limit = min_group_size(k)
    shown = [n for n in table.cells.values() if n is not None]
    shown += [n for n in table.row_totals.values() if n is not None]
    shown += [n for n in table.column_totals.values() if n is not None]
    shown += [table.total] if table.total is not None else []
    assert all(n == 0 or n >= limit for n in shown)
    assert derivable(table) == set()
    # Shown values are the true ones.
    for cell, n in table.cells.items():
        assert n is None or n == counts.get(cell, 0)
