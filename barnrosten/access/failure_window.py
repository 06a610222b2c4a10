"""Counting recent failures per key, in this process's memory only, forgotten after a window.

The join and login throttles count wrong codes and wrong passwords with this.
Keys are hashed before they are kept, so a browser id or a typed user name is
never held as written; nothing is written to the database. The number of keys
is bounded, so a flood of made-up keys cannot grow memory without end.

    >>> window = FailureWindow(seconds=60, clock=lambda: 0.0)
    >>> window.add("browser-1"), window.add("browser-1")
    (1, 2)
    >>> window.count("browser-1"), window.count("browser-2")
    (2, 0)
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

# Far above any real load; past it the stalest keys are forgotten first.
MAX_KEYS = 100_000


def hashed(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class FailureWindow:
    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic, max_keys: int = MAX_KEYS):
        self.seconds, self.clock, self.max_keys = seconds, clock, max_keys
        self._moments: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        recent = [moment for moment in self._moments.get(key, ()) if now - moment < self.seconds]
        if recent:
            self._moments[key] = recent
        else:
            self._moments.pop(key, None)
        return recent

    def count(self, key: str) -> int:
        with self._lock:
            return len(self._recent(hashed(key), self.clock()))

    def last(self, key: str) -> float | None:
        """When the latest failure in the window happened (this window's clock), or None."""
        with self._lock:
            recent = self._recent(hashed(key), self.clock())
            return recent[-1] if recent else None

    def oldest(self, key: str) -> float | None:
        """When the earliest failure still in the window happened (this window's clock), or None."""
        with self._lock:
            recent = self._recent(hashed(key), self.clock())
            return recent[0] if recent else None

    def add(self, key: str) -> int:
        """Count one failure now; returns the failures of `key` in the window, this one included."""
        with self._lock:
            now = self.clock()
            digest = hashed(key)
            moments = [*self._recent(digest, now), now]
            self._moments[digest] = moments
            self._moments.move_to_end(digest)
            while len(self._moments) > self.max_keys:
                self._moments.popitem(last=False)
            return len(moments)

    def forget(self, key: str) -> None:
        with self._lock:
            self._moments.pop(hashed(key), None)

    def clear(self) -> None:
        with self._lock:
            self._moments.clear()

    def __len__(self) -> int:
        return len(self._moments)
