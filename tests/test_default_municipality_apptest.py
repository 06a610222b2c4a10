"""Staff work on one municipality at a time, and it is the same on every page (issue 12).

Before, an admin's dashboard opened on the last municipality by name while the import, "Ni sa –
vi gjorde" and workshop pages opened on the first. Now every page opens on the one last chosen
on any page, else the first by name; the dashboard's shared link still wins.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from barnrosten.access import accounts
from barnrosten.answering.survey_store import ensure_municipality
from tests.apptest_helpers import ROOT

PASSWORD = "en lång och bra lösenfras"
PAGES = {"pages/dashboard.py": "dash_municipality", "pages/import_data.py": "import_municipality",
         "pages/actions.py": "actions_municipality", "pages/workshops.py": "wsf_municipality"}


@pytest.fixture
def staff_db(config, db, version_ids):
    for mid, name in (("cedra", "Cedra kommun"), ("alby", "Alby kommun"), ("berga", "Berga kommun")):
        ensure_municipality(db, mid, name)
    accounts.create_user(db, "admin", PASSWORD, roles=[("admin", None)])
    accounts.create_user(db, "bo", PASSWORD, roles=[("analyst", "berga"), ("analyst", "cedra"),
                                                     ("facilitator", "berga"), ("facilitator", "cedra")])
    return db


def logged_in(db, username: str, **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["staff_token"] = accounts.start_session(db, accounts.log_in(db, username, PASSWORD))
    at.query_params.update(query)
    return at.run()


def opened_on(at: AppTest, page: str) -> str:
    at.switch_page(page).run()
    assert not at.exception, page
    return at.selectbox(key=PAGES[page]).value


@pytest.mark.parametrize("username, first", [("admin", "alby"), ("bo", "berga")])
def test_every_page_opens_on_the_same_municipality(staff_db, username, first):
    at = logged_in(staff_db, username)
    assert {page: opened_on(at, page) for page in PAGES} == {page: first for page in PAGES}


def test_a_municipality_chosen_on_one_page_is_the_one_on_the_others(staff_db):
    at = logged_in(staff_db, "admin")
    at.switch_page("pages/import_data.py").run()
    at.selectbox(key="import_municipality").set_value("cedra").run()
    for page in ("pages/dashboard.py", "pages/actions.py", "pages/workshops.py", "pages/import_data.py"):
        assert opened_on(at, page) == "cedra", page
    at.switch_page("pages/dashboard.py").run()
    at.selectbox(key="dash_municipality").set_value("berga").run()
    assert opened_on(at, "pages/workshops.py") == "berga"
    at.switch_page("pages/dashboard.py").run()
    at.selectbox(key="dash_municipality").set_value("__network__").run()  # the whole network is no municipality
    assert opened_on(at, "pages/actions.py") == "berga"


def test_a_shared_dashboard_link_still_opens_its_municipality(staff_db):
    at = logged_in(staff_db, "admin", kommun="cedra")
    at.switch_page("pages/dashboard.py").run()
    assert at.selectbox(key="dash_municipality").value == "cedra"
