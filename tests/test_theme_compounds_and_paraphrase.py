"""Themes in Swedish compounds (rules) and in paraphrase (the learned signal over embeddings).

The sentences are written for these tests, not taken from any evaluation or training set.
"""

import pytest

from analysis.annotate import annotate_text
from analysis.learned import ThemeModels
from analysis.taxonomy import load_taxonomy
from analysis.themes import classify_themes

# A compound that ends in a word of the theme counts like the word alone.
COMPOUNDS = [
    ("Handläggarbytet i våras var rörigt", "continuity"),
    ("kontaktpersonsbytena har varit för många", "continuity"),
    ("Telefontiden passar inte mig", "access"),
    ("svarstiden på mejlen är lång", "access"),
    ("beslutsbrevet var obegripligt", "information"),
    ("vårdplanen har jag aldrig sett", "information"),
    ("stödboendet ligger nära centrum", "placement"),
    ("umgängesschemat ändras hela tiden", "family"),
    ("engelskaprovet gick sådär", "school"),
    ("skolsköterskan var snäll", "school"),
    ("handbollsträningen är på tisdagar", "leisure"),
    ("jag har magvärk nästan varje dag", "health"),
]


@pytest.mark.parametrize("text,theme", COMPOUNDS)
def test_a_compound_has_the_theme_of_its_last_word(text, theme):
    assert theme in classify_themes(text).themes


# Words that end like a theme word without being one keep no such theme.
NOT_COMPOUNDS = [
    ("Vi åkte till Stockholm i helgen", "family"),
    ("Hon hade en plan", "information"),
    ("Jag gillar tomater", "school"),
    ("vi hade det mysigt hemma", "placement"),
]


@pytest.mark.parametrize("text,theme", NOT_COMPOUNDS)
def test_a_word_that_only_ends_alike_is_no_compound(text, theme):
    assert theme not in classify_themes(text).themes


# Paraphrases with none of the theme's pattern words: the learned signal finds them.
PARAPHRASES = [
    ("Varje gång jag vant mig vid någon så kommer det en ny", "continuity"),
    ("Man kommer aldrig fram när man ringer dit", "access"),
    ("Jag hade ingen aning om vad som skulle hända efter mötet", "information"),
    ("Vi spelade basket i parken hela kvällen", "leisure"),
    ("Jag vill bo kvar hos familjen jag bor hos nu", "placement"),
]


@pytest.mark.parametrize("text,theme", PARAPHRASES)
def test_the_learned_signal_finds_paraphrased_themes(text, theme):
    assert theme in annotate_text("t", text, embeddings=True)["themes"]


@pytest.mark.parametrize("text", ["ok", "vet inte", "Grattis på födelsedagen!"])
def test_comments_about_nothing_get_no_theme(text):
    assert annotate_text("t", text, embeddings=True)["themes"] == []


def test_the_committed_theme_models_cover_the_taxonomy():
    models = ThemeModels.load()
    assert set(models.models) == {t["id"] for t in load_taxonomy()}
    assert 0.05 <= models.threshold <= 0.9
    assert models.meta["trained_on"] >= 600
