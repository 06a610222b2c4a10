"""Fresh sessions without the browser cookie are slowed down together: opening a new tab for each guess does not help."""

from __future__ import annotations

import pytest

from barnrosten.access.join_throttle import MAX_ATTEMPTS_WITHOUT_COOKIE
from barnrosten.ui.answering.state import MAX_CODE_ATTEMPTS
from tests.apptest_helpers import open_app

SLOW_DOWN = "Vänta en liten stund"


@pytest.fixture
def app_db(config, open_session):
    return config


def guess(at, code: str = "KKKKKK"):
    at.text_input(key="join_code").input(code)
    at.button[0].click()
    return at.run()


def test_a_new_tab_for_every_few_guesses_is_slowed_too(app_db):
    tabs = MAX_ATTEMPTS_WITHOUT_COOKIE // (MAX_CODE_ATTEMPTS - 1) + 1
    guesses = 0
    for _ in range(tabs):  # each AppTest is a fresh session with no cookie, as a script that drops cookies
        at = open_app()
        for _ in range(MAX_CODE_ATTEMPTS - 1):  # below the per-tab limit
            if guesses < MAX_ATTEMPTS_WITHOUT_COOKIE:
                guess(at)
                guesses += 1
    assert SLOW_DOWN not in " ".join(w.value for w in at.warning)
    fresh = guess(open_app(), "HEJ347")  # even a right code waits: the budget is spent
    assert SLOW_DOWN in " ".join(w.value for w in fresh.warning)
    assert "HEJ347" != fresh.session_state["code"]
