"""Journey steps and prompts typed by the facilitator show on children's tablets as plain text, never markup."""

from __future__ import annotations

import re

import pytest

from barnrosten.access import accounts
from barnrosten.ui.text import WORD_JOINER
from barnrosten.workshops import facilitation
from tests.hostile_inputs import HOSTILE_LABELS
from tests.test_workshops_apptest import PASSWORD, participant

MARKUP = re.compile(r"[*_$\[\]<>#:`~|]")


def shown_literally(source: str) -> str | None:
    """The text Markdown would display for `source` if every special character in it is escaped; None otherwise."""
    source = source.replace(WORD_JOINER, "")
    plain = re.sub(r"\\(.)", "", source)
    if MARKUP.search(plain):
        return None  # an unescaped character Markdown, KaTeX or Streamlit would act on
    return re.sub(r"\\(.)", r"\1", source)


@pytest.fixture
def journey(config, open_session, db):
    accounts.create_user(db, "fia", PASSWORD, roles=[("facilitator", "bjorkdala")])
    fia = accounts.log_in(db, "fia", PASSWORD)
    return facilitation.create_workshop(
        db, fia, "bjorkdala", title="Resan", audience="children",
        activities=[{"kind": "journey", "prompt": "**Hur** var $det$?", "settings": {"steps": HOSTILE_LABELS}}])


def test_journey_steps_and_prompt_show_as_typed(journey):
    child = participant(kod=journey["code"])
    child.button[0].click().run()  # join with the code from the link
    assert not child.exception
    assert [shown_literally(h.value) for h in child.title] == ["**Hur** var $det$?"]
    steps = [h.value for h in child.subheader]
    assert [shown_literally(s) for s in steps] == [f"{n}. {label}" for n, label in enumerate(HOSTILE_LABELS, 1)]
