"""Sentimentlex in the Swedish lexicon, and the learned signal over embeddings (neutral versus polar).

The case tables are sentences written for these tests, not taken from any evaluation or training set.
"""

import json

import numpy as np
import pytest

from analysis.annotate import annotate_text
from analysis.learned import MODELS, LogisticModel, train_logistic
from analysis.sentiment import lexicon, score_sentiment

# Words only Sentimentlex knows (asent's translated list and our own lists lack them).
SENTIMENTLEX_CASES = [
    ("Jag är supernöjd med mötet", "positive"),
    ("Hon var hjärtlig mot oss", "positive"),
    ("Vi är så tacksamma för hjälpen", "positive"),
    ("Det var en sorglig dag", "negative"),
    ("Svaret var genomuselt", "negative"),
]


@pytest.mark.parametrize("text,label", SENTIMENTLEX_CASES)
def test_sentimentlex_words_count_in_swedish(text, label):
    assert score_sentiment(text, "sv").label == label


def test_sentimentlex_is_credited_beside_the_file():
    from analysis.sentiment import LEXICONS

    header = (LEXICONS / "sv_sentimentlex.tsv").read_text(encoding="utf-8").splitlines()[:3]
    assert any("Språkbanken" in line and "CC BY 4.0" in line for line in header)
    note = (LEXICONS / "SENTIMENTLEX.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in note and "Nusko" in note


def test_our_own_lexicons_win_over_sentimentlex():
    words, _ = lexicon("sv")
    # Sentimentlex has "sjuk" negative; children's "sjukt bra" is praise, and "grymt" is praise too.
    assert words["grymt"] > 0
    assert score_sentiment("sjukt bra", "sv").label == "positive"
    # Everyday words with another main sense are left out of the copy ("hela" whole / heal, "två" two / wash).
    assert "hela" not in words and "två" not in words


# Statements with no mood word are neutral; polar ones without lexicon words are still polar.
LEARNED_CASES = [
    ("Nästa träff är på onsdag efter lunch", "neutral"),
    ("Jag bor hos min moster sedan i våras", "neutral"),
    ("Vilken tid öppnar kontoret på måndagar?", "neutral"),
    ("We have art class on Wednesdays", "neutral"),
    ("Min kontaktperson tog med mig och klättrade, jag vill dit igen!", "positive"),
    ("Vi vann cupen i helgen 🏆", "positive"),
    ("Ingen har hört av sig sedan mötet i augusti", "negative"),
    ("Fick flytta mitt i natten och fick inte säga hejdå till någon", "negative"),
    ("Nobody told me why I had to move", "negative"),
]


@pytest.mark.parametrize("text,label", LEARNED_CASES)
def test_the_learned_signal_tells_neutral_from_polar(text, label):
    assert annotate_text("t", text, embeddings=True)["sentiment"] == label


def test_a_disclosure_is_never_positive_or_neutral_with_the_learned_signal():
    result = annotate_text("t", "Pappa slår mig när han druckit", embeddings=True)
    assert result["risk"] and result["sentiment"] == "negative"


def test_the_committed_model_loads_offline_and_matches_its_features():
    data = json.loads((MODELS / "sentiment.json").read_text(encoding="utf-8"))
    model = LogisticModel.load("sentiment")
    assert model.classes == ["positive", "negative", "neutral", "mixed"]
    assert model.weights.shape == (384 + 10, 4) == (len(data["weights"]), len(data["weights"][0]))
    assert data["meta"]["trained_on"] >= 800
    probabilities = model.probabilities(np.zeros(394, dtype=np.float32))
    assert probabilities.shape == (1, 4) and abs(float(probabilities.sum()) - 1) < 1e-5
    neighbours = np.load(MODELS / "sentiment_neighbours.npz")
    assert neighbours["vectors"].shape == (data["meta"]["trained_on"], 384)
    assert set(neighbours["labels"].tolist()) == {0, 1, 2, 3}
    assert 0 < data["meta"]["neighbours"]["weight"] < 1


def test_logistic_regression_learns_a_separable_problem_and_fails_on_noise():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 5))
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(int)
    model = train_logistic(x, y, ["a", "b"], l2=0.1)
    assert (model.probabilities(x).argmax(axis=1) == y).mean() > 0.95
    noise = rng.integers(0, 2, size=300)
    fitted = train_logistic(rng.normal(size=(300, 5)), noise, ["a", "b"], l2=100.0)
    held_out = rng.normal(size=(300, 5))
    assert (fitted.probabilities(held_out).argmax(axis=1) == rng.integers(0, 2, size=300)).mean() < 0.65
