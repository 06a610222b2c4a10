"""The cell key method: record keys stored once, cell keys summed where counted, a fixed public table."""

from __future__ import annotations

import pytest

from barnrosten.access.roles import Principal
from barnrosten.answering import responses
from barnrosten.results import insights
from barnrosten.results.filters import Filters
from barnrosten.results.perturbation import KEY_RANGE, MAX_PERTURBATION, VARIANCE, offset, perturbed_value, probabilities
from barnrosten.results.privacy import Tally, safe_count
from barnrosten.workshops import participation as wp
from tests.responses_builder import municipalities_with_sessions, respond

ANALYST = Principal(1, "anna", frozenset({("analyst", "alby")}))
FIA = Principal(2, "fia", frozenset({("facilitator", "alby")}))


@pytest.mark.parametrize("distance", [0, 1, 2, 3, 50])
def test_every_row_of_the_table_is_a_distribution_with_mean_zero(distance):
    row = probabilities(distance)
    assert sum(row.values()) == pytest.approx(1.0)
    assert all(-min(distance, MAX_PERTURBATION) <= d <= MAX_PERTURBATION for d in row)
    assert sum(d * p for d, p in row.items()) == pytest.approx(0.0, abs=2 / KEY_RANGE)
    variance = sum(d * d * p for d, p in row.items())
    if distance >= MAX_PERTURBATION:
        assert variance == pytest.approx(VARIANCE, abs=0.01)
        assert row == probabilities(MAX_PERTURBATION)  # one row for every count away from the floor


def test_no_count_is_shown_below_its_floor_or_beyond_d():
    for floor in (1, 3, 5, 10):
        for n in range(floor, floor + 40):
            for key in range(0, KEY_RANGE, 7):
                shown = perturbed_value(n, key, floor)
                assert shown >= floor and abs(shown - n) <= MAX_PERTURBATION
    assert perturbed_value(0, 1234, 5) == 0
    with pytest.raises(ValueError):
        perturbed_value(3, 1234, 5)  # below k: hidden, never perturbed into view


def test_the_same_cell_gives_the_same_value_and_other_cells_other_values():
    assert all(perturbed_value(57, key) == perturbed_value(57, key) for key in range(KEY_RANGE))
    offsets = {offset(57, key) for key in range(KEY_RANGE)}
    assert offsets == set(range(-MAX_PERTURBATION, MAX_PERTURBATION + 1))


def test_record_keys_are_drawn_once_when_a_respondent_is_stored(db, version_ids, open_session, children_survey):
    tokens = [responses.start_participant(db, open_session["id"], "sv") for _ in range(200)]
    keys = dict(db.execute("SELECT token, record_key FROM participants").fetchall())
    assert set(keys) == set(tokens) and all(0 <= key < KEY_RANGE for key in keys.values())
    assert len(set(keys.values())) > 150  # random, not a counter
    responses.save_answer(db, tokens[0], children_survey.question("lyssnad"), 4)
    responses.set_profile(db, tokens[0], age_band="7-9", gender="boy", allowed_age_bands=children_survey.age_bands)
    responses.mark_completed(db, tokens[0])
    assert dict(db.execute("SELECT token, record_key FROM participants").fetchall()) == keys  # never drawn again


def test_workshop_participants_get_record_keys_too(db, version_ids):
    from barnrosten.answering.survey_store import ensure_municipality
    from barnrosten.workshops import facilitation

    ensure_municipality(db, "alby", "Alby kommun")
    made = facilitation.create_workshop(db, FIA, "alby", title="Rummet", audience="youth", activities=[{"kind": "ideas"}])
    for _ in range(20):
        wp.join(db, made["code"])
    keys = [row[0] for row in db.execute("SELECT record_key FROM workshop_participants")]
    assert len(keys) == 20 and all(0 <= key < KEY_RANGE for key in keys)


def test_the_figure_shown_is_the_table_value_for_the_sum_of_its_respondents_keys(db, version_ids):
    sessions = municipalities_with_sessions(db, version_ids)
    for number in range(23):
        respond(db, sessions["alby"], gender=("girl", "boy")[number % 2], faces=1 + number % 5)
    filters = Filters(municipality="alby", start="2026-06", end="2026-11")
    overview = insights.overview(db, ANALYST, filters, 5)
    n, keys = db.execute("SELECT COUNT(*), SUM(record_key) FROM participants p JOIN sessions s ON s.id = p.session_id "
                         "WHERE s.municipality_id = 'alby'").fetchone()
    assert overview.respondents.value == safe_count(Tally.of(n, keys), 5) == perturbed_value(23, keys % KEY_RANGE, 5)
    girls = insights.breakdown(db, ANALYST, filters, 5)["table"].row_totals["girl"]
    n, keys = db.execute("SELECT COUNT(*), SUM(record_key) FROM participants WHERE gender = 'girl'").fetchone()
    assert girls == perturbed_value(n, keys, 5)
    # The girls as a selection of their own: the same respondents, the same cell key, the same figure.
    assert insights.overview(db, ANALYST, Filters(municipality="alby", start="2026-06", end="2026-11", gender="girl"),
                             5).respondents.value == girls


def test_cell_keys_add_up_like_the_people_they_count():
    a, b = Tally.of(7, 4000), Tally.of(9, 200)
    assert (a + b).key == (4000 + 200) % KEY_RANGE and (a + b).n == 16
    assert ((a + b) - b) == a
