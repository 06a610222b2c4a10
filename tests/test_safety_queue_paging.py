"""The safety queue comes in pages: walking them shows every flag once, in order, even while flags are being read."""

from __future__ import annotations

import pytest

from barnrosten.safeguarding import review_queue
from barnrosten.safeguarding.review_queue import QueueFilter
from tests import flag_flood
from tests.test_safety_queue_flood import ADMIN, ANALYST


@pytest.fixture
def flooded(db, version_ids):
    return flag_flood.build(db, version_ids["barn-7-12"], flood=230, real=70, municipalities=3)


def walk(db, principal, filters=QueueFilter(), size=25) -> list[dict]:
    flags, after = [], None
    while True:
        page = review_queue.queue_page(db, principal, filters, after=after, size=size)
        flags += page.flags
        if page.next_cursor is None:
            return flags
        after = page.next_cursor


def order(flag: dict) -> tuple:
    return (flag["severity"], [-ord(c) for c in flag["flagged_at"]])


def test_pages_cover_every_flag_once_in_queue_order(flooded, db):
    flags = walk(db, ADMIN)
    assert len(flags) == len({f["key"] for f in flags}) == 300
    assert [order(f) for f in flags] == sorted(order(f) for f in flags)
    for size in review_queue.PAGE_SIZES:
        assert [f["key"] for f in walk(db, ADMIN, size=size)] == [f["key"] for f in flags]
    assert [f["key"] for f in walk(db, ANALYST)] == [f["key"] for f in flags if f["municipality_id"] == ANALYST_PLACE]


ANALYST_PLACE = flag_flood.municipality_ids(1)[0]


def test_reading_a_page_moves_the_next_ones_up_without_skipping_any(flooded, db):
    first = review_queue.queue_page(db, ADMIN, size=25)
    review_queue.set_status_many(db, ADMIN, [f["key"] for f in first.flags], "seen")
    again = review_queue.queue_page(db, ADMIN, size=25)  # the unread view, from the top
    assert again.total == first.total - 25
    rest = walk(db, ADMIN)
    assert len(rest) == 275 and not {f["key"] for f in first.flags} & {f["key"] for f in rest}


def test_a_page_size_outside_the_choices_is_refused(flooded, db):
    with pytest.raises(ValueError):
        review_queue.queue_page(db, ADMIN, size=100_000)
