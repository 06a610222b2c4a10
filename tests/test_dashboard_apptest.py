"""The dashboard page in the real app: figures per role, filters in the URL, no way round the data layer."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from barnrosten.access import accounts
from tests.apptest_helpers import ROOT
from tests.responses_builder import annotate, municipalities_with_sessions, respond
from tests.shown_figures import count_near

PASSWORD = "en lång och bra lösenfras"


@pytest.fixture
def dashboard_db(config, db, version_ids):
    sessions = municipalities_with_sessions(db, version_ids)
    for i in range(8):
        respond(db, sessions["alby"], faces=5, text="Jag vill ha samma socialsekreterare hela tiden")
    for _ in range(20):  # far from alby's 8, so that no perturbation makes one look like the other
        respond(db, sessions["berga"], faces=2, text="Min socialsekreterare i Berga byts hela tiden")
    annotate(db)
    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "alby")])
    accounts.create_user(db, "nils", PASSWORD, roles=[("network_viewer", None)])
    accounts.create_user(db, "fia", PASSWORD, roles=[("facilitator", "alby")])
    return db


def dashboard(db, username: str, **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["staff_token"] = accounts.start_session(db, accounts.log_in(db, username, PASSWORD))
    at.query_params.update({"fran": "2026-06", "till": "2026-11", **query})
    return at.run()


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_analyst_sees_own_figures_and_the_filters_go_to_the_url(dashboard_db):
    at = dashboard(dashboard_db, "anna")
    assert not at.exception
    assert [t.value for t in at.title] == ["Översikt"]
    shown = metrics(at)["Svarande"]
    assert count_near(int(shown), 8)  # perturbed by the cell key method
    assert at.query_params["kommun"] == "alby" and at.query_params["fran"] == "2026-06"
    at.selectbox(key="dash_gender").set_value("girl").run()
    assert at.query_params["kon"] == "girl"
    assert metrics(at)["Svarande"] == shown  # all eight are girls: the same respondents, the same figure


def test_analyst_gets_redacted_quotes_and_the_view_is_logged(dashboard_db):
    at = dashboard(dashboard_db, "anna", flik="Teman")  # the open tab is in the URL
    at.selectbox(key="quote_theme").set_value("continuity")
    at.button(key="quotes_show").click().run()
    quotes = [m.value for m in at.markdown if m.value.startswith(">")]
    assert len(quotes) == 1 and "samma socialsekreterare" in quotes[0]  # eight children, the same words: shown once
    assert dashboard_db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'free_text_viewed'").fetchone()[0] == 1


def test_another_municipality_in_the_url_is_not_shown(dashboard_db):
    at = dashboard(dashboard_db, "anna", kommun="berga")
    assert at.session_state["dash_municipality"] == "alby"
    assert count_near(int(metrics(at)["Svarande"]), 8)
    assert "berga" not in at.selectbox(key="dash_municipality").options


def test_edited_session_state_cannot_reach_another_municipality(dashboard_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["staff_token"] = accounts.start_session(dashboard_db, accounts.log_in(dashboard_db, "anna", PASSWORD))
    at.session_state["dash_initialised"] = True  # skip reading the URL: the state below is what the page gets
    for key, value in {"dash_start": "2026-06", "dash_end": "2026-11", "dash_survey": "", "dash_group": "",
                       "dash_age_band": "", "dash_gender": "", "dash_service_area": "", "dash_granularity": "month",
                       "dash_municipality": "berga"}.items():
        at.session_state[key] = value
    at.run()
    # Whatever the widget makes of a value it does not offer, no figure about berga (20 respondents) is shown.
    assert not any(value.isdigit() and count_near(int(value), 20) for value in metrics(at).values())
    assert not any("Berga" in m.value for m in at.markdown)
    assert dashboard_db.execute("SELECT COUNT(*) FROM audit_log WHERE target = 'berga'").fetchone()[0] == 0


def test_network_viewer_sees_the_network_and_no_quotes(dashboard_db):
    at = dashboard(dashboard_db, "nils", flik="Teman")
    assert at.session_state["dash_municipality"] == "__network__"
    assert count_near(int(metrics(at)["Svarande"]), 28)
    assert "Teman över tid" in [h.value for h in at.subheader]  # the themes tab is open
    assert not [b for b in at.button if b.key == "quotes_show"]


def test_facilitator_has_no_dashboard(dashboard_db):
    at = dashboard(dashboard_db, "fia")
    assert "Översikt" not in [t.value for t in at.title]
    assert not at.metric


def test_english_dashboard(dashboard_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["staff_token"] = accounts.start_session(dashboard_db, accounts.log_in(dashboard_db, "anna", PASSWORD))
    at.session_state["lang"] = "en"
    at.query_params.update({"fran": "2026-06", "till": "2026-11"})
    at.run()
    assert count_near(int(metrics(at)["Respondents"]), 8)
    assert [t.value for t in at.title] == ["Overview"]


def test_only_the_open_tab_is_drawn(dashboard_db):
    questions = dashboard(dashboard_db, "anna")
    assert "Hur är det att få hjälp?" in [h.value for h in questions.subheader]
    assert not [s for s in questions.selectbox if s.key == "quote_theme"]
    themes = dashboard(dashboard_db, "anna", flik="Teman")
    assert "Hur är det att få hjälp?" not in [h.value for h in themes.subheader]
    assert themes.selectbox(key="quote_theme").options == ["Kontinuitet"]


def test_looking_for_new_topics_answers_kindly_when_there_are_none(dashboard_db):
    at = dashboard(dashboard_db, "anna", flik="Teman")
    at.button(key="emerging_show").click().run()
    assert not at.exception
    assert "Inga nya ämnen som minst 5 personer skriver om i urvalet." in [i.value for i in at.info]


def test_workshops_tab_shows_the_rooms_top_ideas(dashboard_db):
    from barnrosten.workshops import facilitation
    from barnrosten.workshops import participation as wp

    made = facilitation.create_workshop(dashboard_db, accounts.log_in(dashboard_db, "fia", PASSWORD), "alby",
                                        title="Unga i Alby", audience="youth", activities=[{"kind": "ideas"}])
    for number in range(5):
        wp.post_card(dashboard_db, wp.join(dashboard_db, made["code"]).token, f"Idé nummer {number} **fet**")
    at = dashboard(dashboard_db, "anna", flik="Workshoppar", fran="2026-01", till="2026-12")
    shown = " ".join(m.value for m in at.markdown)
    assert "Unga i Alby" in shown and "Idé nummer 4 \\*\\*fet\\*\\*" in shown
