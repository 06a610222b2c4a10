"""Dashboard filters from and to the URL: bad values fall back, never break the page."""

from datetime import date

import pytest

from barnrosten.results.filters import Filters, bucket, months_between

TODAY = date(2026, 11, 22)


def test_default_is_the_last_six_months():
    assert Filters.from_query({}, TODAY) == Filters(start="2026-06", end="2026-11")


def test_round_trip_through_the_url():
    filters = Filters(start="2025-01", end="2025-12", municipality="alby", survey="barn-7-12", group="children",
                      age_band="10-12", gender="girl", service_area="utredning")
    assert Filters.from_query(filters.to_query(), TODAY) == filters


@pytest.mark.parametrize("params", [
    {"fran": "2026-13"}, {"fran": "<script>"}, {"kon": "alien"}, {"grupp": "x"}, {"omrade": "'; DROP TABLE"},
    {"kommun": "../../etc"}, {"enkat": "A" * 500}, {"alder": "\u202e"}, {"kommun": ["alby", "berga"]},
])
def test_malformed_values_are_ignored(params):
    filters = Filters.from_query(params, TODAY)
    assert (filters.start, filters.end) == ("2026-06", "2026-11")
    for value in filters.to_query().values():
        assert value in ("2026-06", "2026-11", "alby")


def test_reversed_period_is_turned_round():
    assert Filters.from_query({"fran": "2026-05", "till": "2026-01"}, TODAY).start == "2026-01"


def test_previous_period_has_the_same_length():
    assert Filters(start="2026-01", end="2026-03").previous() == Filters(start="2025-10", end="2025-12")


def test_months_and_quarters():
    assert months_between("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert bucket("2026-08", "quarter") == "2026-Q3"
    assert Filters(start="2026-02", end="2026-07").buckets("quarter") == ["2026-Q1", "2026-Q2", "2026-Q3"]
