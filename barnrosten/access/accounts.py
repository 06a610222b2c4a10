"""Staff accounts: argon2 passwords, roles per municipality, lock-out and expiring sessions.

Respondents never have accounts. Staff log in; the session token lives only in
the browser session (never in the URL) and is stored here as a hash.

    >>> create_user(db, "anna", "en lång lösenfras", roles=[("analyst", "bjorkdala")])
    >>> principal = log_in(db, "anna", "en lång lösenfras")
    >>> principal.can("analyst", "bjorkdala")
    True
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlite_utils
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from barnrosten.access import audit
from barnrosten.access.login_throttle import THROTTLE, Client, LoginThrottle
from barnrosten.access.roles import MUNICIPAL_ROLES, ROLES, Principal
from barnrosten.storage.db import from_iso, to_iso, utc_now, write_transaction
from barnrosten.textclean import clean_free_text

MIN_PASSWORD_LENGTH = 12
MAX_USERNAME_LENGTH = 100
# Wrong passwords are slowed per client and user name, never by locking the account for everyone
# (a stranger could keep staff out): see barnrosten/access/login_throttle.py. The users table's
# failed_attempts and locked_until columns are no longer used.
# A session ends after 30 minutes without use, and after 8 hours at most.
IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_TIMEOUT = timedelta(hours=8)

_hasher = PasswordHasher()


class LoginFailed(Exception):
    """`reason` is 'wrong' or 'wait' (too many tries); neither says whether the user exists."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class WeakPassword(ValueError):
    pass


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"at least {MIN_PASSWORD_LENGTH} characters")


def create_user(db: sqlite_utils.Database, username: str, password: str, roles: list[tuple[str, str | None]],
                actor: str | None = None) -> int:
    check_password_strength(password)
    if clean_free_text(username, MAX_USERNAME_LENGTH) != username or not username:
        raise ValueError("a user name is plain text without control characters, at most 100 characters")
    for role, municipality in roles:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        if (role in MUNICIPAL_ROLES) != (municipality is not None):
            raise ValueError(f"role {role!r} {'needs' if role in MUNICIPAL_ROLES else 'takes no'} municipality")
    password_hash = _hasher.hash(password)  # before the transaction, as in log_in
    with write_transaction(db) as conn:
        cursor = conn.execute(
            "INSERT INTO users (username, password_hash, created_at) VALUES (?, ?, ?)",
            (username, password_hash, to_iso(utc_now())),
        )
        user_id = cursor.lastrowid
        conn.executemany(
            "INSERT INTO user_roles (user_id, role, municipality_id) VALUES (?, ?, ?)",
            [(user_id, role, municipality) for role, municipality in roles],
        )
        audit.record(db, actor, "user_created", username, roles=[list(r) for r in roles])
    return user_id


def has_users(db: sqlite_utils.Database) -> bool:
    return db.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None


def principal_for(db: sqlite_utils.Database, user_id: int) -> Principal:
    user = db["users"].get(user_id)
    roles = frozenset((r, m) for r, m in db.execute(
        "SELECT role, municipality_id FROM user_roles WHERE user_id = ?", [user_id]))
    return Principal(user_id, user["username"], roles)


def _dummy_hash() -> str:
    # Checked against when the user name is unknown, so that answer costs one argon2 verification too.
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(24))
    return _DUMMY_HASH


_DUMMY_HASH: str | None = None
# Logins from the command line or tests: one client of their own.
LOCAL_CLIENT = Client("local", cookie=True)


def log_in(db: sqlite_utils.Database, username: str, password: str,
           client: Client = LOCAL_CLIENT, throttle: LoginThrottle = THROTTLE) -> Principal:
    """The principal, or LoginFailed. Every attempt is in the audit log; passwords never are.

    The answer is the same, in words and in time, whether or not the user exists: an unknown name
    costs one argon2 verification against a dummy hash, and the throttle counts typed names, not accounts.
    """
    # Control and bidi-override characters never belong in a user name; removing them keeps
    # a typed "\u202eevil" from showing as "live" in the audit log.
    username = clean_free_text(username, MAX_USERNAME_LENGTH)
    if throttle.wait(client, username) > 0:
        audit.record(db, None, "login_failed", username, reason="too many tries")
        raise LoginFailed("wait")
    rows = list(db.query("SELECT * FROM users WHERE username = ? AND disabled = 0", [username]))
    user = rows[0] if rows else None
    try:
        _hasher.verify(user["password_hash"] if user else _dummy_hash(), password)
        if user is None:
            raise VerificationError("unknown user")
    except (VerificationError, InvalidHashError):
        throttle.failed(client, username)
        audit.record(db, None, "login_failed", user["username"] if user else username,
                     reason="wrong password" if user else "unknown user")
        raise LoginFailed("wrong") from None
    throttle.succeeded(client, username)
    # Hashed before the transaction: argon2 takes long, and tablets must not wait for the write lock meanwhile.
    rehashed = _hasher.hash(password) if _hasher.check_needs_rehash(user["password_hash"]) else None
    with write_transaction(db) as conn:
        if rehashed:
            conn.execute("UPDATE users SET password_hash = ? WHERE id = ?", (rehashed, user["id"]))
        audit.record(db, user["username"], "login")
    return principal_for(db, user["id"])


