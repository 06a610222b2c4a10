"""Every UI string exists in Swedish and English, in the right audience file; languages are offered when complete."""

import re
from pathlib import Path

import pytest

from analysis.safeguarding import CATEGORIES
from barnrosten.answering.imports import PROFILE_FIELDS
from barnrosten.i18n import AUDIENCES, LOCALES_DIR, complete_languages, load_audience, load_locale, missing_keys, t
from barnrosten.languages import LANGUAGES, direction
from barnrosten.results.filters import GRANULARITIES, RESPONDENT_GROUPS, SERVICE_AREAS
from barnrosten.results.insights import SENTIMENTS
from barnrosten.results.you_said_we_did import AUDIENCES
from barnrosten.results.you_said_we_did import STATUSES as ACTION_STATUSES
from barnrosten.safeguarding.review_queue import STATUSES as QUEUE_STATUSES

ROOT = Path(__file__).resolve().parent.parent
# A whole key in quotes, not a prefix that code completes ('actions.status_' + status: see test_dynamic_keys_exist).
KEY_IN_CODE = re.compile(r"""\btr?\(\s*f?["']([a-z_]+\.[a-z_0-9.]*[a-z0-9])["']""")


def test_english_is_complete():
    assert missing_keys("en") == set()


def test_swedish_and_english_have_the_same_keys_in_each_audience():
    for audience in AUDIENCES:
        assert set(load_audience("sv", audience)) == set(load_audience("en", audience)), audience


def test_a_key_lives_in_one_audience_only():
    participant, staff = (set(load_audience("sv", audience)) for audience in ("participant", "staff"))
    assert participant and staff
    assert participant & staff == set()


def test_swedish_and_english_are_offered():
    assert complete_languages()[:2] == ["sv", "en"]


@pytest.mark.parametrize("language", ["ar", "so", "fa", "ti", "uk"])
def test_more_languages_have_a_participant_file(language):
    assert (LOCALES_DIR / "participant" / f"{language}.yaml").exists()
    assert language in LANGUAGES


def test_a_missing_key_falls_back_to_swedish():
    # staff screens are not translated into the families' languages: Swedish shows instead
    assert t("login.heading", "so") == t("login.heading", "sv")


@pytest.mark.parametrize("language, expected", [("ar", "rtl"), ("fa", "rtl"), ("sv", "ltr"), ("uk", "ltr"), ("so", "ltr")])
def test_text_direction(language, expected):
    assert direction(language) == expected


def test_every_key_used_in_code_exists_in_swedish_and_english():
    used = set()
    for path in [*ROOT.glob("*.py"), *ROOT.glob("pages/*.py"), *ROOT.glob("barnrosten/**/*.py")]:
        used |= set(KEY_IN_CODE.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 100, "the scan found hardly any keys"
    assert used - set(load_locale("sv")) == set()
    assert used - set(load_locale("en")) == set()


def test_dynamic_keys_exist():
    for prefix, values in {"face": range(1, 6), "yes_no": ("yes", "no", "dont_know"),
                           "gender": ("girl", "boy", "other", "prefer_not"),
                           "join": ("malformed", "unknown", "closed", "expired", "slow_down"),
                           "group": RESPONDENT_GROUPS, "area": SERVICE_AREAS, "sentiment": SENTIMENTS,
                           "risk": CATEGORIES, "dash.per": GRANULARITIES,
                           "actions.audience": AUDIENCES, "actions.status": ACTION_STATUSES,
                           "actions.error": ("said", "did", "theme", "audience", "status", "status_date", "municipality"),
                           "queue.state": QUEUE_STATUSES, "queue.status": ("seen", "acted_on"),
                           "import.problem": ("date", "age_band", "gender", "faces", "yes_no", "single", "multi", "text",
                                              "no_answers"),
                           "import.error": ("format", "unreadable", "empty", "too_many", "duplicate_columns", "no_date",
                                            "nothing_valid"),
                           "import.field": PROFILE_FIELDS}.items():
        for value in values:
            key = f"{prefix}_{value}" if prefix.count(".") else f"{prefix}.{value}"
            assert t(key, "sv") and key in load_locale("en")


def test_help_numbers_are_in_every_language():
    for language in ("sv", "en"):
        assert "116 111" in t("help.body", language) and "112" in t("help.body", language)


def test_placeholders_fill_in():
    assert t("question.progress", "sv", position=2, total=7) == "Fråga 2 av 7"
