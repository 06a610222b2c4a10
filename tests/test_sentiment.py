"""Sentiment of children's comments: slang, negation, intensifiers, contrast, emoji, mixed."""

import pytest

from analysis.sentiment import lexicon, score_sentiment
from tests.hostile_inputs import HOSTILE_TEXTS

CASES = [
    ("Hon lyssnade på mig och skrev ner det jag sa.", "sv", "positive"),
    ("jättebra", "sv", "positive"),
    ("Sjukt bra! 👍", "sv", "positive"),
    ("fett bra", "sv", "positive"),
    ("grymt", "sv", "positive"),
    ("najs", "sv", "positive"),
    ("schysst bemötande", "sv", "positive"),
    ("Det var inte så dumt ändå.", "sv", "positive"),
    ("kass", "sv", "negative"),
    ("skittråkigt", "sv", "negative"),
    ("jobbigt att byta hela tiden", "sv", "negative"),
    ("Det var inte så bra", "sv", "negative"),
    ("Hon lyssnar inte på mig", "sv", "negative"),
    ("Jag förstod inte brevet", "sv", "negative"),
    ("Ingen frågade mig något", "sv", "negative"),
    ("Jag får inte träffa min storasyster fast jag vill.", "sv", "negative"),
    ("Jag kan inte sova och gråter varje kväll.", "sv", "negative"),
    ("😡", "sv", "negative"),
    ("bra möten men alltid på skoltid", "sv", "mixed"),
    ("Bra att de frågade, dåligt att inget hände sen.", "sv", "mixed"),
    ("Jourhemmet var okej men jag ville hem.", "sv", "mixed"),
    ("Vet ej.", "sv", "neutral"),
    ("Helt okej antar jag.", "sv", "neutral"),
    ("Jag vill inte prata om det.", "sv", "neutral"),
    ("", "sv", "neutral"),
    ("They never call back.", "en", "negative"),
    ("It was not good at all", "en", "negative"),
    ("I got to decide who came to my meeting, that was good.", "en", "positive"),
    ("My foster mum is kind but I miss my friends.", "en", "mixed"),
]


@pytest.mark.parametrize("text, language, label", CASES)
def test_sentiment_label(text, language, label):
    assert score_sentiment(text, language).label == label


def test_score_is_between_minus_one_and_one():
    for text, language, _ in CASES:
        assert -1 <= score_sentiment(text, language).score <= 1


@pytest.mark.parametrize("word", ["grymt", "grym", "sur", "vänta", "fast", "kan", "gå", "typ"])
def test_known_errors_of_the_translated_lexicon_are_fixed(word):
    words, _ = lexicon("sv")
    expected_sign = {"grymt": 1, "grym": 1, "sur": -1, "vänta": -1}.get(word, 0)
    assert (words[word] > 0) - (words[word] < 0) == expected_sign


@pytest.mark.parametrize("text", [*HOSTILE_TEXTS, "🙂" * 5000, "bra " * 30000])
def test_hostile_input_does_not_break(text):
    assert score_sentiment(text, "sv").label in {"positive", "negative", "neutral", "mixed"}
