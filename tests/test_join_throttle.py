"""Code guessing is slowed per browser (and for sessions without the cookie together), in memory only,
logged as counts only, and forgotten after the window."""

import logging

from barnrosten.access.join_throttle import JoinThrottle


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_five_wrong_codes_block_that_browser_only_for_a_while():
    clock = Clock()
    guard = JoinThrottle(max_attempts=5, window=60, clock=clock)
    for _ in range(4):
        guard.failed("browser-a")
    assert not guard.blocked("browser-a")
    guard.failed("browser-a")
    assert guard.blocked("browser-a") and not guard.blocked("browser-b")
    clock.now += 61
    assert not guard.blocked("browser-a")
    assert len(guard._failures) == 0  # forgotten, not kept


def test_sessions_without_the_cookie_share_one_budget():
    """A script that drops the cookie (or many fresh sessions) is slowed too, without touching browsers with one."""
    clock = Clock()
    guard = JoinThrottle(max_attempts=5, window=60, clock=clock, max_attempts_without_cookie=30)
    for _ in range(29):
        guard.failed(None)
    assert not guard.blocked(None)
    guard.failed("")
    assert guard.blocked(None) and guard.blocked("")
    assert not guard.blocked("browser-a")
    clock.now += 61
    assert not guard.blocked(None)


def test_browser_ids_are_hashed():
    guard = JoinThrottle(max_attempts=1)
    guard.failed("secret-browser-id")
    assert "secret-browser-id" not in repr(guard._failures._moments)


def test_wrong_codes_are_logged_as_counts_only(caplog):
    guard = JoinThrottle(max_attempts=2, window=60, clock=Clock())
    with caplog.at_level(logging.INFO, logger="barnrosten.access.join_throttle"):
        guard.failed("secret-browser-id")
        guard.failed("other-browser")
        guard.failed("secret-browser-id")
    messages = [r.getMessage() for r in caplog.records]
    assert messages[:3] == [f"wrong join code; {n} wrong codes in the last 60 s from all browsers" for n in (1, 2, 3)]
    assert messages[3] == "a browser was asked to wait after 2 wrong join codes"
    assert not any("secret" in m for m in messages)
