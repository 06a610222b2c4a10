"""Which question comes next, given the answers so far (conditional follow-ups).

`answers` maps question id -> stored value (None when skipped).
"""

from __future__ import annotations

from surveys.schema import Question, Survey

# The optional last step after a survey's own questions: "Did you answer on your own or with an
# adult's help?" (stored on the participant, a filter on the dashboard). Its id can never be a
# question id: those start with a letter or a digit.
ANSWERED_WITH_STEP = "~answered_with"


def visible_questions(survey: Survey, answers: dict) -> list[Question]:
    """The questions this participant sees, in order: follow-ups only when their condition holds."""
    return [
        q for q in survey.questions if q.show_if is None or q.show_if.holds(answers.get(q.show_if.question))
    ]


def next_question_id(survey: Survey, answers: dict, current: str | None) -> str | None:
    """The question after `current` (the first when None); None when the survey is done."""
    visible = visible_questions(survey, answers)
    if current is None:
        return visible[0].id if visible else None
    ids = [q.id for q in visible]
    if current in ids:
        position = ids.index(current) + 1
        return ids[position] if position < len(ids) else None
    # `current` became hidden (an earlier answer changed): continue after it in survey order.
    order = [q.id for q in survey.questions]
    later = order[order.index(current) + 1 :] if current in order else []
    return next((qid for qid in later if qid in ids), None)


def previous_question_id(survey: Survey, answers: dict, current: str) -> str | None:
    ids = [q.id for q in visible_questions(survey, answers)]
    if current in ids:
        position = ids.index(current)
        return ids[position - 1] if position > 0 else None
    order = [q.id for q in survey.questions]
    earlier = order[: order.index(current)] if current in order else []
    return next((qid for qid in reversed(earlier) if qid in ids), None)


def next_step(survey: Survey, answers: dict, current: str | None) -> str | None:
    """Like `next_question_id`, with the last step (who helped) after the questions when the survey asks it."""
    if current == ANSWERED_WITH_STEP:
        return None
    following = next_question_id(survey, answers, current)
    if following is None and current is not None and survey.asks_answered_with:
        return ANSWERED_WITH_STEP
    return following


def previous_step(survey: Survey, answers: dict, current: str) -> str | None:
    if current == ANSWERED_WITH_STEP:
        ids = [q.id for q in visible_questions(survey, answers)]
        return ids[-1] if ids else None
    return previous_question_id(survey, answers, current)


def progress(survey: Survey, current: str) -> tuple[int, int]:
    """(1-based number of `current`, number of questions): the same total from the first screen to the last.

    A follow-up shares the number of the question before it ("Fråga 1 av 7" and then, after a sad
    face, "Vad hade gjort det bättre?" is still "Fråga 1 av 7"), so the total never grows mid-survey.
    The last step (who helped) is the last number.
    """
    main = [q.id for q in survey.questions if q.show_if is None]
    total = len(main) + (1 if survey.asks_answered_with else 0)
    if current == ANSWERED_WITH_STEP:
        return total, total
    position = 0
    for question in survey.questions:
        if question.show_if is None:
            position += 1
        if question.id == current:
            break
    return max(position, 1), total
