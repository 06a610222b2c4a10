"""The theme taxonomy: stable ids with editable labels per language.

    >>> "heard" in theme_ids()
    True
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

DEFAULT_TAXONOMY_PATH = Path(__file__).with_name("taxonomy.yaml")


@lru_cache(maxsize=4)
def load_taxonomy(path: Path = DEFAULT_TAXONOMY_PATH) -> list[dict]:
    """Rows with `id` and `label` (a dict of language -> text)."""
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)["themes"]


def theme_ids(path: Path = DEFAULT_TAXONOMY_PATH) -> list[str]:
    return [theme["id"] for theme in load_taxonomy(path)]


@lru_cache(maxsize=4)
def risk_themes(path: Path = DEFAULT_TAXONOMY_PATH) -> dict[str, list[str]]:
    """Safeguarding category -> the themes it implies."""
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle).get("risk_themes", {})


def theme_label(theme_id: str | None, language: str = "sv", path: Path = DEFAULT_TAXONOMY_PATH) -> str | None:
    """The label of a theme in `language` (Swedish when missing); None for an unknown id."""
    for theme in load_taxonomy(path):
        if theme["id"] == theme_id:
            return theme["label"].get(language) or theme["label"]["sv"]
    return None
