"""A login answers the same way whether or not the account exists: same reason, same audit shape, same time."""

from __future__ import annotations

import statistics
import time

import pytest

from barnrosten.access import accounts
from barnrosten.access.login_throttle import MAX_PER_CLIENT_AND_NAME, Client, LoginThrottle
from barnrosten.answering.survey_store import ensure_municipality

PASSWORD = "en lång och bra lösenfras"


@pytest.fixture
def staff(db):
    ensure_municipality(db, "bjorkdala", "Björkdala kommun (demo)")
    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "bjorkdala")])
    return db


def reasons(db, username: str, client: Client, tries: int) -> list[str]:
    found = []
    for _ in range(tries):
        with pytest.raises(accounts.LoginFailed) as failure:
            accounts.log_in(db, username, "fel lösenord här", client=client)
        found.append(failure.value.reason)
    return found


def test_a_real_and_a_made_up_name_get_the_same_answers_in_the_same_order(staff):
    tries = MAX_PER_CLIENT_AND_NAME + 2
    real = reasons(staff, "anna", Client("browser-a", True), tries)
    made_up = reasons(staff, "annika", Client("browser-b", True), tries)
    assert real == made_up == ["wrong"] * MAX_PER_CLIENT_AND_NAME + ["wait"] * 2


def test_a_real_and_a_made_up_name_take_the_same_time(staff):
    """Interleaved, each from a fresh client so nothing is throttled: both cost one argon2 verification."""
    throttle = LoginThrottle()
    timings = {"anna": [], "annika": []}
    for n in range(9):
        for name in timings:
            start = time.perf_counter()
            with pytest.raises(accounts.LoginFailed):
                accounts.log_in(staff, name, "fel lösenord här", client=Client(f"{name}-{n}", True), throttle=throttle)
            timings[name].append(time.perf_counter() - start)
    real, made_up = (statistics.median(timings[name]) for name in ("anna", "annika"))
    # Without the dummy verification an unknown name would answer many times faster than a real one.
    assert 0.6 < made_up / real < 1.6, (real, made_up)
