"""Live figures: the child who just handed back the tablet cannot be read off the dashboard or the workshop wall.

Issue 13: before and after one child finished, the same view moved by exactly one person
(girl 19 -> 20, "trygg" 10/16 -> 10/17); the workshop journey mean (4.2 with 5 ratings ->
3.67 with 6) gave the sixth child's tap on a wall that redraws every 2 s.

Now new respondents reach the figures in groups of at least k (barnrosten/results/release.py),
so one more child changes nothing; and the journey's sum and count are perturbed by the cell
key method, so the tap that moved the curve is no longer exact.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from barnrosten.access.roles import Principal
from barnrosten.results import exports, insights, release
from barnrosten.results.filters import Filters
from barnrosten.results.perturbation import KEY_RANGE, MAX_PERTURBATION
from barnrosten.storage.db import utc_now
from barnrosten.workshops import facilitation
from barnrosten.workshops import participation as wp
from tests.responses_builder import municipalities_with_sessions, respond_answers
from tests.shown_figures import count_near, possible_counts

K = 5
ANALYST = Principal(1, "anna", frozenset({("analyst", "alby")}))
FIA = Principal(2, "fia", frozenset({("facilitator", "alby")}))
FILTERS = Filters(municipality="alby", start="2026-06", end=f"{utc_now().year:04d}-{utc_now().month:02d}")
TODAY = datetime(2026, 11, 15, 12, tzinfo=timezone.utc)


def answers(trygg: str | None) -> dict:
    return {"lyssnad": 4, "forstar": 4, "snalla": 5, "samma": "yes", "trygg": trygg}


@pytest.fixture
def sessions(db, version_ids):
    """19 girls and 6 boys; 16 girls answered "trygg", 10 of them yes."""
    made = municipalities_with_sessions(db, version_ids)
    for i in range(19):
        respond_answers(db, made["alby"], answers(("yes" if i < 10 else "no") if i < 16 else None), gender="girl",
                        when=TODAY - timedelta(days=3))
    for _ in range(6):
        respond_answers(db, made["alby"], answers("yes"), gender="boy", when=TODAY - timedelta(days=3))
    return made


def everything(db) -> tuple:
    """Every figure of the analyst's view and export."""
    return (insights.overview(db, ANALYST, FILTERS, K), insights.breakdown(db, ANALYST, FILTERS, K),
            insights.over_time(db, ANALYST, FILTERS, K),
            [(table.id, table.rows) for table in exports.result_tables(db, ANALYST, FILTERS, K)])


def test_one_more_child_changes_no_figure(db, sessions):
    before = everything(db)
    girls_before = before[1]["table"].row_totals["girl"]
    assert count_near(girls_before, 19)
    # The twentieth girl finishes and hands the tablet back; she does not feel safe at home.
    respond_answers(db, sessions["alby"], answers("no"), gender="girl", when=TODAY)
    assert everything(db) == before
    # Three more children finish: still fewer than k waiting, still nothing moves.
    for _ in range(3):
        respond_answers(db, sessions["alby"], answers("yes"), gender="boy", when=TODAY)
    assert everything(db) == before


def test_a_child_still_answering_is_not_counted(db, sessions):
    before = everything(db)
    for _ in range(6):  # on the tablet right now, halfway through
        respond_answers(db, sessions["alby"], {"lyssnad": 1}, gender="other", when=utc_now(), complete=False)
    assert everything(db) == before


def test_figures_move_by_groups_of_at_least_k(db, sessions):
    everything(db)
    respond_answers(db, sessions["alby"], answers("no"), gender="girl", when=TODAY)
    for _ in range(K - 1):
        respond_answers(db, sessions["alby"], answers("yes"), gender="boy", when=TODAY)
    after = everything(db)  # the fifth child waiting releases all five at once
    assert count_near(after[0].respondents.value, 25 + K)
    released = list(db.query("SELECT respondents FROM releases ORDER BY id"))
    assert [r["respondents"] for r in released] == [25, K]


def test_a_child_who_walked_away_is_released_after_the_idle_time(db, sessions):
    everything(db)
    for _ in range(K):  # five children leave a shared tablet halfway
        respond_answers(db, sessions["alby"], {"lyssnad": 2}, gender="boy", when=TODAY, complete=False)
    assert release.release_settled(db, K, now=TODAY + timedelta(minutes=5)) == 0  # they may still come back
    assert release.release_settled(db, K, now=TODAY + timedelta(minutes=11)) == K  # the session allows 10 idle minutes


def test_every_municipality_waits_for_its_own_group(db, sessions):
    everything(db)
    for municipality in ("berga", "cedra"):
        for _ in range(3):
            respond_answers(db, sessions[municipality], answers("yes"), when=TODAY)
    assert release.waiting(db) == {"berga": 3, "cedra": 3}
    assert release.release_settled(db, K) == 0  # six settled in all, but only three in each


# --- The workshop wall ----------------------------------------------------------------------------------------


def test_the_sixth_tap_on_the_journey_is_not_given_away(db, version_ids):
    from barnrosten.answering.survey_store import ensure_municipality

    ensure_municipality(db, "alby", "Alby kommun")
    made = facilitation.create_workshop(db, FIA, "alby", title="Resan", audience="youth", activities=[{"kind": "journey"}])
    activity = facilitation.activities(db, made["id"])[0]
    for face in (5, 4, 4, 4, 4):  # mean 4.2
        wp.rate_step(db, wp.join(db, made["code"]).token, 0, face)
    before = facilitation.journey_curve(db, activity["id"], K)[0]
    assert before == facilitation.journey_curve(db, activity["id"], K)[0]  # redrawn every 2 s: the same
    sixth = wp.join(db, made["code"]).token
    wp.rate_step(db, sixth, 0, 1)  # the sixth child taps the saddest face
    # Record keys are random; this room happens to give the sixth child one under which the naive reading
    # (6 x the new mean - 5 x the old) is not her tap.
    for key in range(KEY_RANGE):
        db.execute("UPDATE workshop_participants SET record_key = ? WHERE token = ?", [key, sixth])
        after = facilitation.journey_curve(db, activity["id"], K)[0]
        if round(after["mean"] * 6 - before["mean"] * 5) != 1:
            break
    assert round(after["mean"] * 6 - before["mean"] * 5) != 1

    # Each mean is (the sum of faces, perturbed by at most D) / the ratings.
    assert any(abs(before["mean"] - round((21 + d) / 5, 2)) < 1e-9 for d in range(-2, 3))
    assert any(abs(after["mean"] - round((22 + d) / 6, 2)) < 1e-9 for d in range(-2, 3))
    # The attacker knows the room (5 ratings, then 6) and the public table, and works back the tap.
    sums_before = possible_counts(round(before["mean"] * 5), floor=1)
    sums_after = possible_counts(round(after["mean"] * 6), floor=1)
    taps = {s6 - s5 for s5 in sums_before for s6 in sums_after if 1 <= s6 - s5 <= 5}
    assert 1 in taps and len(taps) >= 2  # the tap was 1, and the curve allows others
    assert max(taps) - min(taps) >= MAX_PERTURBATION
