"""Logging in through the real app: a stranger's tab is slowed, Anna's is not, and made-up names answer alike."""

from __future__ import annotations

import pytest

from barnrosten.access.login_throttle import MAX_PER_CLIENT_AND_NAME, MAX_WITHOUT_COOKIE, THROTTLE
from tests.test_staff_login_apptest import PASSWORD, app_at, staff_db  # noqa: F401 - the fixture

WRONG, WAIT = "Fel användarnamn eller lösenord.", "För många försök. Vänta en stund och försök igen."


def attempt(at, username: str, password: str = "fel lösenord här") -> str:
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    at.button[0].click().run()
    return " ".join(e.value for e in at.error)


def test_a_stranger_cannot_lock_anna_out(staff_db):
    stranger = app_at("pages/login.py")  # a tab without the cookie: a client of its own
    answers = [attempt(stranger, "anna") for _ in range(MAX_PER_CLIENT_AND_NAME + 1)]
    assert answers == [WRONG] * MAX_PER_CLIENT_AND_NAME + [WAIT]
    assert attempt(stranger, "anna", PASSWORD) == WAIT and "staff_token" not in stranger.session_state
    anna = app_at("pages/login.py")
    assert attempt(anna, "anna", PASSWORD) == "" and "staff_token" in anna.session_state


def test_a_made_up_name_answers_as_a_real_one(staff_db):
    tries = MAX_PER_CLIENT_AND_NAME + 1
    real = [attempt(tab, "anna") for tab in [app_at("pages/login.py")] for _ in range(tries)]
    made_up = [attempt(tab, "annika") for tab in [app_at("pages/login.py")] for _ in range(tries)]
    assert real == made_up


@pytest.fixture
def frozen_clock(monkeypatch):
    """The throttle's windows see no time pass: twenty AppTest runs can take over a minute on a busy
    machine, and the budget is per minute."""
    now = THROTTLE.clock()
    for holder in [THROTTLE, *(w for w in vars(THROTTLE).values() if hasattr(w, "clock"))]:
        monkeypatch.setattr(holder, "clock", lambda: now)


@pytest.mark.parametrize("per_tab", [4])
def test_new_tabs_without_the_cookie_share_one_budget(staff_db, per_tab, frozen_clock):
    failures = 0
    while failures < MAX_WITHOUT_COOKIE:
        tab = app_at("pages/login.py")
        for n in range(min(per_tab, MAX_WITHOUT_COOKIE - failures)):
            assert attempt(tab, f"namn{failures}") == WRONG
            failures += 1
    assert attempt(app_at("pages/login.py"), "anna", PASSWORD) == WAIT
