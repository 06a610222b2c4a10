"""Towns and municipalities (also those that are names or surnames) are never redacted."""

import pytest

from analysis.names import name_data
from analysis.personal_data import redact

KEPT = [
    "Vi flyttade till Mora förra året",
    "Jag bor i Upplands Väsby med pappa",
    "Familjehemmet ligger utanför Sala",
    "Min mormor bor i Lund",
    "Jag kommer från Vara",
    "Skolan i Alingsås är bra",
    "Malmö är bättre än Göteborg",
    "Jag har bott i Kiruna och Haparanda",
    "Borlänge kommun ringde aldrig",
    "Min moster bor kvar i Syrien",
    "Vi kom hit från Eritrea för tre år sen",
    "De ville skicka henne till Somalia",
]


@pytest.mark.parametrize("text", KEPT)
def test_places_are_kept(text):
    assert redact(text).text == text


def test_a_person_with_a_place_as_surname_is_still_redacted():
    assert redact("Jag pratade med Emma Lund igår").text == "Jag pratade med [NAMN] igår"


@pytest.mark.parametrize("place", ["mora", "lund", "upplands väsby", "borlänge"])
def test_places_come_from_the_shipped_lists(place):
    assert place in name_data().places
