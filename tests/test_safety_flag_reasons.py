"""Each flag records why it was raised (pattern or model, category, score), and the queue shows the reviewer."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from analysis import safeguarding_model
from barnrosten.access import accounts
from barnrosten.access.roles import Principal
from barnrosten.safeguarding import review_queue
from barnrosten.ui.safety_queue import reasons_text
from tests.apptest_helpers import ROOT
from tests.responses_builder import municipalities_with_sessions, respond

PASSWORD = "en lång och bra lösenfras"
ADMIN = Principal(0, "admin", frozenset({("admin", None)}))
# Written for these tests: one explicit (a pattern names it), one indirect (only the model sees it).
EXPLICIT = "Pappa sparkade mig igår, Anna Berg vet om det"
INDIRECT = "شبا وقتی بابام میاد خونه از ترس نمیتونم بخوابم"


@pytest.fixture
def flagged(db, version_ids):
    sessions = municipalities_with_sessions(db, version_ids)
    explicit = respond(db, sessions["alby"], text=EXPLICIT)
    indirect = respond(db, sessions["alby"], text=INDIRECT)
    return {"explicit": explicit, "indirect": indirect}


def stored_reasons(db, token):
    return json.loads(db.execute("SELECT reasons FROM safety_flags WHERE participant_token = ?", [token]).fetchone()[0])


def test_a_pattern_flag_stores_its_source_category_and_matched_words(db, flagged):
    reasons = stored_reasons(db, flagged["explicit"])
    pattern = [r for r in reasons if r["source"] == "pattern"]
    assert pattern == [{"source": "pattern", "category": "violence", "score": 1.0, "evidence": "pappa sparkade"}]


def test_a_model_flag_stores_its_score_and_category(db, flagged):
    (reason,) = stored_reasons(db, flagged["indirect"])
    assert reason["source"] == "model" and reason["evidence"] == ""
    assert safeguarding_model.load().threshold <= reason["score"] <= 1.0
    categories = json.loads(db.execute("SELECT categories FROM safety_flags WHERE participant_token = ?",
                                       [flagged["indirect"]]).fetchone()[0])
    assert reason["category"] in categories


def test_the_queue_returns_the_reasons_with_the_evidence_redacted(db, flagged):
    page = review_queue.queue_page(db, ADMIN, review_queue.QueueFilter())
    by_text = {flag["redacted"]: flag for flag in page.flags}
    explicit = next(flag for text, flag in by_text.items() if text.startswith("Pappa sparkade mig"))
    assert "Anna" not in explicit["redacted"]
    assert {r["source"] for r in explicit["reasons"]} >= {"pattern"}
    indirect = by_text[INDIRECT]
    assert [r["source"] for r in indirect["reasons"]] == ["model"]


def test_flags_from_before_reasons_were_kept_say_so(db, flagged):
    db.execute("UPDATE safety_flags SET reasons = NULL")
    db.conn.commit()
    page = review_queue.queue_page(db, ADMIN, review_queue.QueueFilter())
    assert all(flag["reasons"] is None for flag in page.flags)
    assert reasons_text(None, "sv") == "Varför flaggad: orsaken sparades inte (flaggad före version 21 av databasen)"


def test_reasons_read_in_swedish_and_english():
    reasons = [{"source": "pattern", "category": "violence", "score": 1.0, "evidence": "sparkade mig"},
               {"source": "model", "category": "unsafe", "score": 0.8312, "evidence": ""}]
    assert reasons_text(reasons, "sv") == ("Varför flaggad: ordmönster för våld (”sparkade mig”) · "
                                           "modellen, otrygghet, poäng 0,83 av 1")
    assert reasons_text(reasons, "en") == ("Why flagged: word pattern for violence (“sparkade mig”) · "
                                           "the model, feeling unsafe, score 0.83 of 1")


@pytest.mark.parametrize("lang, why, model_words", [("sv", "Varför flaggad:", "modellen"),
                                                     ("en", "Why flagged:", "the model")])
def test_the_queue_page_shows_the_reviewer_why(config, db, flagged, lang, why, model_words):
    accounts.create_user(db, "admin", PASSWORD, roles=[("admin", None)])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = lang
    at.session_state["staff_token"] = accounts.start_session(db, accounts.log_in(db, "admin", PASSWORD))
    at.run()
    at.switch_page("pages/safety_queue.py").run()
    assert not at.exception
    texts = [t.value for t in at.text]
    reasons = [t for t in texts if t.startswith(why)]
    assert len(reasons) == 2
    assert any("pappa sparkade" in t for t in reasons)
    assert any(model_words in t for t in reasons)
    # Each reason stands right after the comment it explains.
    assert texts[texts.index(INDIRECT) + 1].startswith(why) and model_words in texts[texts.index(INDIRECT) + 1]
