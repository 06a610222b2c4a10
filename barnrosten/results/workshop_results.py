"""What the municipality's workshops produced, for its dashboard: access checked, privacy applied.

    >>> workshop_results(db, analyst, Filters.default(municipality="bjorkdala"), k=5)[0]["top_cards"][0]["votes"]
    6

Participants and votes are perturbed like every other count (barnrosten/results/privacy.py).
"""

from __future__ import annotations

import sqlite_utils

from barnrosten.access import audit
from barnrosten.access.roles import Principal, require
from barnrosten.results import privacy
from barnrosten.results.filters import Filters, month_from_index, month_index
from barnrosten.workshops.facilitation import participants, wall

# Cards shown per workshop on the dashboard: the room's top ideas.
TOP_CARDS = 5


def workshop_results(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int) -> list[dict]:
    """The municipality's workshops in the period: rows of title, date, audience, participants, cards, top_cards.

    A workshop with fewer than k participants shows neither its count nor its cards
    (a small room's cards could be traced to a person). Viewing them is audited.
    """
    if filters.municipality is None:
        raise PermissionError("workshop results are shown for one municipality")
    require(principal, "analyst", filters.municipality)
    clause_start = filters.start + "-01"
    clause_end = month_from_index(month_index(filters.end) + 1) + "-01"
    rows = []
    for workshop in db.query(
            "SELECT w.id, w.title, w.audience, substr(w.created_at, 1, 10) AS date "
            "FROM workshops w WHERE w.municipality_id = ? AND w.created_at >= ? AND w.created_at < ? ORDER BY w.created_at DESC",
            [filters.municipality, clause_start, clause_end]):
        people = participants(db, workshop["id"])
        enough = privacy.is_reportable(people, k) and people.n > 0
        cards = []
        if enough:
            cards = wall(db, workshop["id"])
        rows.append({"title": workshop["title"], "date": workshop["date"], "audience": workshop["audience"],
                     "participants": privacy.safe_count(people, k),
                     "cards": len(cards) if enough else None, "top_cards": cards[:TOP_CARDS]})
    if any(r["top_cards"] for r in rows):
        audit.record(db, principal.username, "free_text_viewed", filters.municipality, view="workshops",
                     filters=filters.describe())
    return rows
