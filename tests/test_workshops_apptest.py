"""Workshops in the real app: the facilitator creates and leads, a participant joins and follows."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from barnrosten.access import accounts
from barnrosten.workshops import facilitation
from barnrosten.workshops import participation as wp
from tests.apptest_helpers import ROOT, tap

PASSWORD = "en lång och bra lösenfras"


@pytest.fixture
def facilitator_db(config, open_session, db):
    accounts.create_user(db, "fia", PASSWORD, roles=[("facilitator", "bjorkdala")])
    return db


def facilitator(db) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["staff_token"] = accounts.start_session(db, accounts.log_in(db, "fia", PASSWORD))
    at.run()
    return at.switch_page("pages/workshops.py").run()


def participant(**query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(query)
    at.run()
    return at.switch_page("pages/workshop_join.py").run()


def texts(at) -> str:
    return "\n".join(str(e.value) for e in [*at.title, *at.header, *at.subheader, *at.markdown, *at.caption,
                                              *at.info, *at.success, *at.warning, *at.error, *at.text])


def test_facilitator_creates_a_workshop_and_gets_code_and_qr(facilitator_db):
    at = facilitator(facilitator_db)
    assert not at.exception
    at.text_input(key="wsf_title").input("Unga om socialtjänsten")
    at.button[0].click().run()  # the form's submit button
    assert not at.exception
    made = facilitator_db.execute("SELECT code FROM workshops").fetchone()[0]
    assert any(made in m.value for m in at.markdown)
    assert at.get("image")  # the QR code
    assert "Del 1 av 4: Idévägg" in at.get("progress")[0].proto.text


def test_participant_joins_posts_and_follows_the_facilitator(facilitator_db):
    fia = accounts.log_in(facilitator_db, "fia", PASSWORD)
    made = facilitation.create_workshop(facilitator_db, fia, "bjorkdala", title="Rummet", audience="youth",
                                        activities=[{"kind": "ideas"}, {"kind": "voting"}], dots_per_person=2)
    child = participant(kod=made["code"])
    assert "Skriv in workshopkoden" in texts(child)
    child.button[0].click().run()  # join with the code from the link
    assert "Hur skulle det kunna bli bättre?" in texts(child)
    child.text_area(key="ws_card_text").input("Fler möten efter skolan <b>nu</b>")
    child.button[0].click().run()
    assert "Din idé syns snart" in texts(child)
    token = child.query_params["wt"]
    assert [c["shown_text"] for c in facilitation.wall(facilitator_db, made["id"])] == ["Fler möten efter skolan <b>nu</b>"]

    lead = facilitator(facilitator_db)
    lead.selectbox(key="wsf_workshop").set_value(made["id"]).run()
    lead.button(key="wsf_next").click().run()
    assert wp.screen(facilitator_db, token)["activity"]["kind"] == "voting"

    # The participant's screen (a new run, as the fragment triggers) now shows the voting.
    child.run()
    assert "Du har 2 prickar kvar" in texts(child)
    card = facilitation.wall(facilitator_db, made["id"])[0]["id"]
    child.button(key=f"ws_vote_{card}").click().run()
    child.button(key=f"ws_vote_{card}").click().run()
    assert "Du har 0 prickar kvar" in texts(child)
    assert child.button(key=f"ws_vote_{card}").disabled


def test_a_worrying_card_shows_help_and_waits_for_the_facilitator(facilitator_db):
    fia = accounts.log_in(facilitator_db, "fia", PASSWORD)
    made = facilitation.create_workshop(facilitator_db, fia, "bjorkdala", title="Rummet", audience="youth",
                                        activities=[{"kind": "ideas"}])
    child = participant(kod=made["code"])
    child.button[0].click().run()
    child.text_area(key="ws_card_text").input("Pappa slår mig")
    child.button[0].click().run()
    assert "116 111" in texts(child)
    assert facilitation.wall(facilitator_db, made["id"]) == []
    lead = facilitator(facilitator_db)
    lead.selectbox(key="wsf_workshop").set_value(made["id"]).run()
    assert "1 kort väntar på dig" in texts(lead)


def test_a_wrong_code_gets_a_kind_message(facilitator_db):
    child = participant()
    child.text_input(key="ws_code_input").input("QQQQQQ")
    child.button[0].click().run()
    assert "Vi hittar ingen workshop med den koden" in texts(child)


def test_journey_map_rated_on_the_tablet_and_drawn_for_the_room(facilitator_db):
    fia = accounts.log_in(facilitator_db, "fia", PASSWORD)
    made = facilitation.create_workshop(facilitator_db, fia, "bjorkdala", title="Resan", audience="youth",
                                        activities=[{"kind": "journey", "settings": {"steps": ["Första mötet", "Beslutet"]}}])
    for face in (2, 3, 4, 4):
        token = wp.join(facilitator_db, made["code"]).token
        wp.rate_step(facilitator_db, token, 0, face)
    child = participant(kod=made["code"])
    child.button[0].click().run()
    assert "1. Första mötet" in texts(child)
    assert child.text_input(key="ws_comment_0").disabled  # a face first, then words if they like
    child.button(key="ws_face_0_5").click().run()
    assert child.button(key="ws_face_0_5").proto.type == "primary"
    child.text_input(key="ws_comment_0").input("Det gick bra till slut").run()
    lead = facilitator(facilitator_db)
    lead.selectbox(key="wsf_workshop").set_value(made["id"]).run()
    assert not lead.exception
    table = lead.dataframe[0].value
    assert list(table["Steg"]) == ["Första mötet", "Beslutet"]
    # Five faces summing to 18 (3.6): the sum is perturbed by at most 2, five ratings are shown as five.
    assert table["Hur det kändes (1–5)"][0] in {f"{(18 + d) / 5:.1f}".replace(".", ",") for d in range(-2, 3)}
    assert table["Svar"][0] == "5"
    assert table["Hur det kändes (1–5)"][1] == "–"  # nobody has rated the decision yet


def test_themes_and_survey_parts(facilitator_db):
    fia = accounts.log_in(facilitator_db, "fia", PASSWORD)
    made = facilitation.create_workshop(facilitator_db, fia, "bjorkdala", title="Allt", audience="children",
                                        activities=[{"kind": "ideas"}, {"kind": "themes"},
                                                 {"kind": "survey", "settings": {"survey_id": "barn-7-12"}}])
    token = wp.join(facilitator_db, made["code"]).token
    wp.post_card(facilitator_db, token, "Samma socialsekreterare hela tiden")
    wp.post_card(facilitator_db, token, "Att de lyssnar på oss")
    lead = facilitator(facilitator_db)
    lead.selectbox(key="wsf_workshop").set_value(made["id"]).run()
    lead.button(key="wsf_next").click().run()
    shown = texts(lead)
    assert "Kontinuitet" in shown and "Att bli lyssnad på och vara delaktig" in shown

    child = participant(wt=token)
    assert "Titta på den stora skärmen" in texts(child)
    lead.button(key="wsf_next").click().run()
    child.run()
    survey_code = facilitation.activities(facilitator_db, made["id"])[2]["settings"]["session_code"]
    links = child.get("page_link")
    assert links and survey_code in str(links[0].proto.query_string)
    assert survey_code in texts(lead)

    # Answering the survey part in the same tablet session ends with a way back to the room.
    from barnrosten.answering.sessions import find_session
    from barnrosten.answering.survey_store import survey_for_version

    session = find_session(facilitator_db, survey_code).session
    survey = survey_for_version(facilitator_db, session["survey_version_id"])
    child.switch_page("pages/answer.py").run()
    child.text_input(key="join_code").input(survey_code)
    child.button[0].click().run()  # the join form's submit button
    child = tap(child, "start")
    answering = child.session_state["token"]
    for question in survey.questions:
        if question.type == "faces":
            from barnrosten.answering import responses

            responses.save_answer(facilitator_db, answering, question, 4)
    responses.mark_completed(facilitator_db, answering)
    child.run()
    finish = [link for link in child.get("page_link") if "workshop" in str(link.proto.page)]
    assert finish and token in str(finish[0].proto.query_string)


def test_a_worrying_journey_comment_is_only_for_the_facilitator(facilitator_db):
    fia = accounts.log_in(facilitator_db, "fia", PASSWORD)
    made = facilitation.create_workshop(facilitator_db, fia, "bjorkdala", title="Resan", audience="youth",
                                        activities=[{"kind": "journey"}])
    token = wp.join(facilitator_db, made["code"]).token
    assert wp.rate_step(facilitator_db, token, 0, 1, "Jag vill inte leva längre") == "help"
    lead = facilitator(facilitator_db)
    lead.selectbox(key="wsf_workshop").set_value(made["id"]).run()
    held = facilitation.held_cards(facilitator_db, fia, made["id"])[0]
    assert not [b for b in lead.button if b.key == f"wsf_show_{held['id']}"]  # no way onto the wall
    lead.button(key=f"wsf_hide_{held['id']}").click().run()
    assert facilitation.held_cards(facilitator_db, fia, made["id"]) == []
    assert facilitation.wall(facilitator_db, made["id"]) == []
