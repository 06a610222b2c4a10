"""Removing personal data from free text before any person reads it.

Replaces names, personnummer and samordningsnummer (every common form, valid
checksum or not), phone numbers, e-mail addresses and street addresses with
placeholders. Place names are kept.

    >>> redact("Anna ringde från 070-123 45 67, jag bor på Storgatan 5 i Lund").text
    '[NAMN] ringde från [TELEFON], jag bor på [ADRESS] i Lund'

Names are matched with care so that ordinary words survive: a listed first
name counts when capitalised (ordinary words that are also names only in the
middle of a sentence), or in lower case right after a cue such as "heter".
Surnames count after a first name or mid-sentence, but not after "i", "från"
and other place words, where they are usually places (Lund, Berg, Holm).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")

PLACEHOLDERS = {
    "NAME": "[NAMN]",
    "PERSONNUMMER": "[PERSONNUMMER]",
    "PHONE": "[TELEFON]",
    "EMAIL": "[E-POST]",
    "ADDRESS": "[ADRESS]",
}

_DAY = r"(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])"  # 61-91: samordningsnummer (day + 60)
_DATE = rf"(?:(?:19|20)\d{{2}}|\d{{2}})(?:0[1-9]|1[0-2]){_DAY}"
PERSONNUMMER_SEPARATED = re.compile(rf"(?<![\d\w]){_DATE}\s?[-+]\s?\d{{4}}(?!\d)")
PERSONNUMMER_SPACED = re.compile(rf"(?<![\d\w]){_DATE} \d{{4}}(?![\d])")
PERSONNUMMER_PLAIN = re.compile(rf"(?<![\d\w]){_DATE}\d{{4}}(?!\d)")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
# Swedish numbers: +46 / 0046 / 0 prefix, area code, 5-9 more digits in groups.
PHONE = re.compile(r"(?<![\d\w+])(?:(?:\+|00)46[\s-]?\(?0?\)?\s?|0)[1-9]\d{0,2}\)?(?:[\s-]?\d){5,9}(?!\d)")
_STREET_SUFFIX = r"(?:gatan|gata|vägen|väg|gränd|gränden|stigen|allén|allen|torget|torg|backen|leden|platsen|plan|stråket|kajen|esplanaden)"
STREET = re.compile(
    rf"(?<![\w])(?:(?:[A-ZÅÄÖ][a-zåäöé]+|Sankt|S:t|Norra|Södra|Östra|Västra|Stora|Lilla)\s)?"
    rf"[A-ZÅÄÖa-zåäöé][a-zåäöé]*{_STREET_SUFFIX}\s+\d{{1,4}}(?:\s?[A-Z]|[a-z])?\b(?:,?\s*(?:lgh|lägenhet)\s*\d{{3,4}})?"
    rf"(?:,?\s*\d{{3}}\s?\d{{2}}(?:\s+[A-ZÅÄÖ][a-zåäö]+)?)?"
)
STREET_NO_NUMBER = re.compile(rf"(?<=\bbor på )[A-ZÅÄÖa-zåäöé][a-zåäöé]*{_STREET_SUFFIX}\b", re.IGNORECASE)
POSTCODE_TOWN = re.compile(r"(?<!\d)\d{3}\s\d{2}\s+[A-ZÅÄÖ][a-zåäö]+")
ENGLISH_STREET = re.compile(r"\b\d{1,4}\s+[A-Z][a-z]+\s+(?:Street|St|Road|Rd|Avenue|Ave|Lane|Drive|Close|Way)\b")

# presidio-analyzer's recognizers run where a text has this many digits: they add
# Luhn-checked personnummer and, through Google's phonenumbers, foreign phone
# numbers (+252, +90, +964 ...) that the Swedish patterns above do not know.
# Its e-mail recognizer is not used: it fetches a suffix list from the internet.
PRESIDIO_MIN_DIGITS = 7
PRESIDIO_KINDS = {"SE_PERSONNUMMER": "PERSONNUMMER", "PHONE_NUMBER": "PHONE"}
PHONE_REGIONS = ("SE", "NO", "DK", "FI", "DE", "PL", "GB", "US", "TR", "SO", "ET", "ER", "IQ", "SY", "AF", "IR", "UA", "BA")
_DIGIT = re.compile(r"\d")

WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'-]*")
# Lower-case names count only right after these (children often write "min soc heter anna").
NAME_CUES = {"heter", "hette", "kallas", "named", "called", "soc", "socialsekreterare", "socialsekreteraren",
             "handläggare", "handläggaren", "kontaktperson", "kontaktpersonen", "till", "med", "och"}
PLACE_WORDS = {"i", "från", "till", "mot", "vid", "utanför", "genom", "in", "from", "to", "at", "near", "kommun", "åt"}
SENTENCE_END = re.compile(r"[.!?:\n]\s*$")


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


@lru_cache(maxsize=1)
def name_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(first names, surnames, name-like ordinary words), all lower case."""
    first = frozenset(n.lower() for n in _read_list("first_names.txt"))
    last = frozenset(n.lower() for n in _read_list("last_names.txt"))
    common = frozenset(_read_list("name_like_words.txt"))
    return first, last, common


