"""Staff screens in our words, not Streamlit's English (issue 12): the file uploader and empty choices."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import ROOT
from tests.test_import_apptest import import_page, importer_db  # noqa: F401 - fixture

WIDGET_CALL = re.compile(r"\.(multiselect)\((.*?)\)\n", re.S)


def uploader_styles(at: AppTest) -> str:
    return "\n".join(element.proto.body for element in at.get("html") if "stFileUploaderDropzone" in element.proto.body)


def test_the_import_uploader_has_our_words_and_hides_streamlits(importer_db):  # noqa: F811 - the fixture
    at = import_page(importer_db)
    assert not at.exception
    css = uploader_styles(at)
    # Streamlit's "10MB per file • CSV, XLSX" and "Upload" are hidden; ours is drawn in their place.
    assert re.search(r'\[data-testid="stFileUploaderDropzoneInstructions"\],[^{]*\{ display: none !important; \}', css)
    assert 'content: "Dra hit en fil, eller"' in css and 'content: "Välj fil"' in css
    assert "Högst 10 MB. CSV eller Excel (.xlsx)." in [c.value for c in at.caption]


def test_the_uploader_in_english(importer_db):  # noqa: F811 - the fixture
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    from barnrosten.access import accounts
    from tests.test_import_apptest import PASSWORD

    at.session_state["staff_token"] = accounts.start_session(importer_db, accounts.log_in(importer_db, "anna", PASSWORD))
    at.session_state["lang"] = "en"
    at.run()
    at.switch_page("pages/import_data.py").run()
    css = uploader_styles(at)
    assert 'content: "Drop a file here, or"' in css and 'content: "Choose a file"' in css
    assert "At most 10 MB. CSV or Excel (.xlsx)." in [c.value for c in at.caption]


def test_every_multiselect_on_staff_screens_has_our_placeholder():
    """An emptied multiselect would say Streamlit's "Choose options"; each says ours instead."""
    calls = []
    for path in [*(ROOT / "barnrosten" / "ui").rglob("*.py"), *(ROOT / "pages").glob("*.py")]:
        for match in WIDGET_CALL.finditer(path.read_text(encoding="utf-8")):
            calls.append((path.name, "placeholder=" in match.group(2)))
    assert calls and all(has for _, has in calls), calls
