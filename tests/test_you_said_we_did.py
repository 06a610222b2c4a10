""""Ni sa – vi gjorde": staff record actions; children read the published ones without logging in."""

from __future__ import annotations

import pytest

from barnrosten.access.roles import Principal
from barnrosten.answering.survey_store import ensure_municipality
from barnrosten.results import you_said_we_did
from tests.hostile_inputs import HOSTILE_MARKUP, HOSTILE_TEXTS

ANALYST_A = Principal(1, "anna", frozenset({("analyst", "alby")}))
ANALYST_B = Principal(2, "bo", frozenset({("analyst", "berga")}))
FACILITATOR_A = Principal(3, "fia", frozenset({("facilitator", "alby")}))
NETWORK = Principal(4, "nils", frozenset({("network_viewer", None)}))
ACTION = dict(theme="continuity", audience="children", said="Ni sa att ni fick byta socialsekreterare för ofta.",
              did="Nu får varje barn samma socialsekreterare hela utredningen.", status="done", status_date="2026-10-01")


@pytest.fixture
def places(db):
    ensure_municipality(db, "alby", "Alby kommun")
    ensure_municipality(db, "berga", "Berga kommun")
    return db


def test_an_action_is_public_for_its_audience(places):
    you_said_we_did.add_action(places, ANALYST_A, "alby", **ACTION)
    you_said_we_did.add_action(places, ANALYST_A, "alby", **{**ACTION, "audience": "all", "said": "Ni sa att väntan var lång.",
                                                             "status_date": "2026-11-01"})
    you_said_we_did.add_action(places, ANALYST_A, "alby", **{**ACTION, "audience": "guardians", "said": "Ni sa att breven var svåra."})
    children = you_said_we_did.public_actions(places, "alby", "children")
    assert [r["said"] for r in children] == ["Ni sa att väntan var lång.", ACTION["said"]]
    assert "created_by" not in children[0]
    assert len(you_said_we_did.public_actions(places, "alby")) == 3
    assert you_said_we_did.public_actions(places, "berga") == []
    assert [m["id"] for m in you_said_we_did.municipalities_with_actions(places)] == ["alby"]


def test_unpublished_actions_stay_with_staff(places):
    action_id = you_said_we_did.add_action(places, ANALYST_A, "alby", **ACTION, published=False)
    assert you_said_we_did.public_actions(places, "alby", "children") == []
    assert len(you_said_we_did.actions_for_staff(places, ANALYST_A, "alby")) == 1
    you_said_we_did.update_action(places, ANALYST_A, action_id, published=True, status="in_progress")
    assert you_said_we_did.public_actions(places, "alby", "children")[0]["status"] == "in_progress"
    logged = [r[0] for r in places.execute("SELECT action FROM audit_log ORDER BY id")]
    assert logged == ["action_added", "action_changed"]


@pytest.mark.parametrize("principal", [ANALYST_B, FACILITATOR_A, NETWORK, None])
def test_only_the_municipalitys_analysts_write(places, principal):
    with pytest.raises(PermissionError):
        you_said_we_did.add_action(places, principal, "alby", **ACTION)
    action_id = you_said_we_did.add_action(places, ANALYST_A, "alby", **ACTION)
    with pytest.raises(PermissionError):
        you_said_we_did.update_action(places, principal, action_id, status="planned")
    with pytest.raises(PermissionError):
        you_said_we_did.actions_for_staff(places, principal, "alby")


@pytest.mark.parametrize("field, value", [
    ("said", "   "), ("did", ""), ("theme", "weather"), ("audience", "aliens"), ("status", "forgotten"),
    ("status_date", "1 oktober"), ("status_date", "2026-02-30"),
])
def test_bad_input_gets_a_named_field_and_saves_nothing(places, field, value):
    with pytest.raises(you_said_we_did.InvalidAction) as problem:
        you_said_we_did.add_action(places, ANALYST_A, "alby", **{**ACTION, field: value})
    assert problem.value.field == field
    assert you_said_we_did.actions_for_staff(places, ANALYST_A, "alby") == []


@pytest.mark.parametrize("text", [t for t in HOSTILE_TEXTS + HOSTILE_MARKUP if t and t.strip()])
def test_hostile_text_is_stored_as_text(places, text):
    you_said_we_did.add_action(places, ANALYST_A, "alby", **{**ACTION, "said": "Ni sa " + text})
    said = you_said_we_did.public_actions(places, "alby")[0]["said"]
    assert said.startswith("Ni sa") and len(said) <= you_said_we_did.MAX_TEXT_LENGTH
    assert "\x00" not in said and "\u202e" not in said
