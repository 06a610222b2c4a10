"""Quotes never repeat a text, and emerging topics are never built from non-answers (issue 12)."""

from __future__ import annotations

import pytest

from analysis.discover import discover_themes, is_non_answer
from barnrosten.access.roles import Principal
from barnrosten.results import board_report, insights
from barnrosten.results.filters import Filters
from tests.responses_builder import annotate, municipalities_with_sessions, respond
from tests.test_exports import pdf_text

K = 5
ANALYST = Principal(1, "anna", frozenset({("analyst", "alby")}))
FILTERS = Filters(municipality="alby", start="2026-06", end="2026-11")
SAME = "Jag vill ha samma socialsekreterare hela tiden"
OTHERS = ["Min socialsekreterare byts hela tiden och jag måste berätta allt igen",
          "Det är jobbigt att byta socialsekreterare så ofta"]
NON_ANSWERS = ["Ingen kommentar", "Inget mer att säga", "Ingen kommentar / Inget mer att säga", "Inget att tillägga",
               "ingen kommentar.", "Inget mer att säga!"]
BUS_CARD = ["Busskortet räcker inte hela månaden", "Mitt busskort tar slut innan månaden är slut",
            "Busskortet borde räcka längre", "Jag har inget busskort kvar i slutet av månaden",
            "Busskortet tar slut för tidigt", "Kan busskortet räcka hela månaden?"]


@pytest.fixture
def alby(db, version_ids):
    return municipalities_with_sessions(db, version_ids)


def test_quotes_show_a_text_once_however_many_wrote_it(db, alby):
    for _ in range(6):
        respond(db, alby["alby"], text=SAME)
    respond(db, alby["alby"], text=SAME.upper() + "  ")  # the same words, shouted
    for text in OTHERS:
        respond(db, alby["alby"], text=text)
    annotate(db)
    rows = insights.quotes(db, ANALYST, FILTERS, "continuity", K, limit=50)
    texts = [row["redacted"] for row in rows]
    assert len(texts) == 3 and sum(" ".join(t.casefold().split()) == SAME.casefold() for t in texts) == 1
    assert set(OTHERS) <= set(texts)
    report = pdf_text(board_report.board_report(db, ANALYST, FILTERS, K, "sv", "Alby kommun"))
    assert report.count("samma socialsekreterare hela tiden") + report.count("SAMMA SOCIALSEKRETERARE") == 1


@pytest.mark.parametrize("text", NON_ANSWERS + ["Vet inte", "Nothing to add", "no comment", "Nej inget", "-"])
def test_non_answers_are_known(text):
    assert is_non_answer(text)


@pytest.mark.parametrize("text", ["Jag fick inget svar", "Jag fick inte säga något", "Vet inte vad som händer sen",
                                  "Ingen ringer tillbaka", "Inget busskort", "ok men maten är dålig"])
def test_answers_that_share_words_with_non_answers_stay(text):
    assert not is_non_answer(text)


def test_non_answers_never_make_a_topic():
    rows = [{"id": i, "text": text} for i, text in enumerate(NON_ANSWERS * 3)]
    assert discover_themes(rows, min_size=3) == []


def test_emerging_topics_on_the_dashboard_leave_non_answers_out(db, alby):
    for text in BUS_CARD + NON_ANSWERS + NON_ANSWERS:
        respond(db, alby["alby"], text=text)
    annotate(db)
    topics = insights.emerging_themes(db, ANALYST, FILTERS, K)
    assert topics and any("busskort" in term.lower() for term in topics[0]["terms"])
    offered = {term.lower() for topic in topics for term in topic["terms"]}
    assert not offered & {"kommentar", "säga", "tillägga"}
    assert not any(is_non_answer(example) for topic in topics for example in topic["examples"])
    for topic in topics:
        assert len(set(topic["examples"])) == len(topic["examples"])
