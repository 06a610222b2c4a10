"""Each language file says whether a native speaker has reviewed it; staff see it, and a draft needs a warning.

Real locale files (and copies in a temporary folder for a reviewed one), real SQLite files, the real pages.
"""

from __future__ import annotations

import shutil

import pytest
import yaml
from streamlit.testing.v1 import AppTest

import manage
from barnrosten.access import accounts
from barnrosten.answering.sessions import DraftLanguage, create_session
from barnrosten.i18n import LOCALES_DIR, ReviewState, draft_warning, review_state
from tests.apptest_helpers import ROOT, heading, open_app, page_text

PASSWORD = "en lång och bra lösenfras"
FAMILY_LANGUAGES = ["ar", "fa", "so", "ti", "uk"]


@pytest.fixture
def locales(tmp_path):
    for audience in ("participant", "staff"):
        shutil.copytree(LOCALES_DIR / audience, tmp_path / audience)
    return tmp_path


def mark(locales, language: str, marker) -> None:
    path = locales / "participant" / f"{language}.yaml"
    strings = yaml.safe_load(path.read_text(encoding="utf-8"))
    strings["_review"] = marker
    path.write_text(yaml.safe_dump(strings, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize("language", [*FAMILY_LANGUAGES, "en"])
def test_every_translation_is_marked_and_none_is_reviewed_yet(language):
    assert review_state(language) == ReviewState("draft")
    assert "_review" in yaml.safe_load((LOCALES_DIR / "participant" / f"{language}.yaml").read_text(encoding="utf-8"))


def test_swedish_is_the_source():
    assert review_state("sv").status == "source"
    assert draft_warning("sv", "sv") is None


def test_a_reviewed_file_names_who_and_when(locales):
    mark(locales, "so", {"reviewer": "Hodan Warsame", "date": "2026-12-01"})
    assert review_state("so", locales) == ReviewState("reviewed", "Hodan Warsame", "2026-12-01")


@pytest.mark.parametrize("marker", ["reviewed", {"reviewer": "Hodan Warsame"}, {"date": "2026-12-01"},
                                    {"reviewer": " ", "date": "2026-12-01"}, None])
def test_a_marker_without_reviewer_and_date_is_a_draft(locales, marker):
    mark(locales, "so", marker)
    assert review_state("so", locales).is_draft


def test_a_session_in_a_draft_language_needs_the_warning_first(db, version_ids):
    with pytest.raises(DraftLanguage):
        create_session(db, "bjorkdala", version_ids["barn-7-12"], language="ar")
    assert db["sessions"].count == 0
    made = create_session(db, "bjorkdala", version_ids["barn-7-12"], language="ar", allow_draft=True)
    assert made["language"] == "ar"
    assert create_session(db, "bjorkdala", version_ids["barn-7-12"], language="sv")["language"] is None
    with pytest.raises(ValueError):
        create_session(db, "bjorkdala", version_ids["barn-7-12"], language="de", allow_draft=True)


def test_create_session_on_the_command_line_warns_and_stops_without_accept_draft(tmp_path, capsys):
    db_file = tmp_path / "cli.db"
    base = ["--db", str(db_file), "create-session", "--municipality", "bjorkdala", "--survey", "barn-7-12"]
    assert manage.main([*base, "--language", "ti"]) == 3
    err = capsys.readouterr().err
    assert "Tigrinya translation is a draft" in err and "--accept-draft" in err
    assert manage.main([*base, "--language", "ti", "--accept-draft"]) == 0
    captured = capsys.readouterr()
    assert "Tigrinya translation is a draft" in captured.err and "Join code:" in captured.out
    from barnrosten.storage.db import open_db

    assert [row["language"] for row in open_db(db_file).query("SELECT language FROM sessions")] == ["ti"]


def test_admins_see_each_languages_review_state_on_the_survey_files_page(config, db):
    accounts.create_user(db, "admin", PASSWORD, roles=[("admin", None)])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state["staff_token"] = accounts.start_session(db, accounts.log_in(db, "admin", PASSWORD))
    at.run()
    at.switch_page("pages/survey_files.py").run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if "Granskning" in d.value.columns)
    rows = {row["Kod"]: row for _, row in table.iterrows()}
    assert list(rows) == ["sv", "en", "ar", "so", "fa", "ti", "uk"]
    assert rows["sv"]["Granskning"] == "Källspråk"
    for code in FAMILY_LANGUAGES:
        assert rows[code]["Granskning"] == "Utkast, inte granskat"
        assert rows[code]["Erbjuds"] == "Ja" and rows[code]["Texter som saknas"] == 0
    assert rows["ar"]["Språk"] == "arabiska (العربية)"


def facilitator(db) -> AppTest:  # the `config` fixture points the app at `db`
    accounts.create_user(db, "fia", PASSWORD, roles=[("facilitator", "bjorkdala")])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["staff_token"] = accounts.start_session(db, accounts.log_in(db, "fia", PASSWORD))
    at.run()
    return at.switch_page("pages/workshops.py").run()


def fill_workshop_with_survey(at: AppTest, language: str) -> AppTest:
    at.text_input(key="wsf_title").input("Träff på arabiska")
    at.multiselect(key="wsf_kinds").set_value(["survey", "ideas"])
    at.selectbox(key="wsf_survey").set_value("barn-7-12")
    at.selectbox(key="wsf_survey_language").set_value(language)
    at.button[0].click()  # the form's submit button
    return at.run()


def test_a_workshop_survey_in_a_draft_language_is_created_only_after_the_warning(config, open_session, db):
    at = facilitator(db)
    assert "arabiska (العربية) – Utkast, inte granskat" in at.selectbox(key="wsf_survey_language").options
    at = fill_workshop_with_survey(at, "ar")
    assert not at.exception
    assert any("Översättningen till arabiska är ett utkast" in w.value for w in at.warning)
    assert db["workshops"].count == 0  # nothing yet: the warning comes first

    at.button(key="wsf_create_draft").click().run()
    assert not at.exception
    assert db["workshops"].count == 1
    languages = [row["language"] for row in db.query("SELECT language FROM sessions WHERE label = 'Workshop'")]
    assert languages == ["ar"]


def test_choosing_another_language_after_the_warning_creates_nothing(config, open_session, db):
    at = fill_workshop_with_survey(facilitator(db), "fa")
    at.button(key="wsf_cancel_draft").click().run()
    assert not at.exception and db["workshops"].count == 0
    assert not any("utkast" in w.value for w in at.warning)


def test_a_workshop_survey_in_swedish_needs_no_warning(config, open_session, db):
    at = fill_workshop_with_survey(facilitator(db), "sv")
    assert not at.exception and not at.warning
    assert db["workshops"].count == 1


def test_participants_start_in_the_sessions_language_and_may_switch(config, db, version_ids):
    create_session(db, "bjorkdala", version_ids["unga-13-20"], code="UNG469", language="uk", allow_draft=True)
    child = open_app(code="UNG469")
    assert not child.exception
    assert heading(child) == "Що ти думаєш про підтримку, яку отримуєш?"
    assert "116 111" in page_text(child)
    # A language in the link wins over the session's.
    assert heading(open_app(code="UNG469", lang="sv")) == "Vad tycker du om stödet du får?"
