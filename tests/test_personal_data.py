"""Personal data is replaced by placeholders; ordinary words and place names survive."""

import pytest

from analysis.personal_data import redact
from tests.hostile_inputs import HOSTILE_TEXTS

CASES = [
    # personnummer and samordningsnummer, every common form, valid checksum or not
    ("Mitt personnummer är 20120312-1234", "Mitt personnummer är [PERSONNUMMER]"),
    ("pnr 120312-1234", "pnr [PERSONNUMMER]"),
    ("pnr 120312+1234", "pnr [PERSONNUMMER]"),
    ("pnr 1203121234", "pnr [PERSONNUMMER]"),
    ("pnr 201203121234", "pnr [PERSONNUMMER]"),
    ("pnr 120312 1234", "pnr [PERSONNUMMER]"),
    ("samordningsnummer 850372-1237", "samordningsnummer [PERSONNUMMER]"),
    ("mitt personnummer: 2011 04 23-5512", "mitt personnummer: [PERSONNUMMER]"),  # the date in groups
    ("pnr 11.04.23-5512", "pnr [PERSONNUMMER]"),
    # phone numbers
    ("ring 070-123 45 67", "ring [TELEFON]"),
    ("ring 0701234567", "ring [TELEFON]"),
    ("ring +46 70 123 45 67", "ring [TELEFON]"),
    ("ring +46701234567", "ring [TELEFON]"),
    ("ring 08-123 456 78", "ring [TELEFON]"),
    ("ring 031-12 34 56", "ring [TELEFON]"),
    ("ring 0046 70 123 4567", "ring [TELEFON]"),
    ("ring +90 532 123 45 67", "ring [TELEFON]"),  # foreign numbers, through presidio's phonenumbers
    ("min farbror: +252 61 5123456", "min farbror: [TELEFON]"),
    # e-mail
    ("Skriv till demo.barn@example.com!", "Skriv till [E-POST]!"),
    ("mail: a_b+c@skola.kommun.se", "mail: [E-POST]"),
    # spelled out to get past filters
    ("maila mig på nora dot b at outlook dot com", "maila mig på [E-POST]"),
    ("skriv till lisa(at)live(punkt)se", "skriv till [E-POST]"),
    ("kalle.j [at] hotmail.se funkar", "[E-POST] funkar"),
    # street addresses
    ("jag bor på Storgatan 5 i Lund", "jag bor på [ADRESS] i Lund"),
    ("Hon bor på Västra Hamngatan 12B, 411 17 Göteborg", "Hon bor på [ADRESS]"),
    ("adress: Kungsvägen 3 lgh 1102", "adress: [ADRESS]"),
    ("jag bor på storgatan", "jag bor på [ADRESS]"),
    ("I live at 12 Baker Street", "I live at [ADRESS]"),
    ("bor på Sankt Göransgatan 14B, 2 tr", "bor på [ADRESS]"),
    ("adressen är Torget 3 i Mora", "adressen är [ADRESS] i Mora"),
    ("skicka till Box 4411", "skicka till [ADRESS]"),
    # names
    ("Anna lyssnade på mig", "[NAMN] lyssnade på mig"),
    ("Min soc heter erik och han är bra", "Min soc heter [NAMN] och han är bra"),
    ("Vi var hos Eva Svensson", "Vi var hos [NAMN]"),
    ("Mohammed och Fatima Hassan kom", "[NAMN] och [NAMN] kom"),
    ("Jag saknar Hodan", "Jag saknar [NAMN]"),
    ("Oleksandr hjälpte mig", "[NAMN] hjälpte mig"),
    ("Det var en bra dag med Dag", "Det var en bra dag med [NAMN]"),
    ("handläggaren Lindqvist ringer aldrig", "handläggaren [NAMN] ringer aldrig"),
    ("My social worker Sarah is kind", "My social worker [NAMN] is kind"),
    # titles, lower-case names after a role, double given names
    ("Ms. Okafor explained the plan", "Ms. [NAMN] explained the plan"),
    ("Mr Whitfield never called back", "Mr [NAMN] never called back"),
    ("jag pratade med fru Bergkvist", "jag pratade med fru [NAMN]"),
    ("my caseworker james is never there", "my caseworker [NAMN] is never there"),
    ("tränaren johan skriker", "tränaren [NAMN] skriker"),
    ("Ulla-Maj på kontoret var snäll", "[NAMN] på kontoret var snäll"),
    ("min syster Ella-Rose fyller år", "min syster [NAMN] fyller år"),
    # a name no list knows, opening a sentence that says who the person is
    ("Tsehaye är min kontaktperson. Hon är bra", "[NAMN] är min kontaktperson. Hon är bra"),
    ("Chinedu is my caseworker", "[NAMN] is my caseworker"),
]

KEPT = [
    "Jag bor i Malmö och går i skolan",
    "Jag kan klara det själv",
    "Per dag får jag en timme",
    "Vi åkte till Berg i somras",
    "Alla var snälla",
    "Jag har haft samma soc i tre år",
    "Det tog 3 veckor och 2 dagar",
    "Jag fick 45 minuter, det var år 2024",
    "Mina kompisar och hans bror",
    "Sten och ros i trädgården",
    "Hon gav mig hopp",
    "Vi pratade om skolan i Lund",
    "i nya skolan kallar dom mig soc-ungen",
    "BUP-mottagningen ringde",
    "we met at the park after school",
    "jag är på plan 3 i huset",
    "my mum and dad are nice",
    "jag och mormor bakade",
    "Det är min mamma som bestämmer",
    "Ingen är min vän här",
    "Skolan är min värsta plats",
]


@pytest.mark.parametrize("text, expected", CASES)
def test_personal_data_is_replaced(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_words_and_places_are_kept(text):
    assert redact(text).text == text


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_and_empty_input(text):
    result = redact(text)
    assert result.text == (text or "")


def test_entities_name_what_was_found():
    result = redact("Anna: 070-123 45 67")
    assert [(e.kind, e.text) for e in result.entities] == [("NAME", "Anna"), ("PHONE", "070-123 45 67")]
