"""Safeguarding flags: every disclosure found (recall first), everyday words left alone."""

import pytest

from analysis.safeguarding import CATEGORIES, assess
from tests.hostile_inputs import HOSTILE_TEXTS

DISCLOSURES = [
    ("Mamma sparkade mig igår när jag kom hem sent.", "violence"),
    ("My stepdad hits my mum and I am scared.", "violence"),
    ("pappa slår mig när han är arg", "violence"),
    ("han slog mig med ett bälte", "violence"),
    ("jag får stryk hemma", "violence"),
    ("Styvpappa tar stryptag på mig", "violence"),
    ("de misshandlar min lillebror", "violence"),
    ("Jag har blåmärken på armen efter igår", "violence"),
    ("he kicked me and it hurts", "violence"),
    ("Min kusin tar på mig där nere", "sexual_abuse"),
    ("han rörde vid mig när jag sov", "sexual_abuse"),
    ("det hände ett övergrepp på hemmet", "sexual_abuse"),
    ("someone touched me and I didn't want it", "sexual_abuse"),
    ("Jag skär mig när det blir för jobbigt", "self_harm"),
    ("jag har skurit mig igen", "self_harm"),
    ("ibland skadar jag mig själv", "self_harm"),
    ("i cut myself sometimes", "self_harm"),
    ("Jag har tänkt att det vore bättre om jag inte fanns.", "suicidal"),
    ("jag vill inte leva längre", "suicidal"),
    ("jag vill bara dö", "suicidal"),
    ("tänker på självmord ibland", "suicidal"),
    ("tänker på sjalvmord", "suicidal"),
    ("I want to kill myself", "suicidal"),
    ("I don't want to live anymore", "suicidal"),
    ("Det finns en kille som hotar mig", "threats"),
    ("han sa att han ska döda mig", "threats"),
    ("they said they would hurt me, a threat", "threats"),
    ("Någon vuxen på nätet vill att jag skickar bilder på mig.", "grooming"),
    ("en äldre kille på snap vill träffa mig i hemlighet", "grooming"),
    ("han ger mig pengar om jag skickar nakenbilder", "grooming"),
    ("a man online wants me to send pics, he says it's our secret", "grooming"),
    ("Jag tänker rymma hemifrån", "running_away"),
    ("jag har sovit ute två nätter", "running_away"),
    ("I ran away from the foster home", "running_away"),
    ("pappa dricker varje kväll", "substance_use"),
    ("jag röker på med kompisar", "substance_use"),
    ("mamma var full igen", "substance_use"),
    ("my mum does drugs", "substance_use"),
    ("Jag blir mobbad på vägen hem och vågar inte gå ut.", "bullying"),
    ("de kränker mig i skolan", "bullying"),
    ("Ibland blir jag rädd hemma", "unsafe"),
    ("jag känner mig inte trygg hos pappa", "unsafe"),
    ("jag är rädd för styvpappa", "unsafe"),
    ("I don't feel safe at home", "unsafe"),
    ("De säger att jag ska giftas bort med en kusin", "honour"),
    ("äldre killar tvingar mig att gömma paket", "exploitation"),
    ("Det finns ingen mat hemma och mamma sover hela dagarna", "neglect"),
    ("jag har slutat äta för jag vill inte bli tjock", "eating_disorder"),
    # children's spelling: no diacritics, stretched letters
    ("jag vill do", "suicidal"),
    ("han slaaar mig", "violence"),
]

HARMLESS = [
    "Jag gillar att sticka och virka",
    "Det rörde mig djupt att hon brydde sig",
    "Jag vill berätta mer nästa gång",
    "Vi tog bilder på utflykten",
    "Hon lyssnade på mig och skrev ner det jag sa.",
    "Vi sparkade boll på rasten och det var kul",
    "Jag spelar fotboll och sparkar på bollen varje dag",
    "Vi drog till stan efter mötet",
    "Mamma hjälpte mig att fylla i blanketten",
    "Super bra socialsekreterare!",
    "superbra möte",
    "Det fanns inte tid att prata om allt",
    "Bussen var full så jag kom sent",
    "Hotellet vi bodde på var fint",
    "It was hot in the meeting room",
    "Jag var rädd innan mötet men det gick bra",
    "Jag vågar inte säga vad jag tycker på mötena",
    "I was afraid to say what I thought",
    "Vi pratade om vad som händer sen",
    "Kontaktpersonen hittar på roliga grejer med mig",
    "Jag saknar mormor",
    "Det var inte så dumt ändå.",
    "Sjukt bra! 👍",
    "kass",
    "Jag har haft fem olika socialsekreterare",
    "Jag tog på mig jackan och gick hem",
    "Hon rörde vid ett viktigt ämne",
    "Vi slog oss ner i soffan och pratade",
    "keep in touch with my social worker is hard",
    "Jag känner mig trygg där jag bor nu",
    "Jag mår bättre nu än innan",
    "Väntade jättelänge på BUP",
    "Hotet om att flytta är borta nu",
    "Vi fick tolk och det fungerade",
    "Bra att de frågade, dåligt att inget hände sen.",
    "They never call back.",
    "My foster mum is kind but I miss my friends.",
    "Fick flytta tre gånger på ett år",
    "Det var ett slag i ansiktet när beslutet kom, så kändes det",
]


@pytest.mark.parametrize("text, category", DISCLOSURES)
def test_disclosures_are_flagged_with_their_category(text, category):
    result = assess(text)
    assert result.risk
    assert category in result.categories


def test_harmless_comments_are_rarely_flagged():
    flagged = [text for text in HARMLESS if assess(text).risk]
    # At most 5 % of harmless comments may be flagged (issue target); these are the known trade-offs.
    assert len(flagged) <= len(HARMLESS) * 0.05, flagged


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_and_empty_input(text):
    result = assess(text)
    assert result.risk is False and result.categories == ()


def test_every_category_is_exercised():
    assert {category for _, category in DISCLOSURES} == set(CATEGORIES)
