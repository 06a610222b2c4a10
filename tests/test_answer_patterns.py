"""Answer patterns that need care, by age band: shares under the privacy rules, never per child. Real SQLite files."""

from __future__ import annotations

from datetime import date

import pytest

from barnrosten.access.roles import Principal
from barnrosten.results import answer_patterns
from barnrosten.results.filters import Filters
from tests.responses_builder import municipalities_with_sessions, respond
from tests.shown_figures import share_near

K = 5
ANNA = Principal(2, "anna", frozenset({("analyst", "alby")}))
BERIT = Principal(3, "berit", frozenset({("analyst", "berga")}))
TODAY = date.today()
FILTERS = Filters(municipality="alby", start=f"{TODAY.year}-01", end=f"{TODAY.year}-12")


@pytest.fixture
def rounds(db, version_ids):
    return municipalities_with_sessions(db, version_ids)


def test_shares_of_same_and_top_answers_per_age_band(db, rounds):
    for _ in range(6):
        respond(db, rounds["alby"], faces=5, age_band="7-9")   # every face the most positive
    for _ in range(6):
        respond(db, rounds["alby"], faces=3, age_band="7-9")   # every face the same
    for _ in range(8):
        respond(db, rounds["alby"], faces=4, age_band="10-12")
    rows = {row["age_band"]: row for row in answer_patterns.patterns(db, ANNA, FILTERS, K)}
    young, older = rows["7-9"], rows["10-12"]
    assert young["same_share"] == 1.0 and share_near(young["top_share"], 6, 12)
    assert older["same_share"] == 1.0 and older["top_share"] == 0.0
    assert set(young) == {"age_band", "respondents", "same_share", "top_share"}  # shares only, nothing per child


def test_a_part_or_rest_under_k_hides_the_share(db, rounds):
    for _ in range(3):
        respond(db, rounds["alby"], faces=5, age_band="7-9")
    for _ in range(6):
        respond(db, rounds["alby"], faces=3, age_band="7-9")
    [row] = answer_patterns.patterns(db, ANNA, FILTERS, K)
    assert row["same_share"] == 1.0
    assert row["top_share"] is None  # three children: under k


def test_mixed_answers_are_not_counted_as_a_pattern(db, version_ids, rounds):
    from barnrosten.answering import responses
    from barnrosten.answering.survey_store import survey_for_version
    from tests.responses_builder import NOW

    for _ in range(6):
        respond(db, rounds["alby"], faces=5, age_band="7-9")
    survey = survey_for_version(db, rounds["alby"]["survey_version_id"])
    faces = [q for q in survey.questions if q.type == "faces"]
    for _ in range(7):
        token = responses.start_participant(db, rounds["alby"]["id"], "sv", now=NOW)
        responses.set_profile(db, token, age_band="7-9", gender="girl", allowed_age_bands=survey.age_bands, now=NOW)
        for number, question in enumerate(faces):
            responses.save_answer(db, token, question, 2 + number % 4, now=NOW)
        responses.mark_completed(db, token, now=NOW)
    [row] = answer_patterns.patterns(db, ANNA, FILTERS, K)
    assert share_near(row["same_share"], 6, 13) and share_near(row["top_share"], 6, 13)


def test_only_the_municipalitys_analysts(db, rounds):
    with pytest.raises(PermissionError):
        answer_patterns.patterns(db, BERIT, FILTERS, K)
    with pytest.raises(PermissionError):
        answer_patterns.patterns(db, ANNA, Filters(start=FILTERS.start, end=FILTERS.end), K)


def test_beside_the_question_figures_on_the_dashboard_and_in_the_board_report(config, db, rounds):
    from barnrosten.access import accounts
    from barnrosten.results import board_report
    from tests.test_lundy import PASSWORD, pdf_text, staff

    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "alby")])
    for _ in range(6):
        respond(db, rounds["alby"], faces=5, age_band="7-9")
    for _ in range(6):
        respond(db, rounds["alby"], faces=3, age_band="7-9")
    at = staff(db, "anna", fran=FILTERS.start, till=FILTERS.end)
    assert not at.exception
    assert "Svarsmönster att läsa med omsorg" in [h.value for h in at.subheader]
    lines = [m.value for m in at.markdown if "samma ansikte på alla" in m.value]
    plain = lines[0].replace("\\", "").replace("\u2060", "") if len(lines) == 1 else ""
    assert "7-9: samma ansikte på alla 100" in plain
    text = pdf_text(board_report.board_report(db, ANNA, FILTERS, K, "sv", "Alby kommun"))
    assert "Svarsmönster att läsa med omsorg" in text and "7-9: samma ansikte på alla 100" in text


def test_the_switch_leaves_the_patterns_out_of_every_figure(db, rounds):
    from dataclasses import replace

    from barnrosten.results import insights
    from barnrosten.results.filters import WITHOUT_PATTERNS
    from tests.shown_figures import count_near

    for _ in range(6):
        respond(db, rounds["alby"], faces=5, age_band="7-9")
    mixed = []
    for _ in range(8):
        mixed.append(respond(db, rounds["alby"], faces=4, age_band="10-12"))
    # Make the 10-12 answers mixed: one face question differs.
    db.execute("UPDATE answers SET value = '2' WHERE question_id = 'lyssnad' AND participant_token IN (%s)"
               % ",".join("?" for _ in mixed), mixed)
    db.conn.commit()
    everyone = insights.overview(db, ANNA, FILTERS, K).respondents.value
    without = insights.overview(db, ANNA, replace(FILTERS, patterns=WITHOUT_PATTERNS), K).respondents.value
    assert count_near(everyone, 14) and count_near(without, 8)
    # The shares themselves still describe everyone in the selection.
    rows = answer_patterns.patterns(db, ANNA, replace(FILTERS, patterns=WITHOUT_PATTERNS), K)
    assert {r["age_band"] for r in rows} == {"7-9", "10-12"}
    assert Filters.from_query({"kommun": "alby", "monster": "utan"}).patterns == WITHOUT_PATTERNS
    assert Filters.from_query({"kommun": "alby", "monster": "x"}).patterns is None


def test_the_switch_on_the_dashboard_is_kept_in_the_url(config, db, rounds):
    from barnrosten.access import accounts
    from tests.test_lundy import PASSWORD, staff

    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "alby")])
    for _ in range(6):
        respond(db, rounds["alby"], faces=5, age_band="7-9")
    at = staff(db, "anna", fran=FILTERS.start, till=FILTERS.end, monster="utan")
    assert not at.exception
    assert at.toggle(key="dash_patterns").value is True
    assert at.query_params["monster"] == ["utan"] or at.query_params["monster"] == "utan"
    assert [m.value for m in at.metric][0] == "0"  # all six chose the happiest face on every question
    at.toggle(key="dash_patterns").set_value(False).run()
    assert "monster" not in at.query_params
    assert [m.value for m in at.metric][0] != "0"
