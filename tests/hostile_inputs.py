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

# Typed by a facilitator (journey steps, prompts) and shown on children's tablets: each must show as the
# text typed, never as bold, maths, colour, a link, HTML or a heading.
HOSTILE_LABELS = [
    "**fet** och _kursiv_",
    "$x^2$ och $$\\frac{1}{2}$$",
    ":red[röd] :material/home: :smile:",
    "[klicka här](https://example.com)",
    "<b>html</b> <img src=x>",
    "# rubrik",
]

# Typed into a safety-queue note: NUL, bidi overrides and other controls must not reach the history.
HOSTILE_NOTES = {
    "\u202eevil\u202c text": "evil text",
    "Pratat\x00 med\x07 chef\u2066x\u2069": "Pratat med chefx",
    "  \r\nrad ett\r\nrad två  ": "rad ett\nrad två",
}
