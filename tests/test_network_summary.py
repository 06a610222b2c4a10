"""The network summary gives exactly the live figures, and is used only while fresh."""

from __future__ import annotations

from datetime import timedelta

import pytest

from barnrosten.access.roles import Principal
from barnrosten.results import insights, network_summary, queries, release
from barnrosten.results.filters import Filters
from tests.responses_builder import annotate, municipalities_with_sessions, respond

NETWORK = Principal(3, "nils", frozenset({("network_viewer", None)}))
ANALYST = Principal(1, "anna", frozenset({("analyst", "alby")}))


@pytest.fixture
def data(db, version_ids):
    sessions = municipalities_with_sessions(db, version_ids)
    for i in range(9):
        respond(db, sessions["alby"], faces=1 + i % 5, gender="girl" if i % 2 else "boy", complete=i % 3 != 0)
    for i in range(7):
        respond(db, sessions["berga"], faces=5, yes="no", age_band="7-9")
    for i in range(6):
        respond(db, sessions["cedra"], faces=2, gender=None)
    annotate(db)
    return db


@pytest.mark.parametrize("filters", [
    Filters(start="2026-06", end="2026-11"), Filters(start="2026-06", end="2026-11", gender="girl"),
    Filters(start="2026-06", end="2026-11", age_band="7-9"), Filters(start="2026-11", end="2026-11", group="children"),
    Filters(start="2026-01", end="2026-05"),
])
def test_network_figures_are_the_same_from_the_summary(data, filters):
    live = (insights.overview(data, NETWORK, filters, 5), insights.over_time(data, NETWORK, filters, 5),
            insights.breakdown(data, NETWORK, filters, 5),
            insights.network(data, ANALYST, filters.with_municipality("alby"), 5))
    network_summary.rebuild(data)
    assert network_summary.is_fresh(data)
    summarised = (insights.overview(data, NETWORK, filters, 5), insights.over_time(data, NETWORK, filters, 5),
                  insights.breakdown(data, NETWORK, filters, 5),
                  insights.network(data, ANALYST, filters.with_municipality("alby"), 5))
    assert summarised == live


def test_a_stale_summary_is_not_used(data):
    filters = Filters(start="2026-06", end="2026-11")
    network_summary.rebuild(data)
    data.execute("UPDATE cube_state SET built_at = '2020-01-01T00:00:00+00:00'")
    assert not network_summary.is_fresh(data)
    assert not network_summary.is_fresh(data, timedelta(minutes=1))
    def started():
        return sum(r["started"] for r in queries.respondent_counts(data, filters, all_municipalities=True))

    release.release_settled(data, 5)
    before = started()
    for _ in range(5):  # new respondents reach the figures in groups of k
        respond(data, next(data.query("SELECT * FROM sessions WHERE municipality_id = 'alby'")))
    release.release_settled(data, 5)
    assert started() == before + 5


def test_a_release_the_summary_does_not_hold_makes_it_stale(data):
    release.release_settled(data, 5)
    network_summary.rebuild(data)
    assert network_summary.is_fresh(data)
    for _ in range(5):
        respond(data, next(data.query("SELECT * FROM sessions WHERE municipality_id = 'berga'")))
    assert network_summary.is_fresh(data)  # waiting respondents are in no figure yet
    release.release_settled(data, 5)
    assert not network_summary.is_fresh(data)  # counted live until the summary holds the new release
    network_summary.rebuild(data)
    assert network_summary.is_fresh(data)
