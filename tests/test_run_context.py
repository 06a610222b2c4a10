"""The run context: app.py resolves the staff session once per run, and every page reads it from there.

Counted in the real database: a trigger on the test's SQLite file counts the writes of
`last_seen_at`, which each lookup of a staff session makes.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from barnrosten.access import accounts
from barnrosten.answering.survey_store import ensure_municipality
from barnrosten.ui.context import RUN_KEY
from tests.apptest_helpers import ROOT

PASSWORD = "en lång och bra lösenfras"
STAFF_PAGES = ["pages/dashboard.py", "pages/safety_queue.py", "pages/actions.py", "pages/import_data.py",
               "pages/workshops.py", "pages/survey_files.py", "pages/audit_log.py", "pages/change_password.py",
               "pages/you_said_we_did.py", "pages/answer.py"]


@pytest.fixture
def admin_token(config, db):
    ensure_municipality(db, "bjorkdala", "Björkdala kommun (demo)")
    accounts.create_user(db, "admin", PASSWORD, roles=[("admin", None)])
    token = accounts.start_session(db, accounts.log_in(db, "admin", PASSWORD))
    db.conn.executescript("""
        CREATE TABLE session_lookups (at TEXT);
        CREATE TRIGGER count_session_lookups AFTER UPDATE OF last_seen_at ON staff_sessions
        BEGIN INSERT INTO session_lookups VALUES (NEW.last_seen_at); END;
    """)
    return token


def lookups(db) -> int:
    return db.execute("SELECT COUNT(*) FROM session_lookups").fetchone()[0]


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_one_session_lookup_per_run_on_every_page(admin_token, db, page):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["staff_token"] = admin_token
    at.run()
    assert not at.exception
    before = lookups(db)
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert lookups(db) - before == 1
    run = at.session_state[RUN_KEY]
    assert run.principal.username == "admin" and run.lang == "sv"


def test_a_child_has_no_principal_and_no_session_lookup(admin_token, db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert lookups(db) == 0 and at.session_state[RUN_KEY].principal is None


def test_no_page_resolves_its_own_language_principal_or_start_up(config):
    """Pages read the run context; the start-up work (migrations, workers) is app.py's, once."""
    for page in sorted((ROOT / "pages").glob("*.py")):
        source = page.read_text(encoding="utf-8")
        for resolved_again in ('session_state.get("lang"', "current_principal(config)", "survey_catalog(",
                               "get_config()", "new_flag_count("):
            assert resolved_again not in source, f"{page.name} resolves {resolved_again} itself"
