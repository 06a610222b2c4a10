"""Background workers log their failures and record each round: last run, last success, last error (issue 12).

Failures are real: a trigger makes SQLite refuse the worker's write, as a full disk or a broken
table would. The admins' page shows each worker's last run and last error in Swedish time.
"""

from __future__ import annotations

import logging

import pytest
import time

from streamlit.testing.v1 import AppTest

import manage
from barnrosten.access import accounts
from barnrosten.access.roles import Principal
from barnrosten.answering import responses
from barnrosten.config import Config
from barnrosten.formatting import local_time
from barnrosten.jobs import queue, worker
from barnrosten.storage import worker_runs
from tests.apptest_helpers import ROOT

ADMIN = Principal(1, "admin", frozenset({("admin", None)}))
PASSWORD = "en lång och bra lösenfras"
FAIL_ANNOTATIONS = ("CREATE TRIGGER broken BEFORE INSERT ON annotations "
                    "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")


def wait_for(db, worker: str, outcome: str, seconds: float = 30) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        run = worker_runs.latest(db, ADMIN)[worker]
        if run["last_outcome"] == outcome:
            return run
        time.sleep(0.05)
    raise AssertionError(f"{worker} never recorded {outcome}: {worker_runs.latest(db, ADMIN)[worker]}")


def test_a_failing_annotation_round_is_logged_and_recorded_and_the_next_one_succeeds(
        db_path, db, open_session, children_survey, caplog):
    token = responses.start_participant(db, open_session["id"], "sv")
    responses.save_answer(db, token, children_survey.question("onskan"), "Hon var jättesnäll")  # a rule covers it: no embedding model to load
    db.execute(FAIL_ANNOTATIONS)
    config = Config(db_path=db_path, background="external")
    with caplog.at_level(logging.ERROR, logger="barnrosten"):
        queue.enqueue(db, worker.ANNOTATION)
        worker.run_due(db, config)
        failed = wait_for(db, worker_runs.ANNOTATION, "error")
    assert failed["last_success_at"] is None and failed["last_run_at"] == failed["last_error_at"]
    assert failed["last_error"] == "IntegrityError: database or disk is full"
    logged = [r for r in caplog.records if r.name == "barnrosten.jobs.worker"]
    assert logged and "annotation" in logged[0].getMessage() and logged[0].exc_info  # with its traceback
    assert db.execute("SELECT COUNT(*) FROM annotations").fetchone()[0] == 0

    db.execute("DROP TRIGGER broken")
    queue.enqueue(db, worker.ANNOTATION)  # asked for again now: the retry is moved forward
    worker.run_due(db, config)
    done = wait_for(db, worker_runs.ANNOTATION, "ok")
    assert done["last_success_at"] is not None and done["last_error"] == failed["last_error"]  # the error stays shown
    assert db.execute("SELECT COUNT(*) FROM annotations").fetchone()[0] == 1


def test_the_network_summary_worker_records_a_failed_rebuild_and_keeps_going(db_path, db, version_ids, caplog):
    db.execute("CREATE TRIGGER broken BEFORE INSERT ON cube_state BEGIN SELECT RAISE(ABORT, 'no space'); END")
    config = Config(db_path=db_path, background="external")
    with caplog.at_level(logging.ERROR, logger="barnrosten"):
        queue.enqueue(db, worker.NETWORK_SUMMARY)
        worker.run_due(db, config)
        failed = wait_for(db, worker_runs.NETWORK_SUMMARY, "error")
        assert failed["last_error"] == "IntegrityError: no space"
        assert any("network_summary" in r.getMessage() for r in caplog.records)
        db.execute("DROP TRIGGER broken")
        queue.enqueue(db, worker.NETWORK_SUMMARY)
        worker.run_due(db, config)
        done = wait_for(db, worker_runs.NETWORK_SUMMARY, "ok")
    assert done["last_error"] == "IntegrityError: no space" and done["last_success_at"] >= failed["last_error_at"]
    assert db.execute("SELECT COUNT(*) FROM cube_state").fetchone()[0] == 1


