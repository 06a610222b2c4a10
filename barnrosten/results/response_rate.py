"""Response rate: how many of those invited (or able to answer) did answer, per respondent group and period.

Staff enter, per session (a survey round), how many children or guardians were
invited or could answer (`sessions.invited`). The rate of a group is its
respondents over the invited of the sessions begun in the period that have a
figure. Respondents are counted as every other figure is: released in groups
of k, imports apart, hidden under k and perturbed by the cell key method
(barnrosten/results/privacy.py). The invited figure is staff's own count of a
whole group and is shown as entered. A rate is shown only with its respondents.

    >>> set_invited(db, fia, session_id=3, invited=40)
    >>> rates(db, analyst, Filters.default(municipality="alby"), k=5)[0]["rate"]
    0.45
"""

from __future__ import annotations

import sqlite_utils

from barnrosten.access import audit
from barnrosten.access.roles import Principal, require
from barnrosten.results import privacy
from barnrosten.results.filters import RESPONDENT_GROUPS, Filters, month_from_index, month_index
from barnrosten.results.insights import check_scope
from barnrosten.results.release import release_settled
from barnrosten.storage.db import write_transaction

MAX_INVITED = 1_000_000


class InvalidInvited(ValueError):
    """The invited figure is not a whole number from 1 to MAX_INVITED."""


def set_invited(db: sqlite_utils.Database, principal: Principal | None, session_id: int, invited: int | None) -> None:
    """Record (or clear, with None) how many were invited or could answer in one session."""
    row = db.execute("SELECT municipality_id FROM sessions WHERE id = ?", [int(session_id)]).fetchone()
    if row is None:
        raise KeyError(session_id)
    if principal is None or not (principal.can("facilitator", row[0]) or principal.can("analyst", row[0])):
        raise PermissionError(f"requires role 'facilitator' or 'analyst' in {row[0]!r}")
    if invited is not None:
        if isinstance(invited, bool) or int(invited) != invited or not 1 <= int(invited) <= MAX_INVITED:
            raise InvalidInvited(str(invited))
        invited = int(invited)
    with write_transaction(db) as conn:
        conn.execute("UPDATE sessions SET invited = ? WHERE id = ?", (invited, int(session_id)))
    audit.record(db, principal.username, "invited_set", row[0], session=int(session_id), count=invited)


def invited_of(db: sqlite_utils.Database, session_id: int) -> int | None:
    row = db.execute("SELECT invited FROM sessions WHERE id = ?", [int(session_id)]).fetchone()
    return row[0] if row else None


def rates(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int) -> list[dict]:
    """Rows of group, sessions, invited, respondents (None under k), rate (None when hidden), per respondent group.

    For one municipality. Sessions begun in the period with an invited figure, and their released
    respondents in the period, whatever the gender, age or other filters (the invited figure has no breakdown).
    """
    if filters.municipality is None:
        raise PermissionError("response rates are shown for one municipality")
    check_scope(principal, filters)
    release_settled(db, k)
    start, end = filters.start + "-01", month_from_index(month_index(filters.end) + 1) + "-01"
    survey_clause, survey_params = ("AND sv.survey_id = ?", [filters.survey]) if filters.survey else ("", [])
    sessions = (f"FROM sessions s JOIN survey_versions sv ON sv.id = s.survey_version_id JOIN surveys su ON su.id = sv.survey_id "
                f"WHERE s.municipality_id = ? AND s.invited IS NOT NULL AND s.created_at >= ? AND s.created_at < ? "
                f"{survey_clause}")
    params = [filters.municipality, start, end, *survey_params]
    invited = {row["grp"]: row for row in db.query(
        f"SELECT su.respondent_group AS grp, COUNT(*) AS sessions, SUM(s.invited) AS invited {sessions} "
        "GROUP BY su.respondent_group", params)}
    counted: dict[str, privacy.Tally] = {}
    for row in db.query(
            f"SELECT su.respondent_group AS grp, s.import_batch_id AS batch, COUNT(*) AS n, TOTAL(p.record_key) AS key "
            f"{sessions.replace('FROM sessions s', 'FROM sessions s JOIN participants p ON p.session_id = s.id')} "
            "AND p.release_id IS NOT NULL AND p.started_at >= ? AND p.started_at < ? "
            "GROUP BY su.respondent_group, s.import_batch_id", [*params, start, end]):
        counted[row["grp"]] = counted.get(row["grp"], privacy.ZERO) + privacy.Tally.of(row["n"], int(row["key"]),
                                                                                       row["batch"])
    out = []
    for group in sorted(invited, key=lambda g: RESPONDENT_GROUPS.index(g) if g in RESPONDENT_GROUPS else 99):
        shown = privacy.safe_count(counted.get(group, privacy.ZERO), k)
        total = invited[group]["invited"]
        rate = None if shown is None else min(shown, total) / total
        out.append({"group": group, "sessions": invited[group]["sessions"], "invited": total,
                    "respondents": shown, "rate": rate})
    return out
