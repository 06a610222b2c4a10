"""The children's PDF speaks of children and young people only, and its "about n in 10" is a share (issue 12)."""

from __future__ import annotations

import re
from dataclasses import replace

import pypdfium2
import pytest

from barnrosten.access.roles import Principal
from barnrosten.answering.sessions import create_session
from barnrosten.results import children_report, insights
from barnrosten.results.filters import YOUNG, Filters
from tests.responses_builder import annotate, municipalities_with_sessions, respond, respond_answers

K = 5
ANALYST = Principal(1, "anna", frozenset({("analyst", "alby")}))
FILTERS = Filters(municipality="alby", start="2026-06", end="2026-11")


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(pdf))


@pytest.fixture
def children_and_guardians(db, version_ids):
    """alby: 20 children (12 feel listened to, 8 do not) and 60 guardians who all feel their child is heard.

    Perturbed by at most 2 each, the children's share stays within 10/22 to 14/18 (5 to 8 in 10), and
    with the guardians pooled it would stay above 70/82 (9 or 10 in 10).
    """
    sessions = municipalities_with_sessions(db, version_ids)
    for i in range(20):
        respond(db, sessions["alby"], faces=5 if i < 12 else 1, yes="yes" if i < 12 else "no")
    guardians = create_session(db, "alby", version_ids["vardnadshavare"], service_area="utredning")
    for _ in range(60):
        respond_answers(db, guardians, {"barnet_lyssnad": 5, "bemotande": 5}, gender=None, age_band=None)
    annotate(db)
    return db


def test_the_count_and_the_share_are_of_children_and_young_people(children_and_guardians):
    db = children_and_guardians
    text = pdf_text(children_report.children_summary(db, ANALYST, FILTERS, K, "sv", "Alby kommun"))
    young = insights.overview(db, ANALYST, replace(FILTERS, group=YOUNG), K)
    everyone = insights.overview(db, ANALYST, FILTERS, K)
    shown = int(re.search(r"(\d+) barn och unga svarade", text).group(1))
    assert shown == young.respondents.value and 15 <= shown <= 25  # 20 children, perturbed by at most 2
    assert everyone.respondents.value >= 75  # the guardians are there, and not counted in the children's PDF
    in_ten = int(re.search(r"Ungefär (\d+) av 10 kände att de vuxna lyssnade", text).group(1))
    assert in_ten == children_report.in_ten(young.listened_share)
    assert 5 <= in_ten <= 8 < children_report.in_ten(everyone.listened_share)  # with guardians pooled it would say 9 or 10
    assert "personer svarade" not in text


def test_the_english_summary_says_children_and_young_people(children_and_guardians):
    text = pdf_text(children_report.children_summary(children_and_guardians, ANALYST, FILTERS, K, "en", "Alby"))
    assert re.search(r"\d+ children and young people answered", text)


@pytest.mark.parametrize("share, expected", [(0.65, 7), (0.649, 6), (0.75, 8), (0.05, 1), (0.04, 0), (1.0, 10)])
def test_about_n_in_ten_rounds_halves_up(share, expected):
    assert children_report.in_ten(share) == expected


def test_a_group_of_groups_counts_each_of_its_groups(children_and_guardians):
    db = children_and_guardians
    children = insights.overview(db, ANALYST, replace(FILTERS, group="children"), K).respondents.value
    young = insights.overview(db, ANALYST, replace(FILTERS, group=YOUNG), K).respondents.value
    assert abs(children - young) <= 4  # the same 20 people, each figure perturbed on its own
