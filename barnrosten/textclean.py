"""Free text is kept as written, minus what can only do harm.

    >>> clean_free_text("Bra\\x00 möte\\r\\n", 500)
    'Bra möte'
"""

from __future__ import annotations

import unicodedata

# Bidirectional embeddings and overrides can make stored text display as
# something else (a spoofing trick); ZWJ/ZWNJ stay, emoji and Persian need them.
BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
KEPT_CONTROLS = {"\n", "\t"}


def clean_free_text(text: str | None, max_length: int) -> str:
    """Unicode NFC, line ends unified, control characters removed, trimmed, at most `max_length` characters."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        ch
        for ch in text
        if ch in KEPT_CONTROLS or (unicodedata.category(ch) != "Cc" and ch not in BIDI_CONTROLS)
    )
    return text.strip()[:max_length]
