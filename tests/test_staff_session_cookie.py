"""Staff sessions in an HttpOnly cookie: the one-time ticket, and the endpoint that trades it for the cookie.

Real SQLite files, and the real Starlette routes that serve.py mounts beside Streamlit.
"""

from __future__ import annotations

import ast
import re
from datetime import timedelta

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from barnrosten.access import accounts
from barnrosten.config import Config
from barnrosten.storage.db import utc_now
from barnrosten.ui.session_cookie import COOKIE
from barnrosten.ui.session_endpoint import routes
from tests.apptest_helpers import ROOT

PASSWORD = "en lång och bra lösenfras"


@pytest.fixture
def anna(db):
    accounts.create_user(db, "anna", PASSWORD, roles=[("admin", None)])
    return accounts.log_in(db, "anna", PASSWORD)


@pytest.fixture
def client(db_path, db):
    return TestClient(Starlette(routes=routes("", Config(db_path=db_path))), base_url="http://app.test")


def test_a_ticket_gives_its_session_token_once(db, anna):
    token = accounts.start_session(db, anna)
    ticket = accounts.hand_over(db, token)
    assert ticket != token and accounts.handoff_waiting(db, ticket)
    assert accounts.redeem_handoff(db, ticket) == token
    assert accounts.redeem_handoff(db, ticket) is None and not accounts.handoff_waiting(db, ticket)


def test_the_table_alone_gives_nobody_a_session(db, anna):
    token = accounts.start_session(db, anna)
    ticket = accounts.hand_over(db, token)
    cells = [cell if isinstance(cell, bytes) else str(cell).encode()
             for row in db.execute("SELECT * FROM staff_session_handoffs") for cell in row]
    assert cells and not any(token.encode() in cell or ticket.encode() in cell for cell in cells)


def test_a_ticket_expires_and_goes_with_its_session(db, anna):
    token = accounts.start_session(db, anna)
    late = accounts.hand_over(db, token, now=utc_now() - accounts.HANDOFF_LIFETIME - timedelta(seconds=1))
    assert accounts.redeem_handoff(db, late) is None
    ticket = accounts.hand_over(db, token)
    accounts.log_out(db, token)
    assert accounts.redeem_handoff(db, ticket) is None
    assert db.execute("SELECT COUNT(*) FROM staff_session_handoffs").fetchone()[0] == 0


def test_a_password_change_ends_every_session_and_its_tickets(db, anna):
    elsewhere = accounts.start_session(db, anna)
    ticket = accounts.hand_over(db, elsewhere)
    accounts.change_password(db, anna, PASSWORD, "ett nytt och långt lösen")
    assert accounts.resume_session(db, elsewhere) is None and accounts.redeem_handoff(db, ticket) is None


@pytest.mark.parametrize("token", ["", "x" * 5000, "åäö\u202e", None])
def test_whatever_a_cookie_holds_is_no_session(db, anna, token):
    assert accounts.resume_session(db, token) is None and not accounts.session_exists(db, token)


def test_the_endpoint_sets_an_httponly_strict_cookie_for_the_browser_session(db, anna, client):
    token = accounts.start_session(db, anna)
    reply = client.post("/api/staff-session", content=accounts.hand_over(db, token))
    assert reply.status_code == 204
    header = reply.headers["set-cookie"]
    assert header.startswith(f"{COOKIE}={token};")
    assert "HttpOnly" in header and "SameSite=strict" in header and "Path=/" in header
    assert "Max-Age" not in header and "expires" not in header.lower()  # gone when the browser closes
    assert "Secure" not in header  # plain http in development


def test_the_cookie_is_secure_under_tls_and_on_the_app_path(db_path, db, anna):
    app = Starlette(routes=routes("/barnrosten", Config(db_path=db_path)))
    client = TestClient(app, base_url="https://kommun.example")
    token = accounts.start_session(db, anna)
    reply = client.post("/barnrosten/api/staff-session", content=accounts.hand_over(db, token))
    assert reply.status_code == 204
    assert "Secure" in reply.headers["set-cookie"] and "Path=/barnrosten" in reply.headers["set-cookie"]


def test_unknown_used_and_cross_site_tickets_are_refused(db, anna, client):
    token = accounts.start_session(db, anna)
    assert client.post("/api/staff-session", content="made-up").status_code == 403
    ticket = accounts.hand_over(db, token)
    assert client.post("/api/staff-session", content=ticket, headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.post("/api/staff-session", content=ticket, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert client.post("/api/staff-session", content=ticket).status_code == 204  # the refusals did not use it up
    assert client.post("/api/staff-session", content=ticket).status_code == 403
    assert client.get("/api/staff-session").status_code == 405
    assert client.post("/api/staff-session", content="x" * 100_000).status_code == 413


def test_clearing_removes_a_dead_cookie_and_keeps_a_live_one(db, anna, client):
    token = accounts.start_session(db, anna)
    client.cookies.set(COOKIE, token)
    kept = client.post("/api/staff-session/end")
    assert kept.status_code == 204 and "set-cookie" not in kept.headers  # logged in again meanwhile: kept
    accounts.log_out(db, token)
    cleared = client.post("/api/staff-session/end")
    assert cleared.status_code == 204 and f'{COOKIE}=""' in cleared.headers["set-cookie"]
    assert "Max-Age=0" in cleared.headers["set-cookie"]


def test_the_expiry_is_configurable_for_tests_and_deployments():
    config = Config.from_env({"BARNROSTEN_STAFF_IDLE_MINUTES": "0.1", "BARNROSTEN_STAFF_MAX_HOURS": "0.01"})
    assert config.staff_idle_timeout == timedelta(seconds=6) and config.staff_session_max == timedelta(seconds=36)
    assert Config.from_env({}).staff_idle_timeout == accounts.IDLE_TIMEOUT
    assert Config.from_env({}).staff_session_max == accounts.ABSOLUTE_TIMEOUT


def test_every_staff_page_has_its_address_in_the_shared_link_list():
    """A staff page missing from app.py's STAFF_PATHS would show a shared link to it as 'Page not found'."""
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    staff_paths = next(ast.literal_eval(node.value) for node in ast.parse(source).body
                       if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "STAFF_PATHS")
    public = {"svara", "ni-sa-vi-gjorde", "workshop", "logga-in", "start"}
    assert set(re.findall(r'url_path="([a-z-]+)"', source)) - public == set(staff_paths)
