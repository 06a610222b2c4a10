"""UI text in every language, from `locales/<audience>/<lang>.yaml` (flat keys).

    >>> t("welcome.start", "en")
    'I understand – start'

The files are split by audience: `participant` holds what children, young
people and guardians see (answering, workshops, the public "Ni sa – vi
gjorde" page); `staff` holds what logged-in staff see. A key lives in exactly
one audience; `t` looks in both, so callers never name the audience.

Missing keys fall back to Swedish, so a half-translated language still shows
whole screens. A language is offered to participants once its participant
strings are complete (`complete_languages`): staff screens, translated or
not, never hold children back. Keys starting with `_` are metadata about the
file (such as `_review`), not UI text.

Each participant file says whether a native speaker has reviewed it
(`review_state`)::

    _review: draft                                        # not yet reviewed
    _review: {reviewer: "Amina Yusuf", date: 2026-12-01}  # reviewed: who and when

Anything else, or no marker, counts as a draft. Swedish is the source. Staff see
the state on the survey-files page, and a session in a draft language is
created only after a warning (`barnrosten.answering.sessions.create_session`).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from barnrosten.languages import DEFAULT_LANGUAGE, LANGUAGES, direction

LOCALES_DIR = Path(__file__).with_name("locales")
AUDIENCES = ("participant", "staff")
PARTICIPANT = "participant"


@lru_cache(maxsize=None)
def load_file(language: str, audience: str, directory: Path = LOCALES_DIR) -> dict:
    """One locale file as written, metadata keys included; {} when the file does not exist."""
    path = directory / audience / f"{language}.yaml"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def load_audience(language: str, audience: str, directory: Path = LOCALES_DIR) -> dict[str, str]:
    """The UI strings of one audience in one language (metadata keys left out)."""
    return {k: v for k, v in load_file(language, audience, directory).items() if not k.startswith("_")}


@lru_cache(maxsize=None)
def load_locale(language: str, directory: Path = LOCALES_DIR) -> dict[str, str]:
    """Every UI string of `language`, all audiences together."""
    merged: dict[str, str] = {}
    for audience in AUDIENCES:
        merged.update(load_audience(language, audience, directory))
    return merged


# A phone number: digit groups joined by spaces or hyphens ("116 111", "077-150 50 50").
_PHONE_NUMBER = re.compile(r"\d{2,}(?:[ -]\d{2,})+")
LEFT_TO_RIGHT_ISOLATE, FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2066", "\u2068", "\u2069"
NO_BREAK_SPACE, WORD_JOINER = "\u00a0", "\u2060"


def _phone_numbers_left_to_right(text: str) -> str:
    """Inside Arabic or Persian, the browser draws "116 111" as "111 116" and "077-150" as "150-077"
    (the digits count as Arabic numbers, the space and hyphen between them take the text's direction).
    A left-to-right isolate around each number keeps it in order, as it is dialled, and no-break spaces
    (and a word joiner after each hyphen) keep it on one line on a phone."""
    def whole(match: re.Match) -> str:
        number = match.group(0).replace(" ", NO_BREAK_SPACE).replace("-", "-" + WORD_JOINER)
        return f"{LEFT_TO_RIGHT_ISOLATE}{number}{POP_DIRECTIONAL_ISOLATE}"

    return _PHONE_NUMBER.sub(whole, text)


def _isolated(value):
    """A name filled into right-to-left text ("Björkdala kommun (demo)") kept in its own direction and on one
    line, so it neither mixes its words with the sentence's nor wraps halfway through."""
    if not isinstance(value, str):
        return value
    return f"{FIRST_STRONG_ISOLATE}{value.replace(' ', NO_BREAK_SPACE)}{POP_DIRECTIONAL_ISOLATE}"


def t(key: str, language: str = DEFAULT_LANGUAGE, **values) -> str:
    """The text for `key` in `language` (Swedish if missing there), with `{name}` filled in."""
    text = load_locale(language).get(key) or load_locale(DEFAULT_LANGUAGE).get(key)
    if text is None:
        raise KeyError(f"no UI text for {key!r}")
    if direction(language) == "rtl":
        text = _phone_numbers_left_to_right(text)
        values = {name: _isolated(value) for name, value in values.items()}
    return text.format(**values) if values else text


def placeholders(text: str) -> set[str]:
    """The `{name}` fields of a string: a translation must keep exactly these."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def translation_problems(language: str, audience: str = PARTICIPANT,
                         directory: Path = LOCALES_DIR) -> dict[str, str]:
    """Keys of `audience` that `language` lacks, leaves empty or fills with other placeholders, and why."""
    source = load_audience(DEFAULT_LANGUAGE, audience, directory)
    translated = load_audience(language, audience, directory)
    problems: dict[str, str] = {}
    for key, text in source.items():
        mine = translated.get(key)
        if key not in translated:
            problems[key] = "missing"
        elif not isinstance(mine, str) or not mine.strip():
            problems[key] = "empty"
        else:
            try:
                fields = placeholders(mine)
            except ValueError:  # an unbalanced brace
                problems[key] = "broken braces"
                continue
            if fields != placeholders(text):
                problems[key] = f"placeholders {sorted(fields)} instead of {sorted(placeholders(text))}"
    return problems


def missing_keys(language: str, audience: str | None = None) -> set[str]:
    """Keys of one audience (or all) that `language` does not translate usably."""
    audiences = AUDIENCES if audience is None else (audience,)
    return {key for a in audiences for key in translation_problems(language, a)}


def complete_languages(audience: str = PARTICIPANT, directory: Path = LOCALES_DIR) -> list[str]:
    """Languages whose `audience` strings are complete, in registry order."""
    return list(_complete_languages(audience, directory))

@lru_cache(maxsize=None)
def _complete_languages(audience: str, directory: Path) -> tuple[str, ...]:
    # Checked once per folder, like the files themselves (load_file): every answering screen asks.
    return tuple(code for code in LANGUAGES if not translation_problems(code, audience, directory))


@dataclass(frozen=True)
class ReviewState:
    """Whether a native speaker has reviewed a language's participant strings: status source, draft or reviewed."""

    status: str
    reviewer: str | None = None
    date: str | None = None

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


def review_state(language: str, directory: Path = LOCALES_DIR) -> ReviewState:
    """The `_review` marker of `language`'s participant file; a draft unless it names a reviewer and a date."""
    if language == DEFAULT_LANGUAGE:
        return ReviewState("source")
    marker = load_file(language, PARTICIPANT, directory).get("_review")
    if isinstance(marker, dict) and str(marker.get("reviewer") or "").strip() and marker.get("date"):
        return ReviewState("reviewed", str(marker["reviewer"]).strip(), str(marker["date"]))
    return ReviewState("draft")


def language_overview(directory: Path = LOCALES_DIR) -> list[dict]:
    """Per language: code, whether participants are offered it, how many participant strings it lacks, its review state."""
    offered = set(complete_languages(PARTICIPANT, directory))
    return [
        {"code": code, "offered": code in offered, "missing": len(translation_problems(code, PARTICIPANT, directory)),
         "review": review_state(code, directory)}
        for code in LANGUAGES
    ]


def review_label(state: ReviewState, lang: str) -> str:
    """For staff: "Utkast, inte granskat", "Granskat av Amina Yusuf, 2026-12-01" or "Källspråk"."""
    if state.status == "reviewed":
        return t("admin.review_reviewed", lang, reviewer=state.reviewer, date=state.date)
    return t(f"admin.review_{state.status}", lang)


def draft_warning(language: str, lang: str) -> str | None:
    """The warning staff read before opening a session in `language`; None when a native speaker has reviewed it."""
    if not review_state(language).is_draft:
        return None
    return t("session.draft_warning", lang, name=t(f"language.{language}", lang))
