"""Which language a comment is in: ISO 639-1 code, offline (py3langid).

Very short texts ("ok", "kass", "Vet ej") say too little to tell; they default
to Swedish, the language most comments are in. Danish and Norwegian guesses
are nearly always Swedish typed without å/ä/ö, so they count as Swedish.

The script says more than the model where the model is weak. py3langid knows
no Tigrinya, so Ge'ez script is Tigrinya (the Ge'ez language families here
write). Arabic script with Persian letters (پ چ ژ گ ک ی) is Persian, with
Arabic-only letters (ك ي ة ى) Arabic; Cyrillic with і ї є ґ is Ukrainian. A
short text in Arabic script or Cyrillic ("شكرا", "Дякую") is Arabic or
Ukrainian, never the Swedish default.

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


_GEEZ = re.compile(r"[\u1200-\u139F\u2D80-\u2DDF\uAB00-\uAB2F]")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_PERSIAN_LETTERS = set("پچژگکی")
_ARABIC_ONLY_LETTERS = set("كيةى")
_UKRAINIAN_LETTERS = set("іїєґІЇЄҐ")
_RUSSIAN_LETTERS = set("ыэъёЫЭЪЁ")


def _by_script(letters: list[str], short: bool) -> str | None:
    """The language the letters' script and telling letters give, or None to ask the model."""
    half = len(letters) / 2
    if sum(bool(_GEEZ.match(ch)) for ch in letters) > half:
        return "ti"
    if sum(bool(_ARABIC_SCRIPT.match(ch)) for ch in letters) > half:
        if _PERSIAN_LETTERS.intersection(letters):
            return "fa"
        if _ARABIC_ONLY_LETTERS.intersection(letters) or short:
            return "ar"
        return None
    if sum(bool(_CYRILLIC.match(ch)) for ch in letters) > half:
        if _UKRAINIAN_LETTERS.intersection(letters) or short:
            return "uk"
        if _RUSSIAN_LETTERS.intersection(letters):
            return "ru"
    return None


def detect_language(text: str | None) -> str:
    letters = _LETTERS.findall(text or "")
    if not letters:
        return DEFAULT
    short = len(letters) < MIN_LETTERS
    by_script = _by_script(letters, short)
    if by_script or short:
        return by_script or DEFAULT
    code, _ = _identifier().classify(text[:2000])
    return DEFAULT if code in SWEDISH_LOOKALIKES else code