def change_password(db: sqlite_utils.Database, principal: Principal, old: str, new: str) -> None:
    user = db["users"].get(principal.user_id)
    try:
        _hasher.verify(user["password_hash"], old)
    except (VerificationError, InvalidHashError):
        audit.record(db, principal.username, "password_change_failed")
        raise LoginFailed("wrong")
    check_password_strength(new)
    new_hash = _hasher.hash(new)  # before the transaction, as in log_in
    with write_transaction(db) as conn:
        conn.execute("UPDATE users SET password_hash = ? WHERE id = ?", (new_hash, principal.user_id))
        conn.execute("DELETE FROM staff_sessions WHERE user_id = ?", (principal.user_id,))  # log out elsewhere
        audit.record(db, principal.username, "password_changed")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def start_session(db: sqlite_utils.Database, principal: Principal, now: datetime | None = None,
                  lifetime: timedelta = ABSOLUTE_TIMEOUT) -> str:
    """A new session for `principal`; returns its token (random, opaque; only its hash is stored)."""
    now = now or utc_now()
    token = secrets.token_urlsafe(32)
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO staff_sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            (_token_hash(token), principal.user_id, to_iso(now), to_iso(now), to_iso(now + lifetime)),
        )
    return token


MAX_TOKEN_LENGTH = 100  # a token from a cookie is whatever the browser sent


def resume_session(db: sqlite_utils.Database, token: str | None, now: datetime | None = None,
                   idle: timedelta = IDLE_TIMEOUT) -> Principal | None:
    """The principal of a live session (and the session kept alive), or None when missing or expired."""
    if not token or not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        return None
    now = now or utc_now()
    rows = list(db.query("SELECT * FROM staff_sessions WHERE token_hash = ?", [_token_hash(token)]))
    if not rows:
        return None
    session = rows[0]
    if from_iso(session["expires_at"]) <= now or now - from_iso(session["last_seen_at"]) > idle:
        end_session(db, token)
        return None
    with write_transaction(db) as conn:
        conn.execute("UPDATE staff_sessions SET last_seen_at = ? WHERE token_hash = ?", (to_iso(now), session["token_hash"]))
    return principal_for(db, session["user_id"])


def session_exists(db: sqlite_utils.Database, token: str | None) -> bool:
    """Whether `token` names a session that has not been ended (it may still have expired; resume_session tells)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return False
    return db.execute("SELECT 1 FROM staff_sessions WHERE token_hash = ?", [_token_hash(token)]).fetchone() is not None


def end_session(db: sqlite_utils.Database, token: str) -> None:
    with write_transaction(db) as conn:
        conn.execute("DELETE FROM staff_sessions WHERE token_hash = ?", (_token_hash(token),))


def log_out(db: sqlite_utils.Database, token: str) -> None:
    """End the session `token`, with its audit entry, in one transaction (nothing happens for a dead token)."""
    with write_transaction(db):
        principal = resume_session(db, token)
        end_session(db, token)
        if principal:
            audit.record(db, principal.username, "logout")


# --- Handing a session to the browser's cookie (barnrosten/ui/session_cookie.py) --------------------------------
# Streamlit cannot set a cookie from Python, and a cookie set by a script could be read by any script.
# So the app gives the page a one-time ticket, and the page trades it at a small endpoint of our own
# server for an HttpOnly cookie holding the session token. The ticket is stored hashed; the token only
# sealed with the ticket, so the table alone gives nobody a session.
HANDOFF_LIFETIME = timedelta(minutes=2)


def _seal(token: bytes, ticket: str) -> bytes:
    pad = hashlib.shake_256(b"barnrosten staff session handoff|" + ticket.encode("utf-8")).digest(len(token))
    return bytes(a ^ b for a, b in zip(token, pad))


def hand_over(db: sqlite_utils.Database, token: str, now: datetime | None = None) -> str:
    """A one-time ticket for the live session `token`, good for HANDOFF_LIFETIME."""
    now = now or utc_now()
    ticket = secrets.token_urlsafe(32)
    with write_transaction(db) as conn:
        conn.execute("DELETE FROM staff_session_handoffs WHERE expires_at <= ?", (to_iso(now),))
        conn.execute(
            "INSERT INTO staff_session_handoffs (ticket_hash, token_hash, sealed_token, expires_at) VALUES (?, ?, ?, ?)",
            (_token_hash(ticket), _token_hash(token), _seal(token.encode("ascii"), ticket),
             to_iso(now + HANDOFF_LIFETIME)))
    return ticket


def redeem_handoff(db: sqlite_utils.Database, ticket: str, now: datetime | None = None) -> str | None:
    """The session token for `ticket`, once; None when the ticket is unknown, used, expired or its session ended."""
    if not ticket or len(ticket) > MAX_TOKEN_LENGTH:
        return None
    now = now or utc_now()
    with write_transaction(db) as conn:
        rows = conn.execute("DELETE FROM staff_session_handoffs WHERE ticket_hash = ? RETURNING sealed_token, expires_at",
                            (_token_hash(ticket),)).fetchall()
    if not rows or from_iso(rows[0][1]) <= now:
        return None
    return _seal(rows[0][0], ticket).decode("ascii")


def handoff_waiting(db: sqlite_utils.Database, ticket: str, now: datetime | None = None) -> bool:
    """Whether `ticket` is still to be traded (not yet used, not expired)."""
    row = db.execute("SELECT expires_at FROM staff_session_handoffs WHERE ticket_hash = ?",
                     [_token_hash(ticket)]).fetchone()
    return row is not None and from_iso(row[0]) > (now or utc_now())
