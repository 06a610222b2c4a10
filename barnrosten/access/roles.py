"""Who is acting and what their roles allow: the one check every data function makes.

A staff member holds roles per municipality (`analyst`, `facilitator`) or for
the whole network (`admin`, `network_viewer`). Accounts (`accounts`) and single
sign-on (`sso`) produce a `Principal`; the audit log, results, imports, the
review queue and workshops call `require` before they touch any data.

    >>> analyst = Principal(1, "anna", frozenset({("analyst", "bjorkdala")}))
    >>> analyst.can("analyst", "bjorkdala"), analyst.can("analyst", "alby")
    (True, False)
    >>> require(analyst, "admin")
    Traceback (most recent call last):
    PermissionError: requires role 'admin'
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("admin", "analyst", "facilitator", "network_viewer")
# Roles that belong to a municipality; admin and network viewer span all of them.
MUNICIPAL_ROLES = ("analyst", "facilitator")


@dataclass(frozen=True)
class Principal:
    """Who is logged in and what they may do. `roles` holds (role, municipality id or None)."""

    user_id: int
    username: str
    roles: frozenset = field(default_factory=frozenset)

    def can(self, role: str, municipality_id: str | None = None) -> bool:
        if ("admin", None) in self.roles:
            return True
        if role in MUNICIPAL_ROLES:
            return (role, municipality_id) in self.roles
        return (role, None) in self.roles

    def has_role(self, role: str) -> bool:
        return ("admin", None) in self.roles or any(r == role for r, _ in self.roles)

    def municipalities(self, role: str) -> set[str]:
        return {m for r, m in self.roles if r == role and m is not None}

    @property
    def is_admin(self) -> bool:
        return ("admin", None) in self.roles


def require(principal: Principal | None, role: str, municipality_id: str | None = None) -> Principal:
    """The principal if it may act as `role` (for `municipality_id`); PermissionError otherwise.

    Data functions call this themselves, so no page, export or edited session
    state can reach what the caller's roles do not allow.
    """
    if principal is None or not principal.can(role, municipality_id):
        raise PermissionError(f"requires role {role!r}" + (f" in {municipality_id!r}" if municipality_id else ""))
    return principal
