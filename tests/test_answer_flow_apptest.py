"""The answering flow in the real Streamlit app (AppTest) against a real SQLite file."""

from datetime import timedelta

import pytest

from barnrosten.answering import responses
from barnrosten.answering.sessions import close_session, create_session
from barnrosten.storage.db import to_iso, utc_now
from tests.apptest_helpers import button, first_question, heading, next_to_the_end, open_app, page_text, tap


@pytest.fixture
def app_db(config, open_session, db):
    """The app's database with an open children's session (code HEJ347)."""
    return db


def test_join_by_typing_a_code(app_db):
    at = open_app()
    assert "Skriv in koden" in heading(at)
    at.text_input(key="join_code").input("hej 347")
    at.button[0].click()  # the form's submit button
    at.run()
    assert "Hur är det att få hjälp?" in heading(at)
    assert at.query_params["code"] == "HEJ347"


@pytest.mark.parametrize(
    "make_code, message",
    [
        (lambda db, v: "KKKKKK", "hittar ingen enkät"),
        (lambda db, v: "HEJ", "sex tecken"),
        (lambda db, v: (close_session(db, create_session(db, "bjorkdala", v, code="UNG469")["id"]), "UNG469")[1], "stängd"),
        (lambda db, v: create_session(db, "bjorkdala", v, code="VUX367", expires_at=utc_now() - timedelta(days=1))["code"], "gäller inte"),
    ],
)
def test_bad_codes_get_a_kind_message(app_db, version_ids, make_code, message):
    code = make_code(app_db, version_ids["barn-7-12"])
    at = open_app(code=code)
    assert message in " ".join(w.value for w in at.warning)
    assert not at.exception


def test_many_wrong_codes_from_one_tab_are_slowed_down(app_db):
    at = open_app()
    for _ in range(6):
        at.text_input(key="join_code").input("KKKKKK")
        at.button[0].click()
        at.run()
    assert "Vänta en liten stund" in " ".join(w.value for w in at.warning)


def test_start_screen_explains_anonymity_and_help(app_db):
    at = open_app(code="HEJ347")
    text = page_text(at)
    for words in ("Du är anonym", "Vem läser?", "hoppa över", "BRIS", "116 111", "112"):
        assert words in text


def answers_in_db(db, token):
    return {qid: (a.value, a.skipped) for qid, a in responses.answers_for(db, token).items()}


def test_child_answers_every_type_skips_goes_back_and_finishes(app_db):
    at = open_app(code="HEJ347")
    at = tap(at, "start")
    token = at.query_params["p"]
    assert "Lite om dig" in heading(at)
    at = tap(at, "profile_age_10-12")
    at = tap(at, "profile_gender_girl")
    participant = responses.get_participant(app_db, token)
    assert (participant["age_band"], participant["gender"]) == ("10-12", "girl")
    at = tap(at, "profile_next")

    # faces: a low score is saved at once and brings the follow-up
    assert "Lyssnar de vuxna" in heading(at)
    assert "Fråga 1 av 8" in at.get("progress")[0].proto.text
    at = tap(at, "lyssnad_2")
    assert answers_in_db(app_db, token)["lyssnad"] == (2, False)
    assert button(at, "lyssnad_2").proto.type == "primary"
    at = tap(at, "next_" + token[:8] + "_lyssnad")
    assert "Vad hade gjort det bättre?" in heading(at)
    assert "Fråga 1 av 8" in at.get("progress")[0].proto.text  # the follow-up is part of question 1

    # free text, hostile on purpose: stored literally, never rendered
    hostile = "De lyssnar inte <script>alert(1)</script> **alls** :red[nej]"
    at.text_area[0].input(hostile)
    at = tap(at, "next_" + token[:8] + "_lyssnad_battre")
    assert answers_in_db(app_db, token)["lyssnad_battre"] == (hostile, False)
    assert "<script>" not in page_text(at)

    # skip ("vill inte svara") records the choice and moves on
    assert "Förstår du" in heading(at)
    at = tap(at, "skip_" + token[:8] + "_forstar")
    assert answers_in_db(app_db, token)["forstar"] == (None, True)

    # back returns to the skipped question, which shows it was skipped
    at = tap(at, "back_" + token[:8] + "_snalla")
    assert "Förstår du" in heading(at)
    assert button(at, "skip_" + token[:8] + "_forstar").proto.type == "primary"
    at = tap(at, "forstar_4")  # changes the skip into an answer
    assert answers_in_db(app_db, token)["forstar"] == (4, False)
    at = tap(at, "next_" + token[:8] + "_forstar")

    at = tap(at, "snalla_5")
    at = tap(at, "next_" + token[:8] + "_snalla")
    at = tap(at, "samma_dont_know")  # yes / no / don't know
    at = tap(at, "next_" + token[:8] + "_samma")
    at = tap(at, "trygg_yes")
    at = tap(at, "next_" + token[:8] + "_trygg")
    at = tap(at, "prata_med_kompis")  # multiple choice toggles
    at = tap(at, "prata_med_skola")
    at = tap(at, "prata_med_kompis")
    assert answers_in_db(app_db, token)["prata_med"] == (["skola"], False)
    at = tap(at, "next_" + token[:8] + "_prata_med")
    at = tap(at, "next_" + token[:8] + "_onskan")  # a question may be left empty
    assert "Svarade du själv" in heading(at)  # the optional last question
    assert button(at, "next_" + token[:8] + "_answered_with").label.startswith("Klar")
    at = tap(at, "next_" + token[:8] + "_answered_with")

    assert "Tack för dina svar!" in heading(at)
    assert "116 111" in page_text(at)
    assert responses.get_participant(app_db, token)["completed_at"] is not None
    assert set(answers_in_db(app_db, token)) == {"lyssnad", "lyssnad_battre", "forstar", "snalla", "samma", "trygg", "prata_med"}


