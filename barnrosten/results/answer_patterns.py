"""Answer patterns that need care, by age band: every scale answer the same, or only the most positive face.

Young children's smiley answers lean positive (Hall et al. 2016), and some
respondents tap the same face through a whole survey. Readers of the figures
should know how common that is. For the respondents in a selection who gave at
least MIN_SCALE_ANSWERS face answers, this counts, per age band:

- `same`: every face answer the same;
- `top`: every face answer the most positive face (5), a part of `same`.

Only shares are shown, under the privacy rules of every figure (released
respondents, imports apart, part, whole and rest each at least k, perturbed by
the cell key method). Nothing is ever shown or returned per child.

    >>> patterns(db, analyst, Filters.default(municipality="alby"), k=5)[0]["same_share"]
    0.25
"""

from __future__ import annotations

from dataclasses import replace

import sqlite_utils

from barnrosten.access.roles import Principal
from barnrosten.results import privacy
from barnrosten.results.insights import check_scope
from barnrosten.results.queries import RESPONSES, question_kinds, where
from barnrosten.results.filters import Filters
from barnrosten.results.release import release_settled

# Fewer face answers than this say nothing about a pattern.
MIN_SCALE_ANSWERS = 3
TOP_FACE = "5"  # stored as the text of the number


def patterns(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int) -> list[dict]:
    """Rows of age_band, respondents (None under k), same_share, top_share (None when hidden), youngest first.

    For one municipality (counted live from its answers).
    """
    if filters.municipality is None:
        raise PermissionError("answer patterns are shown for one municipality")
    check_scope(principal, filters)
    release_settled(db, k)
    faces = [key for key, kind in question_kinds(db).items() if kind["type"] == "faces"]
    if not faces:
        return []
    clause, params = where(replace(filters, patterns=None))  # the shares describe the whole selection
    values = ", ".join("(?, ?)" for _ in faces)
    rows = db.query(
        f"WITH faces(version_id, question_id) AS (VALUES {values}), "
        f"per AS (SELECT p.token, p.age_band, s.import_batch_id AS batch, p.record_key AS rk, COUNT(*) AS cnt, "
        f"MIN(a.value) AS lo, MAX(a.value) AS hi FROM {RESPONSES} CROSS JOIN answers a ON a.participant_token = p.token "
        f"JOIN faces f ON f.version_id = s.survey_version_id AND f.question_id = a.question_id "
        f"WHERE {clause} AND a.skipped = 0 GROUP BY p.token) "
        "SELECT age_band, batch, COUNT(*) AS n, TOTAL(rk) AS key, "
        "SUM(lo = hi) AS same_n, TOTAL(CASE WHEN lo = hi THEN rk END) AS same_key, "
        "SUM(lo = ? AND hi = ?) AS top_n, TOTAL(CASE WHEN lo = ? AND hi = ? THEN rk END) AS top_key "
        "FROM per WHERE cnt >= ? GROUP BY age_band, batch",
        [v for pair in faces for v in pair] + params + [TOP_FACE] * 4 + [MIN_SCALE_ANSWERS])
    groups: dict[str | None, dict[str, privacy.Tally]] = {}
    for row in rows:
        group = groups.setdefault(row["age_band"], {"all": privacy.ZERO, "same": privacy.ZERO, "top": privacy.ZERO})
        group["all"] += privacy.Tally.of(row["n"], int(row["key"]), row["batch"])
        group["same"] += privacy.Tally.of(row["same_n"], int(row["same_key"]), row["batch"])
        group["top"] += privacy.Tally.of(row["top_n"], int(row["top_key"]), row["batch"])
    return [{"age_band": band, "respondents": privacy.safe_count(group["all"], k),
             "same_share": privacy.safe_share(group["same"], group["all"], k),
             "top_share": privacy.safe_share(group["top"], group["all"], k)}
            for band, group in sorted(groups.items(), key=lambda item: (item[0] is None, str(item[0])))]

