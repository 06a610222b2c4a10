"""Conditional follow-ups decide which questions a participant sees."""

import pytest

from surveys.flow import (
    ANSWERED_WITH_STEP,
    next_question_id,
    next_step,
    previous_question_id,
    previous_step,
    progress,
    visible_questions,
)


def ids(questions):
    return [q.id for q in questions]


@pytest.mark.parametrize("score, follow_up_shown", [(1, True), (2, True), (3, False), (5, False), (None, False)])
def test_low_score_asks_what_would_be_better(children_survey, score, follow_up_shown):
    answers = {} if score is None else {"lyssnad": score}
    assert ("lyssnad_battre" in ids(visible_questions(children_survey, answers))) is follow_up_shown


def test_next_and_previous_walk_the_visible_questions(children_survey):
    low = {"lyssnad": 1}
    assert next_question_id(children_survey, {}, None) == "lyssnad"
    assert next_question_id(children_survey, low, "lyssnad") == "lyssnad_battre"
    assert next_question_id(children_survey, {"lyssnad": 4}, "lyssnad") == "forstar"
    assert previous_question_id(children_survey, low, "forstar") == "lyssnad_battre"
    assert previous_question_id(children_survey, {}, "lyssnad") is None
    assert next_question_id(children_survey, {}, "onskan") is None


def test_continue_after_a_follow_up_that_became_hidden(children_survey):
    # The child went back and changed 1 to 5: the follow-up they were on is now hidden.
    assert next_question_id(children_survey, {"lyssnad": 5}, "lyssnad_battre") == "forstar"
    assert previous_question_id(children_survey, {"lyssnad": 5}, "lyssnad_battre") == "lyssnad"


def test_progress_total_is_the_same_whatever_the_answers(children_survey):
    # Seven questions of the survey's own (the follow-up shares its question's number) and the last step.
    assert progress(children_survey, "lyssnad") == (1, 8)
    assert progress(children_survey, "lyssnad_battre") == (1, 8)
    assert progress(children_survey, "forstar") == (2, 8)
    assert progress(children_survey, "onskan") == (7, 8)
    assert progress(children_survey, ANSWERED_WITH_STEP) == (8, 8)


def test_the_last_step_comes_after_the_questions_except_for_guardians(children_survey, catalog):
    assert next_step(children_survey, {}, "onskan") == ANSWERED_WITH_STEP
    assert next_step(children_survey, {}, ANSWERED_WITH_STEP) is None
    assert previous_step(children_survey, {}, ANSWERED_WITH_STEP) == "onskan"
    assert next_step(children_survey, {}, None) == "lyssnad"
    guardians = catalog.surveys["vardnadshavare"]
    assert not guardians.asks_answered_with
    assert next_step(guardians, {}, "battre") is None
    assert progress(guardians, "battre") == (7, 7)


def test_any_of_condition_on_multi_choice(catalog):
    from surveys.schema import Condition

    condition = Condition(question="x", any_of=["kompis"])
    assert condition.holds(["skola", "kompis"])
    assert not condition.holds(["skola"])
    assert not condition.holds(None)
    assert not Condition(question="x", at_most=2).holds("2")
