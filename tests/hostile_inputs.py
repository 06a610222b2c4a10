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
