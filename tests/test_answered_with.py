"""The optional last question, "Svarade du själv eller med hjälp av en vuxen?", and its dashboard filter."""

from __future__ import annotations

import pytest

from barnrosten.access import accounts
from barnrosten.access.roles import Principal
from barnrosten.answering import responses
from barnrosten.answering.sessions import create_session
from barnrosten.results import insights
from barnrosten.results.filters import Filters
from barnrosten.results.network_summary import rebuild
from tests.apptest_helpers import button, first_question, heading, next_to_the_end, page_text, tap
from tests.responses_builder import municipalities_with_sessions, respond
from tests.shown_figures import count_near

K = 5
PERIOD = dict(start="2026-06", end="2026-11")
PASSWORD = "en lång och bra lösenfras"


def test_the_child_answers_it_last_and_it_is_stored(config, db, open_session, children_survey):
    at, token = first_question("HEJ347")
    at = next_to_the_end(at, token, children_survey, last_step=False)
    assert "Svarade du själv eller med hjälp av en vuxen?" in heading(at)
    assert "Fråga 8 av 8" in at.get("progress")[0].proto.text
    at = tap(at, "answered_with_with_adult")
    assert responses.get_participant(db, token)["answered_with"] == "with_adult"
    at = tap(at, "answered_with_self")  # changing the answer
    assert responses.get_participant(db, token)["answered_with"] == "self"
    at = tap(at, "answered_with_self")  # a second tap takes it back
    assert responses.get_participant(db, token)["answered_with"] is None
    at = tap(at, "answered_with_with_adult")
    at = tap(at, "back_" + token[:8] + "_answered_with")
    assert "Om du fick bestämma" in heading(at)
    at = tap(at, "next_" + token[:8] + "_onskan")
    assert button(at, "answered_with_with_adult").proto.type == "primary"
    at = tap(at, "next_" + token[:8] + "_answered_with")
    assert "Tack för dina svar!" in heading(at)
    participant = responses.get_participant(db, token)
    assert participant["answered_with"] == "with_adult" and participant["completed_at"] is not None


def test_it_can_be_skipped(config, db, open_session, children_survey):
    at, token = first_question("HEJ347")
    at = next_to_the_end(at, token, children_survey, last_step=False)
    at = tap(at, "answered_with_self")
    at = tap(at, "skip_" + token[:8] + "_answered_with")
    assert "Tack för dina svar!" in heading(at)
    assert responses.get_participant(db, token)["answered_with"] is None


def test_guardians_are_not_asked(config, db, version_ids, catalog):
    create_session(db, "bjorkdala", version_ids["vardnadshavare"], code="VUX367", shared_device=False)
    at, token = first_question("VUX367")
    at = next_to_the_end(at, token, catalog.surveys["vardnadshavare"])
    assert "Tack för dina svar!" in heading(at)
    assert "Svarade du själv" not in page_text(at)


def test_only_the_two_answers_are_stored(db, open_session):
    token = responses.start_participant(db, open_session["id"], "sv")
    with pytest.raises(responses.InvalidAnswer):
        responses.set_answered_with(db, token, "with_parent")
    assert responses.get_participant(db, token)["answered_with"] is None


@pytest.fixture
def answered(db, version_ids):
    """alby: 6 children on their own, 5 with an adult, 2 who did not say; berga: 5 with an adult."""
    sessions = municipalities_with_sessions(db, version_ids)
    for who, n, place, faces in (("self", 6, "alby", 5), ("with_adult", 5, "alby", 1), (None, 2, "alby", 3),
                                 ("with_adult", 5, "berga", 1)):
        for _ in range(n):
            token = respond(db, sessions[place], faces=faces)
            responses.set_answered_with(db, token, who)
    return sessions


def test_the_dashboard_filter_counts_only_those_answers(db, answered):
    analyst = Principal(1, "anna", frozenset({("analyst", "alby")}))
    assert count_near(insights.overview(db, analyst, Filters(municipality="alby", **PERIOD), K).respondents.value, 13)
    alone = insights.overview(db, analyst, Filters(municipality="alby", answered_with="self", **PERIOD), K)
    helped = insights.overview(db, analyst, Filters(municipality="alby", answered_with="with_adult", **PERIOD), K)
    assert count_near(alone.respondents.value, 6) and count_near(helped.respondents.value, 5)  # perturbed
    assert (alone.listened_to.value, helped.listened_to.value) == (100.0, 0.0)


def test_network_figures_with_the_filter_are_counted_live(db, answered):
    rebuild(db)  # a fresh network summary, which has no "who helped" column
    network = Principal(3, "nils", frozenset({("network_viewer", None)}))
    everyone = insights.overview(db, network, Filters(**PERIOD), K)
    helped = insights.overview(db, network, Filters(answered_with="with_adult", **PERIOD), K)
    assert count_near(everyone.respondents.value, 18) and count_near(helped.respondents.value, 10)


def test_the_filter_lives_in_the_url():
    filters = Filters.from_query({"svarade": "with_adult", "fran": "2026-06", "till": "2026-11"})
    assert filters.answered_with == "with_adult" and filters.to_query()["svarade"] == "with_adult"
    assert Filters.from_query({"svarade": "'; DROP TABLE participants"}).answered_with is None


def test_the_dashboard_has_the_filter(config, db, answered):
    from streamlit.testing.v1 import AppTest

    from tests.apptest_helpers import ROOT

    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "alby")])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["staff_token"] = accounts.start_session(db, accounts.log_in(db, "anna", PASSWORD))
    at.query_params.update({"fran": "2026-06", "till": "2026-11"})
    at.run()
    assert count_near(int({m.label: m.value for m in at.metric}["Svarande"]), 13)
    at.selectbox(key="dash_answered_with").set_value("self").run()
    assert at.query_params["svarade"] == "self"
    assert count_near(int({m.label: m.value for m in at.metric}["Svarande"]), 6)
