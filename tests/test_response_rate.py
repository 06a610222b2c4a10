"""Response rate: invited entered per session by staff; rates per group under the privacy rules, on real SQLite files."""

from __future__ import annotations

from datetime import date

import pytest

from barnrosten.access.roles import Principal
from barnrosten.formatting import percent
from barnrosten.answering.sessions import create_session
from barnrosten.results import board_report, response_rate
from barnrosten.results.filters import Filters
from tests.responses_builder import municipalities_with_sessions, respond
from tests.shown_figures import count_near
from tests.test_lundy import pdf_text

K = 5
FIA = Principal(1, "fia", frozenset({("facilitator", "alby")}))
ANNA = Principal(2, "anna", frozenset({("analyst", "alby")}))
BERIT = Principal(3, "berit", frozenset({("analyst", "berga")}))
NILS = Principal(4, "nils", frozenset({("network_viewer", None)}))
TODAY = date.today()
FILTERS = Filters(municipality="alby", start=f"{TODAY.year}-01", end=f"{TODAY.year}-12")


@pytest.fixture
def rounds(db, version_ids):
    return municipalities_with_sessions(db, version_ids)


def test_staff_of_the_municipality_enter_the_invited(db, rounds):
    response_rate.set_invited(db, FIA, rounds["alby"]["id"], 40)
    assert response_rate.invited_of(db, rounds["alby"]["id"]) == 40
    response_rate.set_invited(db, ANNA, rounds["alby"]["id"], None)
    assert response_rate.invited_of(db, rounds["alby"]["id"]) is None
    with pytest.raises(PermissionError):
        response_rate.set_invited(db, BERIT, rounds["alby"]["id"], 40)


@pytest.mark.parametrize("bad", [0, -3, 2.5, True, 10_000_000])
def test_a_wrong_number_is_refused(db, rounds, bad):
    with pytest.raises(response_rate.InvalidInvited):
        response_rate.set_invited(db, FIA, rounds["alby"]["id"], bad)


def test_the_rate_is_perturbed_respondents_over_invited(db, rounds):
    response_rate.set_invited(db, FIA, rounds["alby"]["id"], 40)
    for _ in range(18):
        respond(db, rounds["alby"])
    [row] = response_rate.rates(db, ANNA, FILTERS, K)
    assert row["group"] == "children" and row["invited"] == 40 and row["sessions"] == 1
    assert count_near(row["respondents"], 18)
    assert row["rate"] == pytest.approx(row["respondents"] / 40)


def test_a_small_group_shows_no_rate(db, rounds, version_ids):
    """Three children and three young people released together: each group is under k."""
    youth = create_session(db, "alby", version_ids["unga-13-20"])
    response_rate.set_invited(db, FIA, rounds["alby"]["id"], 10)
    response_rate.set_invited(db, FIA, youth["id"], 12)
    for _ in range(3):
        respond(db, rounds["alby"])
        respond(db, youth, age_band="13-15")
    rows = {row["group"]: row for row in response_rate.rates(db, ANNA, FILTERS, K)}
    assert set(rows) == {"children", "youth"}
    for group, invited in (("children", 10), ("youth", 12)):
        assert rows[group]["respondents"] is None and rows[group]["rate"] is None
        assert rows[group]["invited"] == invited


def test_respondents_still_waiting_for_release_count_as_none_yet(db, rounds):
    response_rate.set_invited(db, FIA, rounds["alby"]["id"], 10)
    for _ in range(3):  # fewer than k: not released, as on the dashboard
        respond(db, rounds["alby"])
    [row] = response_rate.rates(db, ANNA, FILTERS, K)
    assert row["respondents"] == 0 and row["rate"] == 0


def test_sessions_without_an_invited_figure_are_left_out(db, rounds, version_ids):
    other = create_session(db, "alby", version_ids["barn-7-12"])
    for _ in range(6):
        respond(db, other)
    assert response_rate.rates(db, ANNA, FILTERS, K) == []


def test_only_the_municipalitys_analysts_see_rates(db, rounds):
    for who in (FIA, BERIT, None):
        with pytest.raises(PermissionError):
            response_rate.rates(db, who, FILTERS, K)
    with pytest.raises(PermissionError):
        response_rate.rates(db, NILS, Filters(start=FILTERS.start, end=FILTERS.end), K)


def test_the_board_report_shows_the_rate(db, rounds):
    response_rate.set_invited(db, FIA, rounds["alby"]["id"], 40)
    for _ in range(18):
        respond(db, rounds["alby"])
    text = pdf_text(board_report.board_report(db, ANNA, FILTERS, K, "sv", "Alby kommun"))
    assert "Svarsfrekvens" in text and "av 40 inbjudna" in text


def test_entered_on_the_participation_page_and_shown_on_the_dashboard(config, db, rounds):
    from barnrosten.access import accounts
    from tests.test_lundy import PASSWORD, staff

    accounts.create_user(db, "fia", PASSWORD, roles=[("facilitator", "alby")])
    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "alby")])
    for _ in range(18):
        respond(db, rounds["alby"])
    page = staff(db, "fia", "pages/participation.py")
    page.number_input(key=f"invited_{rounds['alby']['id']}_n").set_value(40)
    next(b for b in page.button if b.label == "Spara antalet").click().run()
    assert not page.exception
    assert response_rate.invited_of(db, rounds["alby"]["id"]) == 40
    at = staff(db, "anna", fran=FILTERS.start, till=FILTERS.end, flik="Delaktighet")
    assert not at.exception
    table = next(d.value for d in at.dataframe if "Svarsfrekvens" in d.value.columns)
    assert list(table["Grupp"]) == ["Barn"] and list(table["Inbjudna"]) == ["40"]
    shown = int(table["Svarande"].iloc[0])
    assert count_near(shown, 18) and table["Svarsfrekvens"].iloc[0] == percent(shown / 40, "sv")