def _pattern_entities(text: str, taken: list[bool]) -> list[Entity]:
    """Rule matches in priority order; a later rule never overlaps an earlier one. Marks `taken`."""
    found: list[Entity] = []
    for kind, pattern in (
        ("EMAIL", EMAIL),
        ("PERSONNUMMER", PERSONNUMMER_SEPARATED),
        ("ADDRESS", STREET),
        ("ADDRESS", ENGLISH_STREET),
        ("PHONE", PHONE),
        ("PERSONNUMMER", PERSONNUMMER_SPACED),
        ("PERSONNUMMER", PERSONNUMMER_PLAIN),
        ("ADDRESS", STREET_NO_NUMBER),
        ("ADDRESS", POSTCODE_TOWN),
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


def _name_entities(text: str, taken: list[bool]) -> list[Entity]:
    first, last, common = name_lists()
    words = [m for m in WORD.finditer(text) if not any(taken[m.start():m.end()])]
    found: list[Entity] = []
    previous_word = ""
    index = 0
    while index < len(words):
        match = words[index]
        word = match.group(0)
        lower = word.lower()
        capitalised = word[0].isupper() and not word.isupper() or (word.isupper() and len(word) > 1 and lower in first)
        sentence_start = index == 0 or bool(SENTENCE_END.search(text[: match.start()]))
        is_first = lower in first and (
            (capitalised and (lower not in common or not sentence_start))
            or (not capitalised and previous_word in NAME_CUES and lower not in common)
        )
        is_last = (
            lower in last and capitalised and not sentence_start and lower not in common
            and previous_word not in PLACE_WORDS
        )
        if is_first or is_last:
            end = match.end()
            # Swallow a following surname (or capitalised word) into the same placeholder.
            while index + 1 < len(words):
                following = words[index + 1]
                gap = text[end:following.start()]
                next_word = following.group(0)
                if gap.strip() or not next_word[0].isupper() or (next_word.lower() not in last and next_word.lower() not in first):
                    break
                end = following.end()
                index += 1
            found.append(Entity("NAME", match.start(), end, text[match.start():end]))
        previous_word = lower
        index += 1
    return found


def find_personal_data(text: str) -> list[Entity]:
    """Every piece of personal data in `text`, in order."""
    if not text:
        return []
    taken = [False] * len(text)
    entities = _pattern_entities(text, taken)
    for entity in _presidio_entities(text):  # ours win where both found something
        _claim(entities, taken, entity)
    entities += _name_entities(text, taken)
    return sorted(entities, key=lambda e: e.start)


def redact(text: str | None) -> Redaction:
    """`text` with personal data replaced by [NAMN], [PERSONNUMMER], [TELEFON], [E-POST], [ADRESS]."""
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
