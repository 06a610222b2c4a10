"""The safety queue page for an admin: every municipality at once, the count matching what can be opened,
severity first, filters, paging and bulk marking, through the real app."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from barnrosten.access import accounts
from barnrosten.access.roles import Principal
from barnrosten.safeguarding import review_queue
from tests import flag_flood
from tests.apptest_helpers import ROOT

PASSWORD = "en lång och bra lösenfras"
ADMIN = Principal(0, "admin", frozenset({("admin", None)}))
FLOOD, REAL = 120, 42


@pytest.fixture
def admin_queue(config, db, version_ids):
    flag_flood.build(db, version_ids["barn-7-12"], flood=FLOOD, real=REAL, municipalities=3)
    accounts.create_user(db, "admin", PASSWORD, roles=[("admin", None)])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["staff_token"] = accounts.start_session(db, accounts.log_in(db, "admin", PASSWORD))
    at.run()
    return at.switch_page("pages/safety_queue.py").run()


def shown(at) -> list[str]:
    """The flagged comments on screen (each card also shows, as text, why it was flagged)."""
    return [t.value for t in at.text if not t.value.startswith("Varför flaggad:")]


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def test_an_admin_sees_every_municipality_at_once_and_the_count_matches(admin_queue, db):
    at = admin_queue
    assert not at.exception
    unread = FLOOD + REAL
    assert at.metric[0].value == str(unread) and review_queue.new_count(db, ADMIN) == unread
    assert f"1–50 av {unread}" in captions(at)  # the default view lists exactly what the badge counts
    assert "Självmordstankar: 3" in at.warning[0].value  # the unread summary, gravest first
    assert shown(at)[0].startswith("Jag vill inte leva längre")
    places = {f"Kommun {n:02d}" for n in range(3)}
    assert all(any(place in c.value for c in at.caption) for place in places)


def test_filters_and_paging(admin_queue):
    at = admin_queue
    at.multiselect(key="queue_categories").select("sexual_abuse").run()
    assert len(shown(at)) == 3 and all(text.startswith("Han rör mig") for text in shown(at))
    at.multiselect(key="queue_categories").unselect("sexual_abuse").run()
    at.button(key="queue_next_top").click().run()
    assert "Sida 2 · 51–100" in captions(at)
    at.button(key="queue_previous_top").click().run()
    assert "Sida 1 · 1–50" in captions(at)


def test_a_reviewer_marks_a_selection_and_then_the_whole_page(admin_queue, db):
    at = admin_queue
    ticks = [c for c in at.checkbox if c.key and c.key.startswith("sel_")]
    assert len(ticks) == 50
    ticks[0].check()
    ticks[1].check()
    at.run()
    at.button(key="queue_selected_acted").click().run()
    assert "2 markerade som åtgärdade." in [s.value for s in at.success]
    assert at.metric[0].value == str(FLOOD + REAL - 2)
    at.button(key="queue_page_seen").click().run()
    assert "50 markerade som lästa." in [s.value for s in at.success]
    assert at.metric[0].value == str(FLOOD + REAL - 52)
    assert db.execute("SELECT COUNT(*) FROM safety_flag_events").fetchone()[0] == 52
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'safety_flag_status'").fetchone()[0] >= 2
