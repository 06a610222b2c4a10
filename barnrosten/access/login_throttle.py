"""Slowing down password guessing per client, without letting a stranger lock staff out.

A stranger who types five wrong passwords for "anna" must not keep Anna out
(a hard lock per account is a denial of service), and must not learn whether
"anna" exists. So every rule here counts by client and by typed user name,
whether or not that name is an account, in this process's memory only:

- **Client and user name.** Five wrong passwords for one name from one client
  make that client wait for that name (15 minutes, sliding). Anna, on her own
  browser, is not affected.
- **Client.** Ten wrong passwords from one client, whatever the names, make it
  wait: spraying one password over many names is slowed too.
- **Sessions without the cookie** (a browser's first visit, or a script that
  drops cookies) are each a client of their own, and together share a budget
  of twenty wrong passwords a minute, so dropping the cookie buys nothing.
- **User name, from everywhere.** After ten wrong passwords for one name in 15
  minutes from any clients (a script that makes up a new cookie each time),
  each further try for that name waits for a delay that doubles up to 30
  seconds: guessing stays slow. A client that has logged in to that name
  before (its cookie) skips this delay, so even then Anna gets in.

A client is the random id in the browser cookie (barnrosten/ui/browser_id.py),
or, without one, the Streamlit session. Keys are hashed (failure_window.py).

    >>> throttle = LoginThrottle()
    >>> stranger, anna = Client("browser-1", True), Client("browser-2", True)
    >>> for _ in range(5): throttle.failed(stranger, "anna")
    >>> throttle.wait(stranger, "anna") > 0, throttle.wait(anna, "anna")
    (True, 0.0)
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from barnrosten.access.failure_window import FailureWindow, hashed

WINDOW_SECONDS = 15 * 60
MAX_PER_CLIENT_AND_NAME = 5
MAX_PER_CLIENT = 10
WITHOUT_COOKIE_WINDOW_SECONDS = 60
MAX_WITHOUT_COOKIE = 20
NAME_SLOWDOWN_AFTER = 10
MAX_NAME_DELAY_SECONDS = 30.0
MAX_TRUSTED = 10_000
_EVERY_SESSION_WITHOUT_COOKIE = "\0no-cookie"


@dataclass(frozen=True)
class Client:
    """Who is trying: a browser's cookie id (`cookie` True), or a Streamlit session without one."""

    key: str
    cookie: bool


def _name(username: str) -> str:
    # User names are not case-sensitive (COLLATE NOCASE): "Anna" and "anna" are one name here too.
    return username.casefold()


class LoginThrottle:
    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._pairs = FailureWindow(WINDOW_SECONDS, clock)
        self._clients = FailureWindow(WINDOW_SECONDS, clock)
        self._names = FailureWindow(WINDOW_SECONDS, clock)
        self._without_cookie = FailureWindow(WITHOUT_COOKIE_WINDOW_SECONDS, clock, max_keys=1)
        self._trusted: OrderedDict[str, None] = OrderedDict()  # hash of (client, name) that logged in
        self._lock = threading.Lock()

    @staticmethod
    def _pair(client: Client, username: str) -> str:
        return f"{client.key}\0{_name(username)}"

    def _until_below(self, window: FailureWindow, key: str, limit: int) -> float:
        """Seconds until `key` has fewer than `limit` failures in `window` (0 when it already has)."""
        if window.count(key) < limit:
            return 0.0
        oldest = window.oldest(key)
        return max(0.0, oldest + window.seconds - self.clock()) if oldest is not None else 0.0

    def wait(self, client: Client, username: str) -> float:
        """Seconds this client must wait before trying `username` (0.0: go ahead)."""
        waits = [self._until_below(self._pairs, self._pair(client, username), MAX_PER_CLIENT_AND_NAME),
                 self._until_below(self._clients, client.key, MAX_PER_CLIENT)]
        if not client.cookie:
            waits.append(self._until_below(self._without_cookie, _EVERY_SESSION_WITHOUT_COOKIE, MAX_WITHOUT_COOKIE))
        name = _name(username)
        failures = self._names.count(name)
        if failures >= NAME_SLOWDOWN_AFTER and not self.trusted(client, username):
            delay = min(2.0 ** (failures - NAME_SLOWDOWN_AFTER), MAX_NAME_DELAY_SECONDS)
            waits.append(max(0.0, self._names.last(name) + delay - self.clock()))
        return max(waits)

    def failed(self, client: Client, username: str) -> None:
        self._pairs.add(self._pair(client, username))
        self._clients.add(client.key)
        self._names.add(_name(username))
        if not client.cookie:
            self._without_cookie.add(_EVERY_SESSION_WITHOUT_COOKIE)

    def succeeded(self, client: Client, username: str) -> None:
        """The client knows the password: its failures for the name are forgotten and it is trusted for it."""
        self._pairs.forget(self._pair(client, username))
        if client.cookie:
            with self._lock:
                key = hashed(self._pair(client, username))
                self._trusted[key] = None
                self._trusted.move_to_end(key)
                while len(self._trusted) > MAX_TRUSTED:
                    self._trusted.popitem(last=False)

    def trusted(self, client: Client, username: str) -> bool:
        with self._lock:
            return client.cookie and hashed(self._pair(client, username)) in self._trusted

    def clear(self) -> None:
        for window in (self._pairs, self._clients, self._names, self._without_cookie):
            window.clear()
        with self._lock:
            self._trusted.clear()


# One throttle per process: the app runs every browser session as a thread of one process.
THROTTLE = LoginThrottle()
