"""Code guessing is slowed per browser, in memory only, and forgotten after the window."""

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
    assert guard._failures == {}  # forgotten, not kept


def test_no_browser_id_is_never_blocked_here_and_ids_are_hashed():
    guard = JoinThrottle(max_attempts=1)
    guard.failed(None)
    assert not guard.blocked(None)
    guard.failed("secret-browser-id")
    assert "secret-browser-id" not in repr(guard._failures)
