"""UI text in every language, from `locales/<lang>.yaml` (flat keys).

    >>> t("welcome.start", "en")
    'I understand – start'

Missing keys fall back to Swedish, so a half-translated language still shows
whole screens; only complete languages are offered to participants.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from barnrosten.languages import DEFAULT_LANGUAGE, LANGUAGES

LOCALES_DIR = Path(__file__).with_name("locales")


@lru_cache(maxsize=None)
def load_locale(language: str, directory: Path = LOCALES_DIR) -> dict[str, str]:
    path = directory / f"{language}.yaml"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def t(key: str, language: str = DEFAULT_LANGUAGE, **values) -> str:
    """The text for `key` in `language` (Swedish if missing there), with `{name}` filled in."""
    text = load_locale(language).get(key) or load_locale(DEFAULT_LANGUAGE).get(key)
    if text is None:
        raise KeyError(f"no UI text for {key!r}")
    return text.format(**values) if values else text


def missing_keys(language: str) -> set[str]:
    return set(load_locale(DEFAULT_LANGUAGE)) - {k for k, v in load_locale(language).items() if v}


def complete_languages() -> list[str]:
    """Languages whose UI translation covers every Swedish key, in registry order."""
    return [code for code in LANGUAGES if not missing_keys(code)]
