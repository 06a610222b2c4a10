"""Showing text as text: nothing in it is ever read as Markdown, HTML or Streamlit directives."""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
# Every ASCII punctuation mark Markdown or Streamlit could act on (incl. ':' for
# :red[...] and :material/icon:, '$' for LaTeX, '<' for HTML).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=^])")


def escape_markdown(text: str) -> str:
    """Backslash-escape `text` so st.markdown shows it literally.

    >>> escape_markdown("**hej** [x]")
    '\\\\*\\\\*hej\\\\*\\\\* \\\\[x\\\\]'
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # Streamlit turns :material/home: and :smile: into icons and "--" into a dash even when escaped
    # (seen in Chromium); an invisible word joiner after each ':' and '-' breaks those patterns.
    escaped = escaped.replace("\\:", "\\:" + WORD_JOINER).replace("\\-", "\\-" + WORD_JOINER)
    # Keep line breaks as breaks, not paragraph merges.
    return escaped.replace("\n", "  \n")
