"""Showing text as text: nothing in it is ever read as Markdown, HTML or Streamlit directives."""

from __future__ import annotations

import re

# Every ASCII punctuation mark Markdown or Streamlit could act on (incl. ':' for
# :red[...] and :material/icon:, '$' for LaTeX, '<' for HTML).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=^])")


def escape_markdown(text: str) -> str:
    """Backslash-escape `text` so st.markdown shows it literally.

    >>> escape_markdown("**hej** :red[x]")
    '\\\\*\\\\*hej\\\\*\\\\* \\\\:red\\\\[x\\\\]'
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # Keep line breaks as breaks, not paragraph merges.
    return escaped.replace("\n", "  \n")
