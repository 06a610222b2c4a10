"""Who gets quick exit, and where it leads (the browser side is in tests/e2e/test_quick_exit_in_browser.py)."""

import pytest

from barnrosten.config import DEFAULT_QUICK_EXIT_URL, Config
from barnrosten.ui.answering.quick_exit import offered


@pytest.mark.parametrize("survey_id, shared, expected", [
    ("unga-13-20", False, True), ("vardnadshavare", False, True), ("mitt-boende", False, True),
    ("barn-7-12", False, False), ("unga-13-20", True, False), ("vardnadshavare", True, False),
])
def test_offered_to_young_people_and_guardians_on_their_own_phone(catalog, survey_id, shared, expected):
    assert offered({"shared_device": int(shared)}, catalog.surveys[survey_id]) is expected


def test_the_neutral_page_is_configurable_and_must_be_a_web_address():
    assert Config.from_env({}).quick_exit_url == DEFAULT_QUICK_EXIT_URL
    assert Config.from_env({"BARNROSTEN_QUICK_EXIT_URL": "https://www.svt.se/"}).quick_exit_url == "https://www.svt.se/"
    with pytest.raises(ValueError):
        Config.from_env({"BARNROSTEN_QUICK_EXIT_URL": "javascript:alert(1)"})
