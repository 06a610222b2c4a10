"""The question count never changes mid-survey: a follow-up shares its question's number."""

from __future__ import annotations

import re

import pytest

from tests.apptest_helpers import first_question, heading, tap


def progress(at) -> tuple[int, int]:
    position, total = re.search(r"Fråga (\d+) av (\d+)", at.get("progress")[0].proto.text).groups()
    return int(position), int(total)


@pytest.mark.parametrize("first_face", [1, 5])  # with and without the follow-up
def test_the_total_is_the_same_on_every_screen(config, db, open_session, first_face):
    at, token = first_question("HEJ347")
    seen = []
    at = tap(at, f"lyssnad_{first_face}")
    while "Tack för dina svar" not in heading(at):
        seen.append((heading(at), *progress(at)))
        next_button = [b for b in at.button if b.key and b.key.startswith(f"next_{token[:8]}_")]
        next_button[0].click()
        at = at.run()
    assert {total for _, _, total in seen} == {8}
    positions = [position for _, position, _ in seen]
    assert positions == sorted(positions) and positions[-1] == 8
    if first_face == 1:
        assert seen[1][0] == "Vad hade gjort det bättre?" and seen[1][1] == 1  # "Fråga 1 av 8", as its question
        assert positions == [1, 1, 2, 3, 4, 5, 6, 7, 8]
    else:
        assert positions == [1, 2, 3, 4, 5, 6, 7, 8]
