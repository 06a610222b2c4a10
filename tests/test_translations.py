"""The five families' languages: every participant string and every survey text, in the right script, with the help lines.

Arabic, Persian, Somali, Tigrinya and Ukrainian are offered to participants only when complete
(test_languages_offered.py checks that rule on broken copies); here the real files are checked.
"""

import re
import unicodedata
from pathlib import Path

import pytest

from barnrosten.i18n import complete_languages, load_audience, t, translation_problems
from surveys.loader import load_surveys

FAMILY_LANGUAGES = ["ar", "fa", "so", "ti", "uk"]

# The letters each language is written in (Somali in Latin letters).
SCRIPTS = {
    "ar": re.compile(r"[\u0600-\u06FF]"),
    "fa": re.compile(r"[\u0600-\u06FF]"),
    "ti": re.compile(r"[\u1200-\u139F\u2D80-\u2DDF]"),
    "uk": re.compile(r"[\u0400-\u04FF]"),
    "so": re.compile(r"[A-Za-z]"),
}
# Strings that are the same in every language: the app's name.
SAME_EVERYWHERE = {"app.title"}


def plain(text: str) -> str:
    """Numbers compared with ordinary spaces, without the invisible marks that keep them whole in right to left."""
    return "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in text if unicodedata.category(ch) != "Cf")


def survey_catalog():
    return load_surveys(Path(__file__).resolve().parent.parent / "surveys" / "templates")


@pytest.mark.parametrize("language", FAMILY_LANGUAGES)
def test_participant_strings_are_complete_and_offered(language):
    assert translation_problems(language) == {}
    assert language in complete_languages()


@pytest.mark.parametrize("language", FAMILY_LANGUAGES)
def test_every_string_is_translated_not_copied(language):
    swedish, translated = load_audience("sv", "participant"), load_audience(language, "participant")
    for key, text in translated.items():
        if key in SAME_EVERYWHERE:
            continue
        assert text != swedish[key], key
        if language != "so":  # Somali shares the Latin alphabet with Swedish: "not a copy" is the check
            letters = [ch for ch in re.sub(r"\{\w+\}", "", text) if ch.isalpha()]
            own = sum(bool(SCRIPTS[language].match(ch)) for ch in letters)
            assert own >= 0.6 * len(letters), (key, text)


@pytest.mark.parametrize("language", FAMILY_LANGUAGES)
def test_every_survey_template_is_in_the_language(language):
    catalog = survey_catalog()
    assert catalog.problems == []
    assert {"barn-7-12", "unga-13-20", "vardnadshavare", "mitt-boende"} <= set(catalog.surveys)
    for survey in catalog.surveys.values():
        assert language in survey.languages(), survey.id
        for question in survey.questions:
            if question.hint:
                assert question.hint.get(language, "").strip(), (survey.id, question.id)
        if survey.intro:
            assert survey.intro.get(language, "").strip(), survey.id
        pairs = [(survey.title, "title")] + [(q.text, q.id) for q in survey.questions]
        pairs += [(o.text, o.id) for q in survey.questions for o in (q.options or [])]
        for texts, where in pairs:
            assert texts[language] != texts["sv"], (survey.id, where)


@pytest.mark.parametrize("language", FAMILY_LANGUAGES)
def test_children_are_told_about_bris_and_112(language):
    for key in ("help.body", "safety.body"):
        text = plain(t(key, language))
        assert "BRIS" in text and "116 111" in text and "112" in text, key


@pytest.mark.parametrize("language", FAMILY_LANGUAGES)
def test_guardians_get_their_own_support_lines(language):
    help_text = plain(t("adult.help.body", language, municipality="Björkdala"))
    for line in ("Björkdala", "Föräldralinjen", "020-85 20 00", "077-150 50 50", "1177", "112"):
        assert line in help_text, line
    assert "116 111" not in help_text  # BRIS's children's number is not the parents' line
    worry = plain(t("adult.safety.body", language))
    assert "112" in worry and "077-150 50 50" in worry


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_right_to_left_text_keeps_phone_numbers_and_names_whole(language):
    # The browser would draw "116 111" as "111 116" and split "Björkdala kommun" over two lines:
    # each number is a left-to-right isolate on one line, each filled-in name an isolate of its own.
    assert "\u2066116\u00a0111\u2069" in t("help.body", language)
    assert "\u2066077-\u2060150\u00a050\u00a050\u2069" in t("adult.safety.body", language)
    assert "\u2068Björkdala\u00a0kommun\u2069" in t("adult.help.body", language, municipality="Björkdala kommun")
    assert t("question.progress", language, position=2, total=8).count("\u2068") == 0  # numbers need no isolate


@pytest.mark.parametrize("language", ["sv", "en", "so", "ti", "uk"])
def test_left_to_right_text_is_left_as_written(language):
    assert "116 111" in t("help.body", language)
    assert "Björkdala kommun" in t("adult.help.body", language, municipality="Björkdala kommun")
