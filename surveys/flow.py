"""Which question comes next, given the answers so far (conditional follow-ups).

`answers` maps question id -> stored value (None when skipped).
"""

from __future__ import annotations

from surveys.schema import Question, Survey


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


def progress(survey: Survey, answers: dict, current: str) -> tuple[int, int]:
    """(1-based position of `current`, number of questions this participant sees)."""
    ids = [q.id for q in visible_questions(survey, answers)]
    position = ids.index(current) + 1 if current in ids else 1
    return position, len(ids)
