"""The survey-files page shows admins which file and which field is wrong; other surveys keep working."""

import yaml

from tests.apptest_helpers import ROOT, heading, open_app, tap


def test_broken_file_is_listed_and_the_others_still_work(tmp_path, monkeypatch, config, db):
    for name in ("barn-7-12.yaml", "vardnadshavare.yaml"):
        (tmp_path / name).write_text((ROOT / "surveys/templates" / name).read_text(encoding="utf-8"), encoding="utf-8")
    broken = yaml.safe_load((ROOT / "surveys/templates/unga-13-20.yaml").read_text(encoding="utf-8"))
    broken["questions"][4]["theme"] = "weather"
    (tmp_path / "unga-13-20.yaml").write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("BARNROSTEN_SURVEYS", str(tmp_path))

    from barnrosten.access import accounts

    accounts.create_user(db, "admin", "en lång och bra lösenfras", roles=[("admin", None)])
    token = accounts.start_session(db, accounts.log_in(db, "admin", "en lång och bra lösenfras"))
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state["staff_token"] = token
    at.run()
    at.switch_page("pages/survey_files.py").run()
    assert not at.exception
    problems = at.dataframe[0].value
    assert list(problems.iloc[0]) == ["unga-13-20.yaml", "questions[4].theme", problems.iloc[0, 2]]
    assert "unknown theme 'weather'" in problems.iloc[0, 2]
    assert sorted(at.dataframe[1].value["id"]) == ["barn-7-12", "vardnadshavare"]

    # The answering flow keeps working with the valid surveys.
    from barnrosten.answering.sessions import create_session
    from barnrosten.answering.survey_store import ensure_municipality, latest_version_id

    ensure_municipality(db, "bjorkdala", "Björkdala kommun (demo)")
    create_session(db, "bjorkdala", latest_version_id(db, "barn-7-12"), code="HEJ347")
    child = open_app(code="HEJ347")
    child = tap(child, "start")
    child = tap(child, "profile_next")
    assert "Lyssnar de vuxna" in heading(child)
