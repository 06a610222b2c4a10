"""Removing personal data from free text before any person reads it.

Replaces names, personnummer and samordningsnummer (every common form, valid
checksum or not), phone numbers, e-mail addresses, street addresses and
social-media or game user names with placeholders. Place names are kept.

    >>> redact("Anna ringde från 070-123 45 67, jag bor på Storgatan 5 i Lund").text
    '[NAMN] ringde från [TELEFON], jag bor på [ADRESS] i Lund'

Names are found by `analysis.names` (bearer counts and context, so that
ordinary words and places survive); user names by their shape ("@ahmed_2010")
or after a platform ("snap: lisa.k", "insta ahmed_2010").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.names import SENTENCE_START_MIN, find_names, name_data

PLACEHOLDERS = {
    "NAME": "[NAMN]",
    "PERSONNUMMER": "[PERSONNUMMER]",
    "PHONE": "[TELEFON]",
    "EMAIL": "[E-POST]",
    "ADDRESS": "[ADRESS]",
    "HANDLE": "[ANVÄNDARNAMN]",
}

_DAY = r"(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])"  # 61-91: samordningsnummer (day + 60)
_DATE = rf"(?:(?:19|20)\d{{2}}|\d{{2}})(?:0[1-9]|1[0-2]){_DAY}"
PERSONNUMMER_SEPARATED = re.compile(rf"(?<![\d\w]){_DATE}\s?[-+]\s?\d{{4}}(?!\d)")
PERSONNUMMER_SPACED = re.compile(rf"(?<![\d\w]){_DATE} \d{{4}}(?![\d])")
PERSONNUMMER_PLAIN = re.compile(rf"(?<![\d\w]){_DATE}\d{{4}}(?!\d)")
# The date typed in groups: "2010 05 05-1234", "10 05 05 1234".
PERSONNUMMER_GROUPED = re.compile(
    rf"(?<![\d\w])(?:(?:19|20)\d{{2}}|\d{{2}})[ .](?:0[1-9]|1[0-2])[ .]{_DAY}\s?[-+ ]?\s?\d{{4}}(?!\d)")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
# Spelled out to dodge filters: "sara dot k at gmail dot com", "lisa(at)live(punkt)se", "kalle snabel-a hotmail.com".
_AT = r"(?:\s*[\(\[]\s*at\s*[\)\]]\s*|\s+at\s+|\s*\(?snabel-?a\)?\s*|\s+@\s+)"
_DOT = r"(?:\s*[\(\[]\s*(?:dot|punkt)\s*[\)\]]\s*|\s+(?:dot|punkt)\s+|\.)"
EMAIL_SPELLED = re.compile(
    rf"(?i)(?<![\w.+-])[\w+-]+(?:{_DOT}[\w+-]+)*{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}"
    r"(?:com|se|nu|net|org|info|io|co|uk|de|fi|no|dk|eu|me)\b")
# Swedish numbers: +46 / 0046 / 0 prefix, area code, 5-9 more digits in groups.
PHONE = re.compile(r"(?<![\d\w+])(?:(?:\+|00)46[\s-]?\(?0?\)?\s?|0)[1-9]\d{0,2}\)?(?:[\s-]?\d){5,9}(?!\d)")
_STREET_SUFFIX = r"(?:gatan|gata|vägen|väg|gränd|gränden|stigen|allén|allen|torget|torg|backen|leden|platsen|plan|stråket|kajen|esplanaden)"
STREET = re.compile(
    rf"(?<![\w])(?:(?:[A-ZÅÄÖ][a-zåäöé]+|Sankt|S:t|Norra|Södra|Östra|Västra|Stora|Lilla)\s)?"
    rf"(?:[A-ZÅÄÖa-zåäöé][a-zåäöé]*{_STREET_SUFFIX}|Torget|Torg)\s+\d{{1,4}}(?:\s?[A-Z]|[a-z])?\b(?:,?\s*(?:lgh|lägenhet)\s*\d{{3,4}})?"
    rf"(?:,?\s*(?:\d{{1,2}}\s?(?:tr|trappor)\b|nb\b|ög\b))?"
    rf"(?:,?\s*\d{{3}}\s?\d{{2}}(?:\s+[A-ZÅÄÖ][a-zåäö]+)?)?"
)
STREET_NO_NUMBER = re.compile(rf"(?<=\bbor på )[A-ZÅÄÖa-zåäöé][a-zåäöé]*{_STREET_SUFFIX}\b", re.IGNORECASE)
POSTCODE_TOWN = re.compile(r"(?<!\d)\d{3}\s\d{2}\s+[A-ZÅÄÖ][a-zåäö]+")
PO_BOX = re.compile(r"\b(?:Box|Postbox|Pl)\s+\d{1,6}\b")
ENGLISH_STREET = re.compile(r"\b\d{1,4}\s+[A-Z][a-z]+\s+(?:Street|St|Road|Rd|Avenue|Ave|Lane|Drive|Close|Way)\b")

# presidio-analyzer's recognizers run where a text has this many digits: they add
# Luhn-checked personnummer and, through Google's phonenumbers, foreign phone
# numbers (+252, +90, +964 ...) that the Swedish patterns above do not know.
# Its e-mail recognizer is not used: it fetches a suffix list from the internet.
PRESIDIO_MIN_DIGITS = 7
PRESIDIO_KINDS = {"SE_PERSONNUMMER": "PERSONNUMMER", "PHONE_NUMBER": "PHONE"}
PHONE_REGIONS = ("SE", "NO", "DK", "FI", "DE", "PL", "GB", "US", "TR", "SO", "ET", "ER", "IQ", "SY", "AF", "IR", "UA", "BA")
_DIGIT = re.compile(r"\d")

# Social-media and game user names. "@ahmed_2010" anywhere; after a platform ("insta", "snap:",
# "discord") a word that looks like a user name (digits, "_", ".", "@"), or any word after a colon.
_PLATFORMS = (r"insta(?:gram)?|ig|snap(?:chat)?|sc|tiktok|tik tok|tt|discord|kik|telegram|twitter|facebook|fb|"
              r"youtube|yt|twitch|steam|xbox|psn|playstation|roblox|fortnite|minecraft|whatsapp|threads|reddit|"
              r"anv[äa]ndarnamn(?:et)?|username|user name|gamertag|nick(?:name)?")
HANDLE_AT = re.compile(r"(?<![\w@.])@[\w](?:[\w.]*[\w])?")
HANDLE_AFTER_PLATFORM = re.compile(
    rf"(?i)(?<![\w])(?:{_PLATFORMS})\s*(?::|=|-)?\s*(?:(?:är|e|heter|is|it's|typ)\s+)?"
    r"(?P<handle>@?[\w][\w.\-]*\w(?:#\d{4})?)"
)
HANDLE_AFTER_COLON = re.compile(rf"(?i)(?<![\w])(?:{_PLATFORMS})\s*[:=]\s*(?P<handle>@?\w[\w.\-]*(?:#\d{{4}})?)")
_HANDLE_LIKE = re.compile(r"^@|[_.\d#]")
# A platform named anywhere: a user-name-shaped word (".", "_", "#", or digits among letters) within
# the next few words is a handle ("hitta mig på insta som noor.sweden", "mitt snapchat namn är sara.lee").
PLATFORM_WORD = re.compile(rf"(?i)(?<![\w])(?:{_PLATFORMS})(?![\w])")
NEAR_PLATFORM_WORDS = 5
_NEAR_WORD = re.compile(r"@?[\w][\w.#-]*[\w]|@?\w")
_HANDLE_TOKEN = re.compile(r"^@?(?=.*[^\W\d_])(?:[\w]+(?:[._#-][\w]+)+|(?=.*\d)\w+)$")
# Times ("18.30") and abbreviations ("t.ex", "bl.a", "fr.o.m") are not user names.
_NOT_A_HANDLE = re.compile(r"\d{1,2}[.:]\d{2}|(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}", re.IGNORECASE)
# A given name with a dot and more: "ahmed.k", "lisa.karlsson" (not "t.ex", "bl.a").
DOTTED_NAME = re.compile(r"(?<![\w@.])(?P<stem>[^\W\d_]{2,})\.[\w]{1,20}(?![\w@]|\.\w)")
# A lone word with digits or "_" that starts like a name: "ahmed_2010", "lisa123".
HANDLE_SHAPE = re.compile(r"(?<![\w@.])[^\W\d_]{3,}(?:_[\w]+|\d{2,4})(?![\w@])")

@dataclass(frozen=True)
class Entity:
    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Redaction:
    text: str
    entities: tuple[Entity, ...]


def _read_list(name: str) -> frozenset[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _pattern_entities(text: str, taken: list[bool]) -> list[Entity]:
    """Rule matches in priority order; a later rule never overlaps an earlier one. Marks `taken`."""
    found: list[Entity] = []
    for kind, pattern in (
        ("EMAIL", EMAIL),
        ("EMAIL", EMAIL_SPELLED),
        ("PERSONNUMMER", PERSONNUMMER_SEPARATED),
        ("PERSONNUMMER", PERSONNUMMER_GROUPED),
        ("ADDRESS", STREET),
        ("ADDRESS", ENGLISH_STREET),
        ("PHONE", PHONE),
        ("PERSONNUMMER", PERSONNUMMER_SPACED),
        ("PERSONNUMMER", PERSONNUMMER_PLAIN),
        ("ADDRESS", STREET_NO_NUMBER),
        ("ADDRESS", POSTCODE_TOWN),
        ("ADDRESS", PO_BOX),
    ):
        for match in pattern.finditer(text):
            _claim(found, taken, Entity(kind, match.start(), match.end(), match.group(0)))
    return found


def _claim(found: list[Entity], taken: list[bool], entity: Entity) -> None:
    """Keep `entity` unless an earlier find overlaps it, and mark its characters as taken."""
    if any(taken[entity.start:entity.end]):
        return
    found.append(entity)
    for i in range(entity.start, entity.end):
        taken[i] = True


@lru_cache(maxsize=1)
def _presidio_recognizers():
    from presidio_analyzer.predefined_recognizers import PhoneRecognizer, SePersonnummerRecognizer

    return (
        SePersonnummerRecognizer(),
        PhoneRecognizer(supported_language="sv", supported_regions=PHONE_REGIONS, context=[]),
    )


def _presidio_entities(text: str) -> list[Entity]:
    if len(_DIGIT.findall(text)) < PRESIDIO_MIN_DIGITS:
        return []
    found = []
    for recognizer in _presidio_recognizers():
        for result in recognizer.analyze(text, entities=recognizer.supported_entities, nlp_artifacts=None):
            kind = PRESIDIO_KINDS.get(result.entity_type)
            if kind:
                found.append(Entity(kind, result.start, result.end, text[result.start:result.end]))
    return found


def _handle_entities(text: str, taken: list[bool]) -> list[Entity]:
    found: list[Entity] = []
    for match in HANDLE_AT.finditer(text):
        _claim(found, taken, Entity("HANDLE", match.start(), match.end(), match.group(0)))
    for pattern in (HANDLE_AFTER_COLON, HANDLE_AFTER_PLATFORM):
        for match in pattern.finditer(text):
            handle = match.group("handle")
            if pattern is HANDLE_AFTER_PLATFORM and not _HANDLE_LIKE.search(handle):
                continue
            _claim(found, taken, Entity("HANDLE", match.start("handle"), match.end("handle"), handle))
    for platform in PLATFORM_WORD.finditer(text):
        for number, word in enumerate(_NEAR_WORD.finditer(text, platform.end())):
            if number >= NEAR_PLATFORM_WORDS:
                break
            token = word.group(0)
            if _HANDLE_TOKEN.match(token) and not _NOT_A_HANDLE.fullmatch(token):
                _claim(found, taken, Entity("HANDLE", word.start(), word.end(), word.group(0)))
    first_names = name_data().bearers
    for match in DOTTED_NAME.finditer(text):
        if first_names.get(match.group("stem").lower(), 0) >= SENTENCE_START_MIN:
            _claim(found, taken, Entity("HANDLE", match.start(), match.end(), match.group(0)))
    for match in HANDLE_SHAPE.finditer(text):
        stem = re.match(r"[^\W\d_]+", match.group(0)).group(0).lower()
        if "_" in match.group(0) or first_names.get(stem, 0) >= SENTENCE_START_MIN:
            _claim(found, taken, Entity("HANDLE", match.start(), match.end(), match.group(0)))
    return found


def _name_entities(text: str, taken: list[bool]) -> list[Entity]:
    found: list[Entity] = []
    for start, end, name in find_names(text, taken):
        _claim(found, taken, Entity("NAME", start, end, name))
    return found


def find_personal_data(text: str) -> list[Entity]:
    """Every piece of personal data in `text`, in order."""
    if not text:
        return []
    taken = [False] * len(text)
    entities = _pattern_entities(text, taken)
    for entity in _presidio_entities(text):  # ours win where both found something
        _claim(entities, taken, entity)
    entities += _handle_entities(text, taken)
    entities += _name_entities(text, taken)
    return sorted(entities, key=lambda e: e.start)


def redact(text: str | None) -> Redaction:
    """`text` with personal data replaced by [NAMN], [PERSONNUMMER], [TELEFON], [E-POST], [ADRESS], [ANVÄNDARNAMN]."""
    if not text:
        return Redaction(text or "", ())
    entities = find_personal_data(text)
    parts, cursor = [], 0
    for entity in entities:
        parts.append(text[cursor:entity.start])
        parts.append(PLACEHOLDERS[entity.kind])
        cursor = entity.end
    parts.append(text[cursor:])
    return Redaction("".join(parts), tuple(entities))
