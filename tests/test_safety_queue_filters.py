"""Safety queue filters: status, category, municipality, period and source, each against a count done by hand."""

from __future__ import annotations

from datetime import date

import pytest

from barnrosten.access.roles import Principal
from barnrosten.safeguarding import review_queue
from barnrosten.safeguarding.review_queue import QueueFilter
from tests import flag_flood
from tests.test_safety_queue_flood import ADMIN
from tests.test_safety_queue_paging import walk

PLACES = flag_flood.municipality_ids(3)
TWO_PLACES = Principal(5, "tove", frozenset({("analyst", PLACES[1]), ("facilitator", PLACES[2])}))


@pytest.fixture
def flooded(db, version_ids):
    return flag_flood.build(db, version_ids["barn-7-12"], flood=100, real=140, municipalities=3)


def everything(db) -> list[dict]:
    return walk(db, ADMIN, QueueFilter(status=None), size=100)


def test_status(flooded, db):
    first = review_queue.queue_page(db, ADMIN, size=25).flags
    review_queue.set_status_many(db, ADMIN, [f["key"] for f in first[:10]], "seen")
    review_queue.set_status_many(db, ADMIN, [f["key"] for f in first[10:13]], "acted_on")
    assert review_queue.queue_page(db, ADMIN, QueueFilter(status="seen")).total == 10
    assert review_queue.queue_page(db, ADMIN, QueueFilter(status="acted_on")).total == 3
    assert review_queue.queue_page(db, ADMIN, QueueFilter(status="new")).total == 240 - 13
    assert review_queue.queue_page(db, ADMIN, QueueFilter(status=None)).total == 240


@pytest.mark.parametrize("categories", [("suicidal",), ("violence", "bullying"), ("substance_use",)])
def test_categories(flooded, db, categories):
    expected = {f["key"] for f in everything(db) if set(f["categories"]) & set(categories)}
    found = walk(db, ADMIN, QueueFilter(categories=categories), size=100)
    assert expected and {f["key"] for f in found} == expected
    assert review_queue.queue_page(db, ADMIN, QueueFilter(categories=categories)).total == len(expected)


def test_municipalities_one_or_several_and_never_others(flooded, db):
    every = everything(db)
    mine = walk(db, TWO_PLACES, QueueFilter(status=None), size=100)
    assert {f["key"] for f in mine} == {f["key"] for f in every if f["municipality_id"] in PLACES[1:]}
    one = walk(db, TWO_PLACES, QueueFilter(municipalities=(PLACES[2],)), size=100)
    assert one and {f["municipality_id"] for f in one} == {PLACES[2]}
    with pytest.raises(PermissionError):
        review_queue.queue_page(db, TWO_PLACES, QueueFilter(municipalities=(PLACES[0],)))
    assert review_queue.new_count(db, TWO_PLACES) == len(mine)


def test_period(flooded, db):
    start, end = date(2026, 10, 1), date(2026, 10, 31)
    expected = {f["key"] for f in everything(db) if "2026-10-01" <= f["flagged_at"][:10] <= "2026-10-31"}
    found = walk(db, ADMIN, QueueFilter(start=start, end=end), size=100)
    assert expected and {f["key"] for f in found} == expected
    today = flag_flood.NOW.date()  # one day, both ends included
    on_the_day = [f for f in everything(db) if f["flagged_at"][:10] == today.isoformat()]
    assert len(on_the_day) >= 100  # the whole flood came in that day
    assert review_queue.queue_page(db, ADMIN, QueueFilter(start=today, end=today)).total == len(on_the_day)


def test_source(flooded, db):
    live = flooded["live"][PLACES[1]]["id"]
    found = walk(db, ADMIN, QueueFilter(session_id=live), size=100)
    assert found and {f["session_id"] for f in found} == {live}
    assert len(found) == sum(1 for f in everything(db) if f["session_id"] == live)
