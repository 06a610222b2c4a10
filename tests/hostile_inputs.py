"""Inputs every text-handling function must survive: empty, markup, control characters, emoji only, 100 kB."""

HOSTILE_TEXTS = [
    "",
    None,
    "   ",
    "🙂🙂🙂",
    "<script>alert(1)</script>",
    "\x00\x01\x07",
    "a" * 100_000,
]

# Typed into form fields: each must be stored, then shown literally, with no dialog or script running.
HOSTILE_MARKUP = [
    '<img src=x onerror="alert(1)">',
    "<script>alert(2)</script>",
    "[klicka](javascript:alert(3))",
    ":red[**röd**] :material/home:",
    "'; DROP TABLE answers; --",
    "\u202eevil",
]
