"""Password guessing is slowed per client and typed name, in memory; a stranger never locks staff out."""

from __future__ import annotations

from barnrosten.access.login_throttle import (MAX_NAME_DELAY_SECONDS, MAX_PER_CLIENT, MAX_PER_CLIENT_AND_NAME,
                                              MAX_WITHOUT_COOKIE, NAME_SLOWDOWN_AFTER, WINDOW_SECONDS, Client,
                                              LoginThrottle)

STRANGER, ANNA = Client("stranger-browser", True), Client("annas-browser", True)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_five_wrong_for_a_name_make_that_client_wait_for_that_name_only():
    clock = Clock()
    throttle = LoginThrottle(clock)
    for _ in range(MAX_PER_CLIENT_AND_NAME):
        assert throttle.wait(STRANGER, "anna") == 0
        throttle.failed(STRANGER, "Anna")  # names are not case-sensitive
    assert throttle.wait(STRANGER, "anna") > 0
    assert throttle.wait(STRANGER, "bo") == 0 and throttle.wait(ANNA, "anna") == 0
    clock.now += WINDOW_SECONDS
    assert throttle.wait(STRANGER, "anna") == 0


def test_spraying_many_names_from_one_client_is_slowed():
    throttle = LoginThrottle(Clock())
    for n in range(MAX_PER_CLIENT):
        throttle.failed(STRANGER, f"name{n}")
    assert throttle.wait(STRANGER, "somebody-else") > 0 and throttle.wait(ANNA, "somebody-else") == 0


def test_sessions_without_the_cookie_are_clients_of_their_own_sharing_one_budget():
    clock = Clock()
    throttle = LoginThrottle(clock)
    sessions = [Client(f"session:{n}", False) for n in range(MAX_WITHOUT_COOKIE)]
    for session in sessions:
        throttle.failed(session, "anna")
    assert throttle.wait(Client("session:new", False), "bo") > 0  # the shared budget is spent
    assert throttle.wait(ANNA, "bo") == 0  # browsers with the cookie are not held back
    clock.now += 61
    assert throttle.wait(Client("session:new", False), "bo") == 0


def test_a_name_guessed_from_everywhere_slows_down_but_its_owner_gets_in():
    clock = Clock()
    throttle = LoginThrottle(clock)
    throttle.succeeded(ANNA, "anna")  # Anna's browser has logged in before
    for n in range(NAME_SLOWDOWN_AFTER + 10):  # a script with a new made-up cookie each time
        throttle.failed(Client(f"made-up-{n}", True), "anna")
    newcomer = Client("made-up-new", True)
    assert 0 < throttle.wait(newcomer, "anna") <= MAX_NAME_DELAY_SECONDS
    assert throttle.wait(ANNA, "anna") == 0
    clock.now += MAX_NAME_DELAY_SECONDS
    assert throttle.wait(newcomer, "anna") == 0  # slow, never shut


def test_logging_in_forgets_that_clients_failures_for_the_name():
    throttle = LoginThrottle(Clock())
    for _ in range(MAX_PER_CLIENT_AND_NAME - 1):
        throttle.failed(ANNA, "anna")
    throttle.succeeded(ANNA, "anna")
    throttle.failed(ANNA, "anna")
    assert throttle.wait(ANNA, "anna") == 0


def test_nothing_is_kept_as_typed():
    throttle = LoginThrottle(Clock())
    throttle.failed(Client("secret-browser-id", True), "secret-name")
    kept = repr([throttle._pairs._moments, throttle._clients._moments, throttle._names._moments])
    assert "secret" not in kept