def test_a_new_browser_session_with_the_same_link_resumes(app_db):
    at, token = first_question("HEJ347")
    at = tap(at, "lyssnad_5")
    at = tap(at, "next_" + token[:8] + "_lyssnad")
    at = tap(at, "forstar_3")

    resumed = open_app(code="HEJ347", p=token)  # the tablet slept; Streamlit forgot the session
    assert "Förstår du" in heading(resumed)
    assert button(resumed, "forstar_3").proto.type == "primary"
    resumed = tap(resumed, "back_" + token[:8] + "_forstar")
    assert button(resumed, "lyssnad_5").proto.type == "primary"


def test_shared_tablet_finish_returns_to_start_and_old_link_shows_nothing(app_db, open_session, children_survey):
    at, token = first_question("HEJ347")
    at = tap(at, "lyssnad_1")
    at = next_to_the_end(at, token, children_survey)
    assert "Tack för dina svar!" in heading(at)
    at = tap(at, "finish_done")
    assert "Hur är det att få hjälp?" in heading(at)  # the start screen, ready for the next child
    assert "p" not in at.query_params and at.query_params["code"] == "HEJ347"
    assert responses.get_participant(app_db, token)["ended_at"] is not None

    # The next child presses the browser's back button to the old link:
    old = open_app(code="HEJ347", p=token)
    assert "Hur är det att få hjälp?" in heading(old)
    assert "avslutad" in page_text(old)
    assert not [b for b in old.button if b.key and "lyssnad" in b.key]


def test_shared_tablet_left_idle_starts_over(app_db, open_session):
    at, token = first_question("HEJ347")
    at = tap(at, "lyssnad_2")
    long_ago = to_iso(utc_now() - timedelta(minutes=open_session["idle_timeout_minutes"] + 1))
    app_db.execute("UPDATE participants SET last_active_at = ? WHERE token = ?", [long_ago, token])
    at.run()  # the next interaction (or the idle watcher) finds the tablet abandoned
    assert "Hur är det att få hjälp?" in heading(at)
    assert responses.get_participant(app_db, token)["ended_at"] is not None
    assert answers_in_db(app_db, token)["lyssnad"] == (2, False)  # the answer is kept, only hidden


def test_personal_phone_resumes_after_a_long_pause(app_db, version_ids):
    create_session(app_db, "bjorkdala", version_ids["vardnadshavare"], code="VUX367", shared_device=False)
    at, token = first_question("VUX367")
    at = tap(at, "bemotande_4")
    a_day_ago = to_iso(utc_now() - timedelta(days=1))
    app_db.execute("UPDATE participants SET last_active_at = ? WHERE token = ?", [a_day_ago, token])
    resumed = open_app(code="VUX367", p=token)
    assert "bemött" in heading(resumed)
    assert button(resumed, "bemotande_4").proto.type == "primary"


def test_language_switch_to_english(app_db):
    at = open_app(code="HEJ347")
    at = tap(at, "start")
    token = at.query_params["p"]
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert "A little about you" in heading(at)
    at = tap(at, "profile_next")
    assert "Do the adults listen to you" in heading(at)
    assert "Very good" in page_text(at)
    assert responses.get_participant(app_db, token)["language"] == "en"


def test_link_can_choose_english(app_db):
    at = open_app(code="HEJ347", lang="en")
    assert "You are anonymous" in page_text(at)


def test_guardian_survey_skips_the_age_question(app_db, version_ids):
    create_session(app_db, "bjorkdala", version_ids["vardnadshavare"], code="VUX367")
    at = open_app(code="VUX367")
    at = tap(at, "start")
    assert not [b for b in at.button if b.key and b.key.startswith("profile_age_")]
    assert [b for b in at.button if b.key and b.key.startswith("profile_gender_")]


def test_a_child_who_discloses_harm_sees_help_at_once(app_db):
    at, token = first_question("HEJ347")
    at = tap(at, "lyssnad_1")
    at = tap(at, "next_" + token[:8] + "_lyssnad")
    assert not at.warning
    at.text_area[0].input("De lyssnar inte. Pappa slår mig hemma.")
    at = tap(at, "next_" + token[:8] + "_lyssnad_battre")
    help_text = " ".join(w.value for w in at.warning)
    assert "Tack för att du berättar" in help_text and "116 111" in help_text and "112" in help_text
    assert "Förstår du" in heading(at)  # the survey goes on; the help stays on screen
    assert [f["question_id"] for f in responses.safety_flags(app_db)] == ["lyssnad_battre"]


def test_free_text_is_annotated_in_the_background(app_db, db_path):
    from barnrosten.answering.annotations import annotation_for
    from barnrosten.config import Config
    from barnrosten.jobs import background
    from barnrosten.jobs.worker import ANNOTATION

    at, token = first_question("HEJ347")
    at = tap(at, "lyssnad_2")
    at = tap(at, "next_" + token[:8] + "_lyssnad")
    at.text_area[0].input("Hon lyssnade inte på mig")
    at = tap(at, "next_" + token[:8] + "_lyssnad_battre")
    assert background.wait_idle(Config(db_path=db_path), ANNOTATION, timeout=30)
    annotation = annotation_for(app_db, token, "lyssnad_battre")
    assert "heard" in annotation["themes"] and annotation["sentiment"] == "negative"
