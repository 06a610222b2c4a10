"""Join codes: six characters a child can read off a projector and type.

The alphabet leaves out characters that look alike (0/O, 1/I/L, 5/S, 2/Z, 8/B)
so a code read aloud or from a distance is typed right the first time::

    >>> normalize_code(" kb4-7hx ")
    'KB47HX'
"""

from __future__ import annotations

import secrets

CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6


def generate_code() -> str:
    """A random code; uniqueness is the caller's job (the database enforces it)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str | None) -> str:
    """Upper-case, without spaces or dashes, as people type codes."""
    if not text:
        return ""
    return "".join(ch for ch in text.upper() if not ch.isspace() and ch not in "-_.")


def is_well_formed(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in code)


def unused_code(conn) -> str:
    """A fresh code that no survey session and no workshop uses (call inside the write transaction that stores it)."""
    while True:
        code = generate_code()
        taken = conn.execute("SELECT 1 FROM sessions WHERE code = ? UNION SELECT 1 FROM workshops WHERE code = ?",
                             (code, code)).fetchone()
        if taken is None:
            return code
