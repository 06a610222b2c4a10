"""Pure arithmetic for the dashboards: which answers are positive, and summaries of many municipalities.

Takes plain rows (dicts) and returns plain numbers; knows nothing of users or
privacy. `barnrosten.results.insights` applies the privacy rules to what these return.

    >>> is_positive("faces", 4), is_positive("yes_no", "no")
    (True, False)
"""

from __future__ import annotations

import json
import operator
import statistics
from collections import defaultdict

# Faces run 1 (very sad) to 5 (very happy); the two happy faces count as positive.
POSITIVE_FACE = 4
# Questions on this theme make the "felt listened to" index (Article 12: the right to be heard).
LISTENED_TO_THEME = "heard"
# A median of fewer municipalities would let a reader work back to one municipality's figure.
MIN_PEERS_FOR_SPREAD = 3


def is_positive(question_type: str, value) -> bool | None:
    """True/False for a scored answer; None when the question type has no positive answer."""
    if question_type == "faces":
        return isinstance(value, int) and value >= POSITIVE_FACE
    if question_type == "yes_no":
        return value == "yes"
    return None


def positive_counts(rows: list[dict], kinds: dict, by: tuple[str, ...] = ()) -> dict[tuple, list[int]]:
    """{(by values..., survey_id, question_id): [positive, answered]} from `answer_counts` rows.

    `kinds` maps (survey version id, question id) -> {survey_id, type, ...}; rows of
    questions without a positive answer (single choice) are left out.
    """
    counts: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        kind = kinds.get((row["survey_version_id"], row["question_id"]))
        if kind is None:
            continue
        positive = is_positive(kind["type"], json.loads(row["value"]) if row["value"] is not None else None)
        if positive is None:
            continue
        key = tuple(row[d] for d in by) + (kind["survey_id"], row["question_id"])
        counts[key][0] += int(positive) * row["n"]
        counts[key][1] += row["n"]
    return dict(counts)


def listened_to_questions(kinds: dict) -> tuple[str, ...]:
    """Ids of the questions that make the listened-to index (faces and yes/no on LISTENED_TO_THEME)."""
    return tuple(sorted({qid for (_, qid), k in kinds.items()
                         if k["theme"] == LISTENED_TO_THEME and k["type"] in ("faces", "yes_no")}))


def listened_to_counts(positive: dict[tuple, list], kinds: dict, depth: int = 0, pool=operator.add) -> dict[tuple, list]:
    """Pooled [positive, answered] (or any list of counts) over the questions on LISTENED_TO_THEME, per the first `depth` key parts.

    `pool` combines two questions' counts: plain addition by default; a caller that counts
    people passes its own, since one child answers several of these questions.
    """
    heard_questions = {(k["survey_id"], qid) for (_, qid), k in kinds.items() if k["theme"] == LISTENED_TO_THEME}
    pooled: dict[tuple, list] = {}
    for key, counts in positive.items():
        if key[depth:] in heard_questions:
            sums = pooled.setdefault(key[:depth], [0] * len(counts))
            pooled[key[:depth]] = [pool(a, b) for a, b in zip(sums, counts)]
    return pooled


def spread(values: list[float]) -> dict | None:
    """Median, quartiles, lowest and highest of `values`; None when fewer than MIN_PEERS_FOR_SPREAD."""
    values = sorted(v for v in values if v is not None)
    if len(values) < MIN_PEERS_FOR_SPREAD:
        return None
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return {"median": median, "q1": q1, "q3": q3, "low": values[0], "high": values[-1], "count": len(values)}


def change(current: float | None, previous: float | None) -> float | None:
    """current - previous, or None when either is missing (hidden or no data)."""
    return None if current is None or previous is None else current - previous
