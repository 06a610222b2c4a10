"""Staff log in; pages follow roles; children never see staff pages."""

import pytest
from streamlit.testing.v1 import AppTest

from barnrosten.access import accounts
from barnrosten.answering.survey_store import ensure_municipality
from tests.apptest_helpers import ROOT

PASSWORD = "en lång och bra lösenfras"


@pytest.fixture
def staff_db(config, db):
    ensure_municipality(db, "bjorkdala", "Björkdala kommun (demo)")
    accounts.create_user(db, "admin", PASSWORD, roles=[("admin", None)])
    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "bjorkdala")])
    return db


def app_at(page: str | None = None, token: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    if token:
        at.session_state["staff_token"] = token
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def titles(at):
    return " ".join(t.value for t in at.title)


def test_login_page_and_wrong_password(staff_db):
    at = app_at("pages/login.py")
    assert "Logga in" in titles(at)
    at.text_input(key="login_username").input("anna")
    at.text_input(key="login_password").input("fel lösenord här")
    at.button[0].click().run()
    assert "Fel användarnamn eller lösenord" in " ".join(e.value for e in at.error)
    assert "staff_token" not in at.session_state


def test_admin_logs_in_and_reaches_admin_pages(staff_db):
    at = app_at("pages/login.py")
    at.text_input(key="login_username").input("admin")
    at.text_input(key="login_password").input(PASSWORD)
    at.button[0].click().run()
    assert "staff_token" in at.session_state
    token = at.session_state["staff_token"]
    audit_page = app_at("pages/audit_log.py", token)
    assert "Granskningslogg" in titles(audit_page)
    actions = list(audit_page.dataframe[0].value["Händelse"])
    assert "Inloggning" in actions
    assert "Enkätfiler" in titles(app_at("pages/survey_files.py", token))


def test_analyst_does_not_reach_admin_pages(staff_db):
    token = accounts.start_session(staff_db, accounts.log_in(staff_db, "anna", PASSWORD))
    at = app_at(token=token)
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not in the analyst's navigation
        at.switch_page("pages/audit_log.py").run()
    assert "Granskningslogg" not in titles(at)


def test_a_made_up_token_in_session_state_reaches_nothing(staff_db):
    at = app_at(token="made-up")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/survey_files.py").run()
    assert "staff_token" not in at.session_state


def test_children_never_see_staff_pages(staff_db):
    at = app_at()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/audit_log.py").run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/survey_files.py").run()


def test_login_page_offers_single_sign_on_only_when_configured(staff_db):
    plain = app_at("pages/login.py")
    assert not [b for b in plain.button if b.key == "sso_login"]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                          "client_id": "barnrosten", "client_secret": "hemligt",
                          "server_metadata_url": "https://login.example/.well-known/openid-configuration"}
    at.run()
    at.switch_page("pages/login.py").run()
    assert not at.exception
    assert at.button(key="sso_login").label == "Logga in med kommunens konto"
    assert at.text_input(key="login_username")  # passwords still work beside it
