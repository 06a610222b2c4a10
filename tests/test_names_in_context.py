"""Names are told from ordinary words by how many people bear them (SCB) and by context."""

import pytest

from analysis.names import SENTENCE_START_MIN, name_data
from analysis.personal_data import redact

REDACTED = [
    # capitalised mid-sentence: any listed name
    ("Igår pratade jag med Vendela om allt", "Igår pratade jag med [NAMN] om allt"),
    ("Min kontaktperson Ismail tar mig på fotboll", "Min kontaktperson [NAMN] tar mig på fotboll"),
    # names that are also words count mid-sentence when many bear them
    ("Det var Klara som ringde", "Det var [NAMN] som ringde"),
    ("Jag frågade Per om mötet", "Jag frågade [NAMN] om mötet"),
    ("Vi gick till Bo och åt", "Vi gick till [NAMN] och åt"),
    # at the start of a sentence: an established name, or a word followed by a surname
    ("Lisa ringde aldrig tillbaka.", "[NAMN] ringde aldrig tillbaka."),
    ("Hej. Noah är min bästa kompis", "Hej. [NAMN] är min bästa kompis"),
    ("Sten Johansson kom på besöket", "[NAMN] kom på besöket"),
    # lower case after a cue
    ("min soc heter typ malin", "min soc heter typ [NAMN]"),
    ("jag heter klara och går i fyran", "jag heter [NAMN] och går i fyran"),
    ("jag och yusuf spelar fifa", "jag och [NAMN] spelar fifa"),
    ("min kompis wilma flyttade", "min kompis [NAMN] flyttade"),
    # a writer who never capitalises, opening a sentence with a common name
    ("sofia är bäst på att lyssna", "[NAMN] är bäst på att lyssna"),
    ("bra möte. william förklarade allt", "bra möte. [NAMN] förklarade allt"),
    # genitive and capitals
    ("Idas pappa skjutsar mig", "[NAMN] pappa skjutsar mig"),
    ("HUGO ÄR SÄMST PÅ ATT LYSSNA", "[NAMN] ÄR SÄMST PÅ ATT LYSSNA"),
]

KEPT = [
    "Per vecka får jag två timmar",
    "Klara sig själv gör man inte alltid",
    "Dag för dag blir det bättre",
    "Sten, sax, påse spelade vi",
    "Bo i ett familjehem är okej",
    "My goal is to finish school",
    "Hugo-kläder hade jag inte",
    "Mina kompisar är bäst",
    "Man får inte säga något",
    "Hans bror bor i Umeå",
    "Vi pratade med soc och bup",
    "jag och mamma och pappa var där",
    "gick med kompisar och spelade",
    "JAG VILL BARA HEM NU",
    "Till slut fick jag svar",
    "I did my homework with maths tutor help",
    "vi såg en björn i skogen",
    "vi körde mario kart hela kvällen",
    "lillebror och jag bor i jourhemmet",
]


@pytest.mark.parametrize("text, expected", REDACTED)
def test_a_name_in_context_is_redacted(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", KEPT)
def test_words_that_are_also_names_are_kept(text):
    assert redact(text).text == text


@pytest.mark.parametrize("name, at_least", [("anna", 90_000), ("per", 50_000), ("hugo", 10_000), ("cabdi", 20)])
def test_bearer_counts_come_from_the_scb_list(name, at_least):
    assert name_data().bearers[name] >= at_least


def test_a_rare_name_does_not_count_at_the_start_of_a_sentence():
    rare = next(n for n, count in name_data().bearers.items()
                if count < SENTENCE_START_MIN and n.isalpha() and n not in name_data().words and len(n) > 4)
    sentence_start = rare.capitalize() + " är jobbigt"
    assert redact(sentence_start).text == sentence_start
    assert redact("Jag såg " + rare.capitalize()).text == "Jag såg [NAMN]"
