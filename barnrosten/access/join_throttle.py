"""Slowing down code guessing per browser, not only per tab, and without storing anything about anyone.

A browser gets a random id in a cookie for a day (barnrosten/ui/browser_id.py).
Wrong codes are counted here against a hash of that id, in this process's
memory only: nothing is written to the database, and the count is forgotten
after the window. A new tab or a reload therefore does not reset the count;
a room of tablets behind one network address is not slowed down together.

    >>> throttle = JoinThrottle()
    >>> for _ in range(5): throttle.failed("browser-1")
    >>> throttle.blocked("browser-1"), throttle.blocked("browser-2")
    (True, False)
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable

# Wrong codes from one browser before it is asked to wait (guessing six characters is slow work then).
MAX_ATTEMPTS = 5
WINDOW_SECONDS = 60


class JoinThrottle:
    def __init__(self, max_attempts: int = MAX_ATTEMPTS, window: float = WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic):
        self.max_attempts, self.window, self.clock = max_attempts, window, clock
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(browser: str) -> str:
        return hashlib.sha256(browser.encode("utf-8")).hexdigest()

    def _recent(self, key: str, now: float) -> list[float]:
        recent = [moment for moment in self._failures.get(key, []) if now - moment < self.window]
        if recent:
            self._failures[key] = recent
        else:
            self._failures.pop(key, None)
        return recent

    def blocked(self, browser: str | None) -> bool:
        if not browser:
            return False
        with self._lock:
            return len(self._recent(self._key(browser), self.clock())) >= self.max_attempts

    def failed(self, browser: str | None) -> None:
        if not browser:
            return
        with self._lock:
            now = self.clock()
            key = self._key(browser)
            self._failures[key] = [*self._recent(key, now), now]


# One throttle per process: the app runs every browser session as a thread of one process.
THROTTLE = JoinThrottle()
