"""Driving the real Streamlit app through AppTest."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def open_app(**query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params.update(query)
    return at.run()


def button(at: AppTest, key_suffix: str):
    """The button whose key ends with `key_suffix` (keys carry a per-participant prefix)."""
    matches = [b for b in at.button if b.key and (b.key == key_suffix or b.key.endswith("_" + key_suffix))]
    assert len(matches) == 1, f"{len(matches)} buttons end with {key_suffix!r}: {[b.key for b in at.button]}"
    return matches[0]


def tap(at: AppTest, key_suffix: str) -> AppTest:
    button(at, key_suffix).click()
    return at.run()


def heading(at: AppTest) -> str:
    return " ".join(h.value for h in [*at.title, *at.header])


def page_text(at: AppTest) -> str:
    parts = [e.value for e in [*at.title, *at.header, *at.subheader, *at.markdown, *at.caption, *at.info, *at.warning, *at.success, *at.error]]
    parts += [b.label for b in at.button]
    return "\n".join(str(p) for p in parts)


def first_question(code: str = "HEJ347") -> tuple[AppTest, str]:
    """Join with `code`, start, skip the profile: the app on the first question, and the participant token."""
    at = tap(open_app(code=code), "start")
    token = at.query_params["p"]
    return tap(at, "profile_next"), token


def next_to_the_end(at: AppTest, token: str, survey, *, last_step: bool = True) -> AppTest:
    """Tap "Nästa" on every question the survey has (a hidden one is simply not there), and on the last
    step ("who helped") unless `last_step` is False."""
    steps = [q.id for q in survey.questions] + (["answered_with"] if survey.asks_answered_with and last_step else [])
    for step in steps:
        matches = [b for b in at.button if b.key == f"next_{token[:8]}_{step}"]
        if matches:
            matches[0].click()
            at = at.run()
    return at
