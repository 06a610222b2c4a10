"""Small-group rules: no shown figure describes 1..k-1 respondents, and nothing hidden can be worked out."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barnrosten.results.perturbation import KEY_RANGE, MAX_PERTURBATION
from barnrosten.results.privacy import (Tally, is_reportable, min_group_size, pool, safe_count, safe_mean, safe_share,
                                        suppress_table)


def people(n: int, source=None, seed: int = 0) -> Tally:
    """n people with random record keys (as SQLite draws them), from one source."""
    rng = random.Random(seed * 1000 + n)
    return Tally.of(n, sum(rng.randrange(KEY_RANGE) for _ in range(n)), source)


@pytest.mark.parametrize("configured, expected", [(None, 5), (5, 5), (10, 10), (3, 3), (2, 3), (0, 3), (-1, 3)])
def test_k_is_configurable_but_never_below_three(configured, expected):
    assert min_group_size(configured) == expected


@pytest.mark.parametrize("n", [0, 1, 4, 5, 6, 7, 120])
def test_counts_are_hidden_below_k_and_shown_near_the_truth_never_below_it(n):
    for seed in range(50):
        shown = safe_count(people(n, seed=seed))
        if 0 < n < 5:
            assert shown is None
        elif n == 0:
            assert shown == 0
        else:
            assert 5 <= shown and abs(shown - n) <= MAX_PERTURBATION


def test_shares_hide_small_groups_and_small_complements():
    assert safe_share(people(10), people(10) + people(10, seed=1)) == pytest.approx(0.5, abs=0.15)
    assert safe_share(people(2), people(2) + people(2, seed=1)) is None  # group smaller than k
    assert safe_share(people(3), people(3) + people(17, seed=1)) is None  # 3 children said X
    assert safe_share(people(18), people(18) + people(2, seed=1)) is None  # so 2 children said not-X
    assert safe_share(Tally(), people(20)) == 0.0
    everyone = people(20)
    assert safe_share(everyone, everyone) == 1.0  # the same people: the same cell key, the same value


def test_a_pooled_share_counts_people_not_answers():
    # Two youths answer three listened-to questions each: six answers, but two people.
    questions = [people(2, seed=q) for q in range(3)]
    pooled = questions[0].pool(questions[1]).pool(questions[2])
    assert pooled.n == 6 and not is_reportable(pooled)
    # A pooled rest must be counted: subtracting would guess its people.
    with pytest.raises(ValueError):
        safe_share(pooled, pooled)
    assert safe_share(pooled, pooled, rest=Tally()) is None
    # Six children each answering one of the questions: counted as at least the most on one question.
    many = pool(pool(people(6, seed=1), people(6, seed=2)), people(6, seed=3))
    assert is_reportable(many) and safe_share(many, many, rest=Tally()) == 1.0


def test_imported_rows_never_lift_a_small_group_over_k():
    one_child = people(1)
    padded = one_child + people(10, source=1) + people(10, source=2)
    assert padded.n == 21 and not is_reportable(padded) and safe_count(padded) is None
    # A group of only imported rows needs k from every batch it draws on.
    assert is_reportable(people(10, source=1))
    assert not is_reportable(people(10, source=1) + people(2, source=2))
    # Enough native respondents: small batch parts cannot be told apart from them.
    assert is_reportable(people(5) + people(2, source=1))


def test_means_need_k_values_and_the_sum_is_perturbed():
    faces = [4, 5, 3, 4]
    assert safe_mean(Tally.of(sum(faces), 99), people(4)) is None
    faces.append(5)
    for seed in range(30):
        mean = safe_mean(Tally.of(sum(faces), seed * 131), people(5, seed=seed), low=1, high=5)
        assert abs(mean * 5 - sum(faces)) <= MAX_PERTURBATION + 1e-9 and 1 <= mean <= 5


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
    table = suppress_table({("flicka", "7-9"): people(12), ("flicka", "10-12"): people(2),
                            ("pojke", "7-9"): people(9), ("pojke", "10-12"): people(7)})
    assert table.cells[("flicka", "10-12")] is None
    assert sum(n is None for n in table.cells.values()) >= 2  # a complementary cell is hidden too
    assert derivable(table) == set()


tables = st.dictionaries(
    keys=st.tuples(st.sampled_from(["flicka", "pojke", "annat", "vill inte säga"]), st.sampled_from(["7-9", "10-12", "13-15", "16-17", "18-20"])),
    values=st.tuples(st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=KEY_RANGE - 1)),
    min_size=1,
)


@settings(max_examples=400, deadline=None)
@given(counts=tables, k=st.integers(min_value=0, max_value=8))
def test_no_shown_figure_is_small_and_nothing_hidden_can_be_derived(counts, k):
    cells = {cell: Tally.of(n, key) for cell, (n, key) in counts.items()}
    table = suppress_table(cells, k)
    limit = min_group_size(k)
    shown = [n for n in table.cells.values() if n is not None]
    shown += [n for n in table.row_totals.values() if n is not None]
    shown += [n for n in table.column_totals.values() if n is not None]
    shown += [table.total] if table.total is not None else []
    assert all(n == 0 or n >= limit for n in shown)
    assert derivable(table) == set()
    # Shown values are the true ones, perturbed by at most D; a true zero stays zero; the same cells show the same.
    for cell, n in table.cells.items():
        true = counts.get(cell, (0, 0))[0]
        assert n is None or abs(n - true) <= MAX_PERTURBATION and (n == 0) == (true == 0)
    assert suppress_table(cells, k) == table
