"""A language is offered to participants exactly when its participant strings are complete.

Real locale files in a temporary folder: Swedish as the source, and a copy
translated into 'ar' that we then break in each way a translator might.
"""

import shutil

import pytest
import yaml

from barnrosten.i18n import LOCALES_DIR, complete_languages, load_audience, translation_problems


@pytest.fixture
def locales(tmp_path):
    for audience in ("participant", "staff"):
        (tmp_path / audience).mkdir()
        shutil.copy(LOCALES_DIR / audience / "sv.yaml", tmp_path / audience / "sv.yaml")
    return tmp_path


def write_arabic(locales, strings: dict) -> None:
    (locales / "participant" / "ar.yaml").write_text(
        yaml.safe_dump({"_review": "draft", **strings}, allow_unicode=True), encoding="utf-8")


def swedish(locales) -> dict:
    return dict(load_audience("sv", "participant", locales))


def test_complete_participant_strings_are_offered_without_any_staff_strings(locales):
    write_arabic(locales, swedish(locales))  # every participant key; no staff file at all
    assert not (locales / "staff" / "ar.yaml").exists()
    assert "ar" in complete_languages(directory=locales)
    assert translation_problems("ar", "staff", locales)  # staff strings are missing, and that is fine


def test_a_missing_key_holds_the_language_back(locales):
    strings = swedish(locales)
    del strings["help.body"]
    write_arabic(locales, strings)
    assert "ar" not in complete_languages(directory=locales)
    assert translation_problems("ar", directory=locales) == {"help.body": "missing"}


@pytest.mark.parametrize("value", ["", "   ", None])
def test_an_empty_string_holds_the_language_back(locales, value):
    write_arabic(locales, {**swedish(locales), "safety.body": value})
    assert "ar" not in complete_languages(directory=locales)
    assert translation_problems("ar", directory=locales) == {"safety.body": "empty"}


@pytest.mark.parametrize("text", ["سؤال {position} من {all}", "سؤال {position}", "سؤال {position} من {total} {total", "سؤال"])
def test_a_lost_or_renamed_placeholder_holds_the_language_back(locales, text):
    write_arabic(locales, {**swedish(locales), "question.progress": text})
    assert "ar" not in complete_languages(directory=locales)
    assert set(translation_problems("ar", directory=locales)) == {"question.progress"}


def test_placeholders_may_move_within_the_sentence(locales):
    write_arabic(locales, {**swedish(locales), "question.progress": "{total} / {position} سؤال"})
    assert "ar" in complete_languages(directory=locales)


def test_the_review_marker_is_not_a_string(locales):
    write_arabic(locales, swedish(locales))
    assert "_review" not in load_audience("ar", "participant", locales)
