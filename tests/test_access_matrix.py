"""Who reaches which page: every role against every page, in the real app (AppTest).

A page missing from someone's navigation does not exist for them: switching to
it fails, and its data functions refuse the caller anyway (roles.require).
"""

import pytest
from streamlit.testing.v1 import AppTest

from barnrosten.access import accounts
from barnrosten.answering.survey_store import ensure_municipality
from tests.apptest_helpers import ROOT

PASSWORD = "en lång och bra lösenfras"
PAGES = ["pages/answer.py", "pages/login.py", "pages/survey_files.py", "pages/audit_log.py", "pages/workers.py",
         "pages/change_password.py", "pages/dashboard.py", "pages/safety_queue.py", "pages/actions.py", "pages/you_said_we_did.py", "pages/import_data.py", "pages/workshops.py", "pages/workshop_join.py",
         "pages/recordings.py"]
ROLES = {
    "anonymous": None,
    "admin": [("admin", None)],
    "analyst": [("analyst", "bjorkdala")],
    "facilitator": [("facilitator", "bjorkdala")],
    "network_viewer": [("network_viewer", None)],
}
REACHABLE = {
    "anonymous": {"pages/answer.py", "pages/login.py", "pages/you_said_we_did.py", "pages/workshop_join.py"},
    "admin": {"pages/answer.py", "pages/survey_files.py", "pages/recordings.py", "pages/audit_log.py", "pages/workers.py",
              "pages/change_password.py",
              "pages/dashboard.py", "pages/safety_queue.py", "pages/actions.py", "pages/you_said_we_did.py",
              "pages/import_data.py", "pages/workshops.py", "pages/workshop_join.py"},
    "analyst": {"pages/answer.py", "pages/change_password.py", "pages/dashboard.py", "pages/safety_queue.py",
                "pages/actions.py", "pages/you_said_we_did.py", "pages/import_data.py", "pages/workshop_join.py"},
    "facilitator": {"pages/answer.py", "pages/change_password.py", "pages/safety_queue.py", "pages/you_said_we_did.py",
                    "pages/workshops.py", "pages/workshop_join.py"},
    "network_viewer": {"pages/answer.py", "pages/change_password.py", "pages/dashboard.py", "pages/you_said_we_did.py",
                       "pages/workshop_join.py"},
}


@pytest.fixture
def token_for(config, db):
    ensure_municipality(db, "bjorkdala", "Björkdala kommun (demo)")

    def make(role: str) -> str | None:
        if ROLES[role] is None:
            return None
        accounts.create_user(db, role, PASSWORD, roles=ROLES[role])
        return accounts.start_session(db, accounts.log_in(db, role, PASSWORD))

    return make


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("page", PAGES)
def test_role_page_matrix(token_for, role, page):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    token = token_for(role)
    if token:
        at.session_state["staff_token"] = token
    at.run()
    if page in REACHABLE[role]:
        at.switch_page(page).run()
        assert not at.exception
    else:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page).run()
