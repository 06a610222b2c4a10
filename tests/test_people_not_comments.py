"""Theme counts and quotes count people, not comments.

Issue 13: three children with two comments each showed "6" and six quotes while their
respondent count was hidden. Now a respondent counts once per theme (under one sentiment),
a theme needs k respondents before anything about it is quoted, and a view quotes each
respondent at most once.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from barnrosten.access.roles import Principal
from barnrosten.answering.sessions import create_session
from barnrosten.results import board_report, insights
from barnrosten.results.filters import Filters
from tests.responses_builder import annotate, municipalities_with_sessions, respond_answers
from tests.shown_figures import count_near

K = 5
ANALYST = Principal(1, "anna", frozenset({("analyst", "alby")}))
FILTERS = Filters(municipality="alby", start="2026-06", end="2026-11")
WHEN = datetime(2026, 9, 10, 12, tzinfo=timezone.utc)
FIRST = "Jag vill ha samma socialsekreterare hela tiden"
SECOND = "Min socialsekreterare byts hela tiden, det är jobbigt"


def two_comments(db, session, number: int) -> None:
    """A child who writes about continuity twice: after a sad face, and as their wish."""
    respond_answers(db, session, {"lyssnad": 1, "lyssnad_battre": f"{SECOND} ({number})", "onskan": f"{FIRST} ({number})"},
                    when=WHEN)


@pytest.fixture
def alby(db, version_ids):
    """Twelve children writing about school, once each (so the themes table has something to show)."""
    sessions = municipalities_with_sessions(db, version_ids)
    for number in range(12):
        respond_answers(db, sessions["alby"], {"lyssnad": 4, "onskan": f"Skolan och läraren borde hjälpa mer (skola {number})"},
                        when=WHEN)
    return sessions


def continuity(db):
    return next((r for r in insights.themes(db, ANALYST, FILTERS, K) if r["theme"] == "continuity"), None)


def test_three_children_with_two_comments_each_are_three_and_hidden(db, alby):
    for number in range(3):
        two_comments(db, alby["alby"], number)
    annotate(db)
    row = continuity(db)
    assert row["comments"] is None  # three people (six comments): under k
    assert insights.quotes(db, ANALYST, FILTERS, "continuity", K) == []


def test_five_children_with_two_comments_each_are_five_and_quoted_once_each(db, alby):
    for number in range(5):
        two_comments(db, alby["alby"], number)
    annotate(db)
    assert count_near(continuity(db)["comments"], 5)  # not ten
    quotes = insights.quotes(db, ANALYST, FILTERS, "continuity", K, limit=50)
    children = {quote["redacted"].rsplit("(", 1)[1] for quote in quotes}
    assert len(quotes) == 5 and len(children) == 5  # one quote per child, never both of their comments


def test_a_report_quotes_each_child_once_across_themes(db, alby):
    for number in range(6):  # each writes on continuity (both comments) and on school (in the first)
        respond_answers(db, alby["alby"], {"lyssnad": 1, "lyssnad_battre": f"{SECOND} ({number})",
                                           "onskan": f"{FIRST}, och skolan borde hjälpa mer ({number})"}, when=WHEN)
    annotate(db)
    both = insights.quotes_by_theme(db, ANALYST, FILTERS, ["continuity", "school"], K, limit=50)
    quoted = [quote["redacted"].rsplit("(", 1)[1] for rows in both.values() for quote in rows]
    assert len(quoted) == len(set(quoted))  # no child twice in one view
    assert both["continuity"] and both["school"]
    pdf = board_report.board_report(db, ANALYST, FILTERS, K, "sv", "Alby kommun")
    assert pdf[:5] == b"%PDF-"


def test_answers_pooled_over_questions_count_people(db, version_ids):
    """Two young people each answer the three listened-to questions of unga-13-20: six answers, two people."""
    sessions = municipalities_with_sessions(db, version_ids)
    youth = create_session(db, "alby", version_ids["unga-13-20"], service_area="utredning")
    for _ in range(2):
        respond_answers(db, youth, {"lyssnad": 5, "paverka": "yes", "ensam": "yes"}, age_band="13-15", when=WHEN)
    for _ in range(6):
        respond_answers(db, sessions["alby"], {"lyssnad": 4}, when=WHEN)
    split = insights.breakdown(db, ANALYST, FILTERS, K)
    assert split["by_age_band"]["13-15"] is None
    overview = insights.overview(db, ANALYST, Filters(municipality="alby", survey="unga-13-20", **{
        "start": FILTERS.start, "end": FILTERS.end}), K)
    assert overview.listened_to.value is None


BUS_CARD = ["Busskortet räcker inte hela månaden", "Mitt busskort tar slut innan månaden är slut",
            "Busskortet borde räcka längre", "Jag har inget busskort kvar i slutet av månaden",
            "Busskortet tar slut för tidigt", "Kan busskortet räcka hela månaden?"]


def test_a_new_topic_needs_k_people(db, alby):
    for number in range(3):  # three children, two bus card comments each
        respond_answers(db, alby["alby"], {"lyssnad": 1, "lyssnad_battre": BUS_CARD[2 * number],
                                           "onskan": BUS_CARD[2 * number + 1]}, when=WHEN)
    annotate(db)
    assert insights.emerging_themes(db, ANALYST, FILTERS, K) == []
