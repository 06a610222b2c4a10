"""Single sign-on through the municipality's identity provider (OpenID Connect, via Streamlit's st.login).

Roles never come from the provider: they stay in our `user_roles`. An admin
links a staff account to the e-mail address the provider vouches for
(`manage.py link-sso anna anna@kommun.se`). At the first login with that
address the provider's stable id (issuer + subject) is bound to the account,
and from then on the id decides, so a later change of address at the provider
cannot move someone into another account. An identity nobody has linked gets
no access, and every attempt is in the audit log.

    >>> link_identity(db, "anna", "anna@bjorkdala.se", actor="admin")
    >>> log_in_with_claims(db, {"iss": "https://login.example", "sub": "42", "email": "anna@bjorkdala.se",
    ...                          "email_verified": True}).username
    'anna'
"""

from __future__ import annotations

from collections.abc import Mapping

import sqlite_utils

from barnrosten.access import audit
from barnrosten.access.accounts import LoginFailed, principal_for
from barnrosten.access.roles import Principal
from barnrosten.storage.db import to_iso, utc_now, write_transaction
from barnrosten.textclean import clean_free_text

# Claims that may carry the address, in order: OIDC's e-mail, then Microsoft Entra's sign-in name.
EMAIL_CLAIMS = ("email", "preferred_username", "upn")


def link_identity(db: sqlite_utils.Database, username: str, email: str, actor: str | None = None) -> None:
    """Let the staff account `username` log in through the identity provider as `email`."""
    email = clean_free_text(email, 320).strip()
    if "@" not in email:
        raise ValueError("an e-mail address is needed")
    row = db.execute("SELECT id FROM users WHERE username = ?", [username]).fetchone()
    if row is None:
        raise ValueError(f"no user {username!r}")
    with write_transaction(db) as conn:
        conn.execute("INSERT INTO sso_identities (user_id, email, created_at) VALUES (?, ?, ?)",
                     (row[0], email, to_iso(utc_now())))
        audit.record(db, actor, "sso_linked", username, email=email)


def _address(claims: Mapping) -> str | None:
    for name in EMAIL_CLAIMS:
        value = claims.get(name)
        if isinstance(value, str) and "@" in value:
            return value.strip()
    return None


def log_in_with_claims(db: sqlite_utils.Database, claims: Mapping) -> Principal:
    """The principal for a provider's identity token claims (st.user), or LoginFailed('sso_unknown').

    Matches the bound (issuer, subject) first; otherwise an unbound link with the same
    address, which is then bound. An address the provider marks unverified never matches.
    """
    issuer, subject = claims.get("iss"), claims.get("sub")
    address = _address(claims)
    if not issuer or not subject:
        audit.record(db, None, "login_failed", address, reason="sso claims without issuer or subject")
        raise LoginFailed("sso_unknown")
    row = db.execute(
        "SELECT i.id, i.user_id FROM sso_identities i JOIN users u ON u.id = i.user_id "
        "WHERE i.issuer = ? AND i.subject = ? AND u.disabled = 0", [issuer, str(subject)]).fetchone()
    if row is None and address and claims.get("email_verified") is not False:
        row = db.execute(
            "SELECT i.id, i.user_id FROM sso_identities i JOIN users u ON u.id = i.user_id "
            "WHERE i.email = ? AND i.issuer IS NULL AND u.disabled = 0", [address]).fetchone()
    if row is None:
        audit.record(db, None, "login_failed", address, reason="sso identity not linked", issuer=issuer)
        raise LoginFailed("sso_unknown")
    principal = principal_for(db, row[1])
    with write_transaction(db) as conn:
        conn.execute("UPDATE sso_identities SET issuer = ?, subject = ?, last_login_at = ? WHERE id = ?",
                     (issuer, str(subject), to_iso(utc_now()), row[0]))
        audit.record(db, principal.username, "login", method="sso", issuer=issuer)
    return principal
