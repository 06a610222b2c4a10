"""Which language a comment is in: ISO 639-1 code, offline (py3langid).

Very short texts ("ok", "kass", "Vet ej") say too little to tell; they default
to Swedish, the language most comments are in. Danish and Norwegian guesses
are nearly always Swedish typed without å/ä/ö, so they count as Swedish.

    >>> detect_language("She listened to me and wrote it down")
    'en'
"""

from __future__ import annotations

import re
from functools import lru_cache

DEFAULT = "sv"
# Fewer letters than this is too little evidence for a guess.
MIN_LETTERS = 12
# The languages families in the participating municipalities write (domain.md) and a few neighbours.
CANDIDATES = ["sv", "en", "ar", "so", "fa", "ti", "uk", "ru", "da", "no", "nb", "fi", "de", "pl", "tr", "es", "fr", "bs", "hr", "sr", "ku"]
SWEDISH_LOOKALIKES = {"da", "no", "nb", "nn"}
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import _load_identifier

    identifier = _load_identifier(norm_probs=True)
    identifier.set_languages([code for code in CANDIDATES if code in identifier.labels])
    return identifier


def detect_language(text: str | None) -> str:
    if not text or len(_LETTERS.findall(text)) < MIN_LETTERS:
        return DEFAULT
    code, _ = _identifier().classify(text[:2000])
    return DEFAULT if code in SWEDISH_LOOKALIKES else code