def test_retention_from_cron_records_its_runs_and_fails_loudly(db_path, db, open_session, children_survey, capsys):
    token = responses.start_participant(db, open_session["id"], "sv")
    responses.save_answer(db, token, children_survey.question("onskan"), "Bra möten")
    assert manage.main(["--db", str(db_path), "purge-free-text", "--months", "24"]) == 0
    assert worker_runs.latest(db, ADMIN)[worker_runs.RETENTION]["last_outcome"] == "ok"
    db.execute("CREATE TRIGGER broken BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log full'); END")
    assert manage.main(["--db", str(db_path), "purge-free-text", "--months", "24"]) == 1
    assert "Purging failed" in capsys.readouterr().err
    run = worker_runs.latest(db, ADMIN)[worker_runs.RETENTION]
    assert run["last_outcome"] == "error" and run["last_error"] == "IntegrityError: audit log full"


def test_only_admins_read_the_worker_runs(db):
    analyst = Principal(2, "anna", frozenset({("analyst", "bjorkdala")}))
    with pytest.raises(PermissionError):
        worker_runs.latest(db, analyst)
    assert set(worker_runs.latest(db, ADMIN)) >= set(worker_runs.WORKERS)


def admin_page(db, lang: str = "sv") -> AppTest:
    accounts.create_user(db, "admin", PASSWORD, roles=[("admin", None)])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["staff_token"] = accounts.start_session(db, accounts.log_in(db, "admin", PASSWORD))
    at.session_state["lang"] = lang
    at.run()
    return at.switch_page("pages/workers.py").run()


def test_the_admin_page_shows_each_workers_last_run_and_error_in_swedish_time(config, db):
    at = admin_page(db)
    wait_for(db, worker_runs.ANNOTATION, "ok")  # the app's start asks for a round; then the stored row is ours
    db.execute("INSERT OR REPLACE INTO worker_runs VALUES ('annotation', '2026-07-01T10:00:00+00:00', '2026-06-30T09:00:00+00:00', "
               "'2026-07-01T10:00:00+00:00', 'IntegrityError: database or disk is full', 'error')")
    db.execute("INSERT OR REPLACE INTO worker_runs VALUES ('retention', '2026-12-07T23:30:00+00:00', "
               "'2026-12-07T23:30:00+00:00', NULL, NULL, 'ok')")
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    rows = {row["Jobb"]: row for row in table.to_dict("records")}
    annotation = rows["Analys av fritextsvar (teman, ton, trygghetsflaggor)"]
    assert annotation["Senast körd"] == "2026-07-01 12:00"  # summer time: UTC+2
    assert annotation["Senaste fel"] == "2026-07-01 12:00" and annotation["Senast utan fel"] == "2026-06-30 11:00"
    assert annotation["Felet"] == "IntegrityError: database or disk is full"
    assert "Fel vid senaste körningen" in annotation["Läge"]
    retention = rows["Gallring av gammal fritext (dagligen eller från cron)"]
    assert retention["Senast körd"] == "2026-12-08 00:30" and "Fungerar" in retention["Läge"]  # winter: UTC+1
    assert rows["Sammanställning för nätverket"]["Läge"] in ("Har inte körts", "✅ Fungerar")
    assert "svensk tid" in " ".join(c.value for c in at.caption)


def test_the_admin_page_in_english(config, db):
    at = admin_page(db, "en")
    assert not at.exception
    assert at.title[0].value == "Background work"
    assert "Analysis of free-text answers (themes, tone, safety flags)" in set(at.dataframe[0].value["Job"])


def test_local_time_follows_swedish_summer_time():
    assert local_time("2026-03-29T00:59:00+00:00") == "2026-03-29 01:59"
    assert local_time("2026-03-29T01:00:00+00:00") == "2026-03-29 03:00"
    assert local_time(None) == "–"
