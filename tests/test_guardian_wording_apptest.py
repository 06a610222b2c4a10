"""Guardians answer about their own experience, as adults: their own wording, support lines and finish screen."""

from __future__ import annotations

import pytest

from barnrosten.access.roles import Principal
from barnrosten.answering.sessions import create_session
from barnrosten.results.you_said_we_did import add_action
from tests.apptest_helpers import first_question, next_to_the_end, open_app, page_text, tap

CHILDREN_ONLY = ("116 111", "en vuxen du litar på", "Flicka", "Pojke", "efter vad barn har sagt", "börjar skärmen om")
ADMIN = Principal(1, "admin", frozenset({("admin", None)}))


@pytest.fixture
def guardians(config, db, version_ids):
    """A guardians' session on their own phones, and a children's one on a shared tablet."""
    create_session(db, "bjorkdala", version_ids["vardnadshavare"], code="VUX367", shared_device=False)
    create_session(db, "bjorkdala", version_ids["barn-7-12"], code="HEJ347")
    return db


def profile_and_welcome(code):
    at = open_app(code=code)
    welcome = page_text(at)
    return welcome, page_text(tap(at, "start"))


def test_guardians_get_adult_genders_and_support_lines_for_parents(guardians):
    welcome, profile = profile_and_welcome("VUX367")
    for words in ("Kvinna", "Man", "Annat", "Vill inte säga"):
        assert words in profile
    for words in ("socialtjänsten i Björkdala kommun", "Föräldralinjen 020-85 20 00", "BRIS vuxentelefon 077-150 50 50",
                  "1177 Vårdguiden", "112"):
        assert words in welcome
    for words in CHILDREN_ONLY:
        assert words not in welcome + profile


def test_children_keep_their_wording(guardians):
    welcome, profile = profile_and_welcome("HEJ347")
    assert "Flicka" in profile and "Kvinna" not in profile
    assert "BRIS på 116 111" in welcome and "Föräldralinjen" not in welcome


def test_guardians_finish_screen_is_about_their_own_experience_on_their_own_phone(guardians, catalog):
    add_action(guardians, ADMIN, "bjorkdala", theme="information", audience="guardians", said="Ni sa att breven var svåra.",
               did="Nu skriver vi breven med enklare ord.", status="done", status_date="2026-10-01")
    at, token = first_question("VUX367")
    at = next_to_the_end(at, token, catalog.surveys["vardnadshavare"])
    text = page_text(at)
    assert "andra vårdnadshavares svar" in text
    assert "efter vad barn och vårdnadshavare har sagt" in text and "enklare ord" in text
    assert "Du kan stänga sidan nu" in text
    assert not [b for b in at.button if b.key == "finish_done"]  # nothing to reset on one's own phone
    for words in CHILDREN_ONLY:
        assert words not in text


def test_a_worrying_answer_from_a_guardian_gets_help_for_adults(guardians):
    at, token = first_question("VUX367")
    at = tap(at, "bemotande_1")
    at = tap(at, "next_" + token[:8] + "_bemotande")
    at.text_area[0].input("Min man slår barnen när han är full")
    at = tap(at, "next_" + token[:8] + "_bemotande_battre")
    warning = " ".join(w.value for w in at.warning)
    assert "Tack för att du berättar" in warning and "112" in warning and "077-150 50 50" in warning
    assert "116 111" not in warning and "någon här i rummet" not in warning


def test_a_personal_phone_gets_its_own_finish_screen_for_children_too(guardians, version_ids, catalog):
    create_session(guardians, "bjorkdala", version_ids["unga-13-20"], code="UNG479", shared_device=False)
    at, token = first_question("UNG479")
    at = next_to_the_end(at, token, catalog.surveys["unga-13-20"])
    text = page_text(at)
    assert "Du kan stänga sidan nu" in text and "börjar skärmen om" not in text
    assert "116 111" in text  # young people keep BRIS


def test_we_did_is_worded_by_status(guardians, catalog):
    for status, did in (("planned", "Vi ska öppna på kvällar."), ("in_progress", "Vi bygger ett nytt rum."),
                        ("done", "Alla får samma kontaktperson.")):
        add_action(guardians, ADMIN, "bjorkdala", theme="access", audience="children", said="Ni sa något.", did=did,
                   status=status, status_date="2026-10-01")
    at, token = first_question("HEJ347")
    at = next_to_the_end(at, token, catalog.surveys["barn-7-12"])
    lines = [m.value for m in at.markdown if "Ni sa:" in m.value]
    worded = {line.split("**")[3]: line.split("**")[4] for line in lines}
    assert worded == {"Vi ska:": " Vi ska öppna på kvällar\\.", "Vi håller på med:": " Vi bygger ett nytt rum\\.",
                      "Vi gjorde:": " Alla får samma kontaktperson\\."}
