"""Right-to-left layout for Arabic and Persian; survey and participant text is never markup."""

import pytest
from streamlit.testing.v1 import AppTest

from barnrosten.ui.answering.read_aloud import read_aloud_html
from barnrosten.ui.text import WORD_JOINER, escape_markdown


def styled(language):
    def script():
        import streamlit as st

        from barnrosten.ui.style import apply_answering_style

        apply_answering_style(st.query_params["lang"])

    at = AppTest.from_function(script, default_timeout=30)
    at.query_params["lang"] = language
    return at.run().get("html")[0].proto.body


@pytest.mark.parametrize("language, rtl", [("ar", True), ("fa", True), ("sv", False), ("en", False), ("uk", False)])
def test_right_to_left_languages_flip_the_layout(language, rtl):
    assert ("direction: rtl" in styled(language)) is rtl


def test_read_aloud_escapes_its_text():
    html = read_aloud_html('Säg "hej" <img src=x onerror=alert(1)>', "sv", "Läs <b>upp</b>")
    assert "<img" not in html and "<b>" not in html
    assert 'data-text="Säg &quot;hej&quot; &lt;img src=x onerror=alert(1)&gt;"' in html
    assert 'data-lang="sv-SE"' in html


def test_read_aloud_starts_hidden_unless_it_has_a_recording():
    assert " hidden>" in read_aloud_html("Hej", "so", "Akhri")  # shown by the page only when a voice exists
    html = read_aloud_html("Hej", "so", "Akhri", {"id": 7, "mime_type": "audio/wav"})
    assert " hidden>" not in html
    assert 'data-audio="br_audio_7" data-mime="audio/wav"' in html


@pytest.mark.parametrize(
    "text",
    ["**fet**", ":red[röd]", "[länk](javascript:alert(1))", "<script>x</script>", "# rubrik", "$x^2$", ":material/home:", "`kod`"],
)
def test_escaped_text_renders_literally(text):
    def script():
        import streamlit as st

        from barnrosten.ui.text import escape_markdown

        st.markdown(escape_markdown(st.query_params["t"]))

    at = AppTest.from_function(script, default_timeout=30)
    at.query_params["t"] = text
    at.run()
    escaped = at.markdown[0].value
    # Every markup character is backslash-escaped, so Markdown shows it as typed.
    for ch in set(text) & set("*[]():<>#$`_"):
        assert f"\\{ch}" in escaped
    assert escape_markdown(text).replace("\\", "").replace(WORD_JOINER, "") == text
