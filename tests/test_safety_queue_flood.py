"""A flood of false alarms cannot hide real disclosures: severity first, a summary of the unread, filters to the source."""

from __future__ import annotations

import pytest

from analysis.safeguarding import CATEGORIES
from barnrosten.access.roles import Principal
from barnrosten.safeguarding import review_queue
from barnrosten.safeguarding.review_queue import QueueFilter
from tests import flag_flood

ADMIN = Principal(1, "admin", frozenset({("admin", None)}))
FIRST = flag_flood.municipality_ids(3)[0]  # where the flood was imported
ANALYST = Principal(2, "anna", frozenset({("analyst", FIRST)}))
FLOOD, REAL = 3_000, 42  # 42 real ones: three of each of the 14 categories, spread over three municipalities


@pytest.fixture
def flooded(db, version_ids):
    return flag_flood.build(db, version_ids["barn-7-12"], flood=FLOOD, real=REAL, municipalities=3)


def test_the_severity_order_covers_every_category_the_analysis_knows(db):
    assert set(review_queue.SEVERITY_ORDER) == set(CATEGORIES)
    ranks = dict(db.execute("SELECT category, rank FROM safety_severity"))
    assert [c for c, _ in sorted(ranks.items(), key=lambda item: item[1])] == list(review_queue.SEVERITY_ORDER)


def test_the_gravest_come_first_however_many_false_alarms_are_newer(flooded, db):
    page = review_queue.queue_page(db, ADMIN, size=50)
    assert page.total == FLOOD + REAL
    severities = [review_queue.SEVERITY_ORDER.index(f["categories"][0]) for f in page.flags]
    assert severities == sorted(severities)
    # Every real flag outranks the flood (which is substance use), and suicidal thoughts lead.
    real_above_flood = [f for f in page.flags if f["categories"] != [flag_flood.FLOOD_CATEGORY]]
    assert page.flags[0]["categories"] == ["suicidal"]
    graver = review_queue.SEVERITY_ORDER[:review_queue.SEVERITY_ORDER.index(flag_flood.FLOOD_CATEGORY)]
    assert len(real_above_flood) >= 3 * len(graver)
    # Within one severity, newest first.
    suicidal = [f["flagged_at"] for f in page.flags if f["categories"] == ["suicidal"]]
    assert suicidal == sorted(suicidal, reverse=True)


def test_the_unread_summary_names_every_category_with_its_count(flooded, db):
    counts = review_queue.unread_by_severity(db, ADMIN)
    assert list(counts) == list(review_queue.SEVERITY_ORDER)  # gravest first
    assert counts[flag_flood.FLOOD_CATEGORY] == FLOOD + 3 and counts["suicidal"] == 3
    assert sum(review_queue.unread_by_severity(db, ANALYST).values()) == FLOOD + REAL // 3


def test_filters_find_the_real_ones_and_the_flood_by_its_source(flooded, db):
    suicidal = review_queue.queue_page(db, ADMIN, QueueFilter(categories=("suicidal",)))
    assert suicidal.total == 3 and all("suicidal" in f["categories"] for f in suicidal.flags)
    sources = review_queue.sources(db, ADMIN)
    assert sources[0]["session_id"] == flooded["import"]["id"] and sources[0]["flags"] == FLOOD
    assert sources[0]["label"] == "Import: feedback.csv"
    flood = review_queue.queue_page(db, ADMIN, QueueFilter(session_id=flooded["import"]["id"]))
    assert flood.total == FLOOD and {f["session_label"] for f in flood.flags} == {"Import: feedback.csv"}
    live = [s for s in sources if s["session_id"] != flooded["import"]["id"]]
    assert sum(s["flags"] for s in live) == REAL
