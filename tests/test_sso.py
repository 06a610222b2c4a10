"""Single sign-on: the provider says who it is; our own tables say what they may do."""

from __future__ import annotations

import pytest

from barnrosten.access import accounts, sso
from barnrosten.answering.survey_store import ensure_municipality

PASSWORD = "en lång och bra lösenfras"
ISSUER = "https://login.bjorkdala.example/v2.0"


@pytest.fixture
def linked(db):
    ensure_municipality(db, "bjorkdala", "Björkdala kommun")
    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "bjorkdala")])
    sso.link_identity(db, "anna", "Anna@Bjorkdala.se", actor="admin")
    return db


def claims(**values):
    return {"iss": ISSUER, "sub": "abc-123", "email": "anna@bjorkdala.se", "email_verified": True, **values}


def test_a_linked_address_logs_in_with_the_local_roles(linked):
    principal = sso.log_in_with_claims(linked, claims())
    assert principal.username == "anna" and principal.can("analyst", "bjorkdala")
    assert not principal.can("analyst", "granasen")
    entry = linked.execute("SELECT actor, action, details FROM audit_log WHERE action = 'login'").fetchone()
    assert entry[0] == "anna" and '"method": "sso"' in entry[2]


def test_after_the_first_login_the_providers_id_decides(linked):
    sso.log_in_with_claims(linked, claims())
    # The address changed at the provider: the same subject is still anna.
    assert sso.log_in_with_claims(linked, claims(email="anna.svensson@bjorkdala.se")).username == "anna"
    # Someone else given anna's old address cannot take over the account.
    with pytest.raises(accounts.LoginFailed):
        sso.log_in_with_claims(linked, claims(sub="someone-else"))


@pytest.mark.parametrize("bad", [
    claims(email="okand@bjorkdala.se"),
    claims(email_verified=False),
    claims(iss=None),
    claims(sub=""),
    {"iss": ISSUER, "sub": "x"},
])
def test_unknown_or_unverified_identities_get_nothing(linked, bad):
    with pytest.raises(accounts.LoginFailed) as failure:
        sso.log_in_with_claims(linked, bad)
    assert failure.value.reason == "sso_unknown"
    assert linked.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'").fetchone()[0] == 1


def test_entra_sign_in_name_counts_as_the_address(linked):
    entra = {"iss": ISSUER, "sub": "entra-1", "preferred_username": "anna@bjorkdala.se"}
    assert sso.log_in_with_claims(linked, entra).username == "anna"


def test_a_disabled_account_cannot_log_in(linked):
    linked.execute("UPDATE users SET disabled = 1 WHERE username = 'anna'")
    with pytest.raises(accounts.LoginFailed):
        sso.log_in_with_claims(linked, claims())


def test_linking_needs_an_existing_user_and_an_address(linked):
    with pytest.raises(ValueError):
        sso.link_identity(linked, "nobody", "x@y.se")
    with pytest.raises(ValueError):
        sso.link_identity(linked, "anna", "not-an-address")


def test_link_and_sso_only_accounts_from_the_command_line(db_path):
    import subprocess
    import sys

    from barnrosten.config import PROJECT_ROOT
    from barnrosten.storage.db import open_db

    def run(*args):
        return subprocess.run([sys.executable, "manage.py", "--db", str(db_path), *args], cwd=PROJECT_ROOT,
                              capture_output=True, text=True, check=False)

    created = run("create-user", "bo", "--role", "network_viewer", "--sso-email", "bo@natverket.se")
    assert created.returncode == 0, created.stderr
    assert "identity provider as bo@natverket.se" in created.stdout
    assert run("link-sso", "bo", "bo@natverket.se").returncode == 2  # already linked: refused, kindly
    db = open_db(db_path)
    assert sso.log_in_with_claims(db, claims(email="bo@natverket.se", sub="bo-1")).username == "bo"
    db.conn.close()
