"""Staff accounts: argon2, roles per municipality, no lock-out a stranger can cause, expiring sessions, append-only audit log."""

import sqlite3
from datetime import timedelta

import pytest

from barnrosten.access import accounts, audit
from barnrosten.access.login_throttle import MAX_PER_CLIENT_AND_NAME, Client
from barnrosten.access.roles import Principal
from barnrosten.answering.survey_store import ensure_municipality
from barnrosten.storage.db import utc_now

PASSWORD = "en lång och bra lösenfras"


@pytest.fixture
def staff(db):
    ensure_municipality(db, "bjorkdala", "Björkdala kommun (demo)")
    ensure_municipality(db, "granasen", "Granåsen kommun (demo)")
    accounts.create_user(db, "admin", PASSWORD, roles=[("admin", None)])
    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "bjorkdala"), ("facilitator", "granasen")])
    return db


def test_passwords_are_argon2_hashes(staff):
    stored = staff.execute("SELECT password_hash FROM users WHERE username = 'anna'").fetchone()[0]
    assert stored.startswith("$argon2") and PASSWORD not in stored


def test_login_gives_roles_per_municipality(staff):
    anna = accounts.log_in(staff, "ANNA", PASSWORD)  # user names are not case-sensitive
    assert anna.can("analyst", "bjorkdala") and not anna.can("analyst", "granasen")
    assert anna.can("facilitator", "granasen") and not anna.can("facilitator", "bjorkdala")
    assert not anna.is_admin and not anna.can("network_viewer")
    admin = accounts.log_in(staff, "admin", PASSWORD)
    assert admin.can("analyst", "granasen") and admin.is_admin


@pytest.mark.parametrize("username, password", [("anna", "fel lösenord här"), ("nobody", PASSWORD), ("anna", "")])
def test_wrong_credentials_fail_the_same_way(staff, username, password):
    with pytest.raises(accounts.LoginFailed) as failure:
        accounts.log_in(staff, username, password)
    assert failure.value.reason == "wrong"


def test_wrong_passwords_make_that_client_wait_and_never_lock_the_account(staff):
    stranger, anna = Client("stranger", True), Client("anna-browser", True)
    for _ in range(MAX_PER_CLIENT_AND_NAME):
        with pytest.raises(accounts.LoginFailed) as failure:
            accounts.log_in(staff, "anna", "fel lösenord här", client=stranger)
        assert failure.value.reason == "wrong"
    with pytest.raises(accounts.LoginFailed) as failure:  # even the right password waits, from that client
        accounts.log_in(staff, "anna", PASSWORD, client=stranger)
    assert failure.value.reason == "wait"
    assert accounts.log_in(staff, "anna", PASSWORD, client=anna).username == "anna"  # Anna is not locked out
    assert staff.execute("SELECT locked_until FROM users WHERE username = 'anna'").fetchone()[0] is None


def test_sessions_expire_when_idle_and_at_most_after_eight_hours(staff):
    anna = accounts.log_in(staff, "anna", PASSWORD)
    start = utc_now()
    token = accounts.start_session(staff, anna, now=start)
    assert accounts.resume_session(staff, token, now=start + timedelta(minutes=20)).username == "anna"
    assert accounts.resume_session(staff, token, now=start + timedelta(minutes=20) + accounts.IDLE_TIMEOUT + timedelta(seconds=1)) is None
    assert accounts.resume_session(staff, token) is None  # ended for good
    token = accounts.start_session(staff, anna, now=start)
    moment = start
    while moment < start + accounts.ABSOLUTE_TIMEOUT - timedelta(minutes=20):
        moment += timedelta(minutes=20)
        assert accounts.resume_session(staff, token, now=moment) is not None
    assert accounts.resume_session(staff, token, now=start + accounts.ABSOLUTE_TIMEOUT) is None
    assert accounts.resume_session(staff, "made-up-token") is None


def test_password_change_logs_out_other_sessions(staff):
    anna = accounts.log_in(staff, "anna", PASSWORD)
    token = accounts.start_session(staff, anna)
    with pytest.raises(accounts.LoginFailed):
        accounts.change_password(staff, anna, "fel lösenord här", "ett nytt bra lösenord")
    with pytest.raises(accounts.WeakPassword):
        accounts.change_password(staff, anna, PASSWORD, "kort")
    accounts.change_password(staff, anna, PASSWORD, "ett nytt bra lösenord")
    assert accounts.resume_session(staff, token) is None
    assert accounts.log_in(staff, "anna", "ett nytt bra lösenord")


@pytest.mark.parametrize("roles", [[("analyst", None)], [("admin", "bjorkdala")], [("superuser", None)]])
def test_roles_must_fit_their_scope(db, roles):
    ensure_municipality(db, "bjorkdala", "Björkdala kommun (demo)")
    with pytest.raises(ValueError):
        accounts.create_user(db, "x", PASSWORD, roles=roles)


def test_short_passwords_are_refused(db):
    with pytest.raises(accounts.WeakPassword):
        accounts.create_user(db, "x", "kort", roles=[("admin", None)])


def test_audit_log_records_logins_and_never_passwords(staff):
    with pytest.raises(accounts.LoginFailed):
        accounts.log_in(staff, "anna", "fel lösenord här")
    accounts.log_in(staff, "anna", PASSWORD)
    admin = accounts.log_in(staff, "admin", PASSWORD)
    actions = [(e["actor"], e["action"], e["target"]) for e in audit.entries(staff, admin)]
    assert (None, "login_failed", "anna") in actions and ("anna", "login", None) in actions
    dump = "\n".join(str(row) for row in staff.execute("SELECT * FROM audit_log"))
    assert PASSWORD not in dump and "fel lösenord" not in dump and "$argon2" not in dump
    with pytest.raises(ValueError):
        audit.record(staff, "anna", "export", password="x")


def test_audit_log_is_append_only(staff):
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        staff.execute("UPDATE audit_log SET actor = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        staff.execute("DELETE FROM audit_log")


def test_only_admins_read_the_audit_log(staff):
    anna = accounts.log_in(staff, "anna", PASSWORD)
    with pytest.raises(PermissionError):
        audit.entries(staff, anna)
    with pytest.raises(PermissionError):
        audit.entries(staff, None)


@pytest.mark.parametrize("username", ["\u202eevil", "a\x00b", " ", "x" * 101])
def test_user_names_are_plain_text(db, username):
    with pytest.raises(ValueError):
        accounts.create_user(db, username, PASSWORD, roles=[("admin", None)])


def test_audit_log_exports_for_admins_only_and_formulas_stay_text(db):
    import csv
    import io

    from barnrosten.access import audit

    accounts.create_user(db, "admin", "en lång och bra lösenfras", roles=[("admin", None)])
    admin = accounts.log_in(db, "admin", "en lång och bra lösenfras")
    with pytest.raises(accounts.LoginFailed):
        accounts.log_in(db, "=HYPERLINK(\"http://x\")", "fel lösenord här")
    rows = list(csv.reader(io.StringIO(audit.export_csv(db, admin).decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["id", "at", "actor", "action", "target", "details"]
    assert any(r[4].startswith("'=HYPERLINK") for r in rows[1:])
    assert not any("lösenord" in cell for r in rows for cell in r)  # passwords are never logged
    assert db.execute("SELECT action, target FROM audit_log ORDER BY id DESC LIMIT 1").fetchone() == ("export", "audit_log")
    with pytest.raises(PermissionError):
        audit.export_csv(db, Principal(9, "anna", frozenset({("analyst", "bjorkdala")})))
