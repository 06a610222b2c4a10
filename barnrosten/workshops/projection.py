"""What the room sees on the projector, and what the facilitator's remote needs: access checked, privacy applied.

The projector view is a full screen per workshop for the room: the join code,
and the live wall, the vote totals, the journey curve or the themes of the
current part. It redraws itself every two seconds by calling `room_view`,
so the facilitator can steer from a phone and the projector follows.

Only the workshop's facilitators (its municipality's) and admins may open it:
`room_view` checks, whatever page calls it. What it returns identifies no child:

- only cards shown on the wall (never held, hidden or merged ones), redacted,
  as text and votes: no author, no time;
- votes perturbed by the cell key method (`privacy.votes_count`), as on the
  facilitator's wall, so the wall redrawn after one dot does not tell which
  card that child chose;
- the journey curve as `facilitation.journey_curve` gives it: a step under k
  ratings shows no mean, and the sum and the count are perturbed apart;
- the number of people in the room only from k on, perturbed
  (`privacy.safe_count`): a room of three shows "–".

    >>> view = room_view(db, fia, workshop_id, k=5)
    >>> view["kind"], view["code"], [c["text"] for c in view["cards"]]
    ('ideas', 'KB47HX', ['Fler möten efter skolan'])
"""

from __future__ import annotations

import sqlite_utils

from barnrosten.access import audit
from barnrosten.access.roles import Principal, require
from barnrosten.results import privacy
from barnrosten.workshops import facilitation

# The projector's two screens: the room's wall, and the facilitator's controls on a phone.
PROJECTOR, REMOTE = "projektor", "fjarr"
VIEWS = (PROJECTOR, REMOTE)


class NoAccess(PermissionError):
    """Unknown workshop, or not this user's: the same answer for both, so an id tells nothing."""


def workshop_for(db: sqlite_utils.Database, principal: Principal | None, workshop_id) -> dict:
    """The workshop if `principal` facilitates it (its municipality) or is an admin; NoAccess otherwise.

    `workshop_id` comes from a URL: anything that is not a known id is refused the same way.
    """
    try:
        workshop = facilitation.get_workshop(db, int(str(workshop_id)))
        require(principal, "facilitator", workshop["municipality_id"])
    except (KeyError, ValueError, TypeError, PermissionError) as refused:
        raise NoAccess(str(workshop_id)) from refused
    return workshop


def record_opened(db: sqlite_utils.Database, principal: Principal, workshop: dict, view: str) -> None:
    """One audit entry when a projector view or remote is opened (the wall is free text), not per redraw."""
    audit.record(db, principal.username, "free_text_viewed", workshop["municipality_id"],
                 workshop=workshop["id"], view=view)


def room_view(db: sqlite_utils.Database, principal: Principal | None, workshop_id, k: int) -> dict:
    """Everything the projector shows now.

    Keys: id, title, code, status, join_locked, position, count, kind, prompt, people (None under k),
    cards (text, votes: each card's perturbed total; most votes first),
    curve (journey: rows of label, mean, ratings), themes (rows of theme, sentiment, cards).
    """
    workshop = workshop_for(db, principal, workshop_id)
    steps = facilitation.activities(db, workshop["id"])
    position = min(workshop["current_position"], len(steps) - 1)
    activity = steps[position]
    kind = activity["kind"]
    view = {
        "id": workshop["id"], "title": workshop["title"], "code": workshop["code"], "status": workshop["status"],
        "join_locked": bool(workshop["join_locked"]), "position": position, "count": len(steps), "kind": kind,
        "prompt": activity["prompt"], "people": privacy.safe_count(facilitation.participants(db, workshop["id"]), k),
        "cards": [], "curve": [], "themes": [],
    }
    if kind in ("ideas", "voting"):
        view["cards"] = [{"text": card["shown_text"], "votes": card["votes"]}
                         for card in facilitation.wall(db, workshop["id"])]
    elif kind == "journey":
        view["curve"] = facilitation.journey_curve(db, activity["id"], k)
    elif kind == "themes":
        view["themes"] = facilitation.card_themes(db, workshop["id"])
    return view


def remote_view(db: sqlite_utils.Database, principal: Principal | None, workshop_id, k: int) -> dict:
    """What the facilitator's phone shows: the room's state, held cards waiting, and the counts."""
    view = room_view(db, principal, workshop_id, k)
    view["held"] = facilitation.held_cards(db, principal, view["id"])
    view["steps"] = [a["kind"] for a in facilitation.activities(db, view["id"])]
    return view
