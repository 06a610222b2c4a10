"""Languages the answering screens know about.

Swedish and English are complete. The others are the languages most spoken in
the families the services meet; they are offered once their translation file
covers every key (see `barnrosten.i18n.complete_languages`).
"""

from __future__ import annotations

DEFAULT_LANGUAGE = "sv"

# code -> (name in that language, text direction)
LANGUAGES: dict[str, tuple[str, str]] = {
    "sv": ("Svenska", "ltr"),
    "en": ("English", "ltr"),
    "ar": ("العربية", "rtl"),
    "so": ("Soomaali", "ltr"),
    "fa": ("فارسی", "rtl"),
    "ti": ("ትግርኛ", "ltr"),
    "uk": ("Українська", "ltr"),
}

# BCP 47 tags for the browser's speech synthesis.
SPEECH_TAGS = {"sv": "sv-SE", "en": "en-GB", "ar": "ar", "so": "so", "fa": "fa-IR", "ti": "ti", "uk": "uk-UA"}


def direction(language: str) -> str:
    return LANGUAGES.get(language, ("", "ltr"))[1]


def native_name(language: str) -> str:
    return LANGUAGES.get(language, (language, "ltr"))[0]


def arrows(language: str) -> tuple[str, str]:
    """(back, forward) arrows: back points to where reading starts, so right in Arabic and Persian."""
    return ("→", "←") if direction(language) == "rtl" else ("←", "→")
