"""Slowing down code guessing per browser, not only per tab, and without storing anything about anyone.

A browser gets a random id in a cookie for a day (barnrosten/ui/browser_id.py).
Wrong codes are counted here against a hash of that id, in this process's
memory only: nothing is written to the database, and the count is forgotten
after the window. A new tab or a reload therefore does not reset the count;
a room of tablets behind one network address is not slowed down together.

A session without the cookie (a browser's very first visit, or a script that
drops cookies) shares one budget with every other such session, so dropping
the cookie does not buy unlimited guesses. Wrong codes are logged as counts
only: never the code typed, never which browser.

    >>> throttle = JoinThrottle()
    >>> for _ in range(5): throttle.failed("browser-1")
    >>> throttle.blocked("browser-1"), throttle.blocked("browser-2")
    (True, False)
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from barnrosten.access.failure_window import FailureWindow

log = logging.getLogger(__name__)

# Wrong codes from one browser before it is asked to wait (guessing six characters is slow work then).
MAX_ATTEMPTS = 5
WINDOW_SECONDS = 60
# Wrong codes per minute from all sessions without the cookie together: a room of new tablets
# mistyping stays well inside it, a script that drops cookies does not.
MAX_ATTEMPTS_WITHOUT_COOKIE = 30
_NO_COOKIE = "\0no-cookie"  # cannot collide with a cookie value (the cookie is hex)
_EVERYONE = "\0everyone"


class JoinThrottle:
    def __init__(self, max_attempts: int = MAX_ATTEMPTS, window: float = WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic,
                 max_attempts_without_cookie: int = MAX_ATTEMPTS_WITHOUT_COOKIE):
        self.max_attempts, self.max_without_cookie = max_attempts, max_attempts_without_cookie
        self._failures = FailureWindow(window, clock)
        self._everyone = FailureWindow(window, clock, max_keys=1)

    def _key_and_limit(self, browser: str | None) -> tuple[str, int]:
        return (browser, self.max_attempts) if browser else (_NO_COOKIE, self.max_without_cookie)

    def blocked(self, browser: str | None) -> bool:
        key, limit = self._key_and_limit(browser)
        return self._failures.count(key) >= limit

    def failed(self, browser: str | None) -> None:
        key, limit = self._key_and_limit(browser)
        count = self._failures.add(key)
        log.info("wrong join code; %d wrong codes in the last %d s from all browsers",
                 self._everyone.add(_EVERYONE), self._failures.seconds)
        if count == limit:
            log.warning("a %s was asked to wait after %d wrong join codes",
                        "browser" if browser else "group of sessions without the browser cookie", count)

    def clear(self) -> None:
        self._failures.clear()
        self._everyone.clear()


# One throttle per process: the app runs every browser session as a thread of one process.
THROTTLE = JoinThrottle()
