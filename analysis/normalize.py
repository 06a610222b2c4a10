"""Text normalisation for matching: how children type, folded to one form.

    >>> fold("Jag SKÄR mig  ibland!!")
    'jag skar mig ibland!!'

Folding lowercases, strips diacritics (å/ä -> a, ö -> o, é -> e: many children
type without them on an English keyboard) and squeezes runs of three or more
equal letters ("jaaaag" -> "jag"). Matching patterns are written in folded form.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_REPEATS = re.compile(r"(\w)\1{2,}")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)  # safeguarding and themes fold the same comment; do it once
def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", _REPEATS.sub(r"\1", stripped)).strip()
