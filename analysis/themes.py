"""Which themes of the taxonomy a comment touches (multi-label, may be none).

Rules on folded text (patterns from `taxonomy.yaml`, editable per installation),
plus the themes implied by safeguarding categories. Each theme gets a score in
0..1 that grows with the number of distinct patterns matched; a theme is
assigned at THEME_THRESHOLD (one clear match).

    >>> classify_themes("Jag har haft fem olika socialsekreterare").themes
    ('continuity',)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.normalize import fold
from analysis.taxonomy import DEFAULT_TAXONOMY_PATH, load_taxonomy, risk_themes

THEME_THRESHOLD = 0.5
# One matched pattern gives 0.63, two 0.86, three 0.95: more evidence, more certainty.
EVIDENCE_RATE = 1.0


@dataclass(frozen=True)
class ThemeResult:
    themes: tuple[str, ...]
    scores: dict[str, float]


@lru_cache(maxsize=4)
def compiled_patterns(path: Path = DEFAULT_TAXONOMY_PATH) -> dict[str, tuple[re.Pattern, re.Pattern]]:
    """theme id -> (fast alternation for "any match?", the same with named groups p0, p1, ...).

    Most comments miss most themes: the fast one answers that. Where it matches,
    one finditer pass of the named one tells which distinct patterns matched.
    """
    compiled = {}
    for theme in load_taxonomy(path):
        patterns = theme.get("patterns", []) or [r"(?!)"]
        fast = re.compile("|".join(f"(?:{p})" for p in patterns))
        named = re.compile("|".join(f"(?P<p{i}>{p})" for i, p in enumerate(patterns)))
        compiled[theme["id"]] = (fast, named)
    return compiled


def classify_themes(text: str | None, risk_categories: tuple[str, ...] = (), path: Path = DEFAULT_TAXONOMY_PATH) -> ThemeResult:
    if not text or not text.strip():
        return ThemeResult((), {})
    folded = fold(text[:5000])
    scores: dict[str, float] = {}
    implied = {theme for category in risk_categories for theme in risk_themes(path).get(category, [])}
    for theme_id, (fast, named) in compiled_patterns(path).items():
        matched = len({match.lastgroup for match in named.finditer(folded)}) if fast.search(folded) else 0
        hits = matched + (1 if theme_id in implied else 0)
        if hits:
            scores[theme_id] = round(1 - math.exp(-EVIDENCE_RATE * hits), 3)
    themes = tuple(t for t, s in sorted(scores.items(), key=lambda item: -item[1]) if s >= THEME_THRESHOLD)
    return ThemeResult(themes, scores)


def rule_hits(text: str, risk_categories: tuple[str, ...] = (), path: Path = DEFAULT_TAXONOMY_PATH) -> list[float]:
    """The rules' score per theme, in taxonomy order: features for the learned theme signal."""
    scores = classify_themes(text, risk_categories, path).scores
    return [scores.get(theme_id, 0.0) for theme_id in compiled_patterns(path)]


def learned_themes(text: str, vector, risk_categories: tuple[str, ...] = (), path: Path = DEFAULT_TAXONOMY_PATH) -> dict[str, float]:
    """Theme probabilities from the embedding `vector` and the rules (analysis/models/themes.json)."""
    import numpy as np

    from analysis.learned import ThemeModels

    models = ThemeModels.load()
    features = np.concatenate([np.asarray(vector, dtype=np.float32),
                               np.asarray(rule_hits(text, risk_categories, path), dtype=np.float32)])
    return models.probabilities(features)
