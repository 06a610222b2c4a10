"""The worker runs the real background work from the queue: annotation, the network summary, retention."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

import manage
from barnrosten.answering import responses
from barnrosten.config import Config
from barnrosten.jobs import background, queue, worker
from barnrosten.storage.db import from_iso, utc_now

OLD = utc_now() - timedelta(days=800)


@pytest.fixture
def config(db_path) -> Config:
    return Config(db_path=db_path, background="external")


@pytest.fixture
def risky_comment(db, open_session, children_survey) -> str:
    token = responses.start_participant(db, open_session["id"], "sv")
    responses.save_answer(db, token, children_survey.question("onskan"), "Mötena var för långa men hon lyssnade")
    other = responses.start_participant(db, open_session["id"], "sv")
    responses.save_answer(db, other, children_survey.question("onskan"), "jag vill inte leva längre")
    return other


def annotated(db) -> int:
    return db.execute("SELECT COUNT(*) FROM annotations").fetchone()[0]


def test_an_annotation_job_annotates_every_pending_text_and_flags_risks(db, config, risky_comment):
    db.execute("DELETE FROM safety_flags")  # as if the save-time check had missed it: the annotation pass flags it
    queue.enqueue(db, worker.ANNOTATION)
    assert worker.run_due(db, config, owner="w1") == 1
    assert annotated(db) == 2
    assert db.execute("SELECT COUNT(*) FROM safety_flags").fetchone()[0] == 1
    assert queue.pending(db, worker.ANNOTATION) == 0


def test_the_network_summary_job_builds_the_summary_and_comes_back_in_a_minute(db, config, risky_comment):
    queue.enqueue(db, worker.NETWORK_SUMMARY)
    before = utc_now()
    worker.run_due(db, config, owner="w1")
    assert db.execute("SELECT COUNT(*) FROM cube_state").fetchone()[0] == 1
    (next_run,) = db.execute("SELECT run_after FROM jobs WHERE kind = ? AND status = 'queued'",
                             [worker.NETWORK_SUMMARY]).fetchone()
    assert from_iso(next_run) >= before + worker.NETWORK_SUMMARY_EVERY - timedelta(seconds=1)
    assert worker.run_due(db, config, owner="w1") == 0  # not due again yet


def test_retention_runs_only_when_a_retention_time_is_set(db, config, open_session, children_survey):
    token = responses.start_participant(db, open_session["id"], "sv", now=OLD)
    responses.save_answer(db, token, children_survey.question("onskan"), "Busskortet räcker inte", now=OLD)
    queue.enqueue(db, worker.RETENTION)
    worker.run_due(db, config, owner="w1")
    assert responses.answers_for(db, token)["onskan"].value == "Busskortet räcker inte"
    queue.enqueue(db, worker.RETENTION)  # the daily run is scheduled for tomorrow: ask for one now
    worker.run_due(db, Config(db_path=config.db_path, retention_months=24), owner="w1")
    assert responses.answers_for(db, token)["onskan"].value is None


def test_a_failing_job_is_logged_recorded_and_retried_and_the_worker_goes_on(db, config, monkeypatch, caplog):
    def broken(db, config):
        raise RuntimeError("the disk is full")

    monkeypatch.setitem(worker.HANDLERS, worker.ANNOTATION, broken)
    queue.enqueue(db, worker.ANNOTATION)
    queue.enqueue(db, worker.NETWORK_SUMMARY)
    with caplog.at_level(logging.ERROR, logger="barnrosten.jobs.worker"):
        assert worker.run_due(db, config, owner="w1") == 2
    assert "the disk is full" in caplog.text
    row = next(db.query("SELECT status, last_error, attempts FROM jobs WHERE kind = ?", [worker.ANNOTATION]))
    assert row == {"status": "queued", "last_error": "RuntimeError: the disk is full", "attempts": 1}
    assert db.execute("SELECT COUNT(*) FROM cube_state").fetchone()[0] == 1  # the other job still ran


def test_manage_worker_once_runs_what_the_app_queued(db, db_path, config, risky_comment):
    background.request(db, config, worker.ANNOTATION)  # external: queued, not run
    assert annotated(db) == 0 and background.start(config) is None
    assert manage.main(["--db", str(db_path), "worker", "--once"]) == 0
    assert annotated(db) == 2
    assert {row["kind"] for row in db.query("SELECT kind FROM jobs WHERE status = 'queued'")} == set(worker.EVERY)


def test_in_thread_mode_the_apps_own_worker_runs_requests(db, db_path, risky_comment):
    config = Config(db_path=db_path, background="thread")
    background.request(db, config, worker.ANNOTATION)
    assert background.wait_idle(config, worker.ANNOTATION, timeout=60)
    assert annotated(db) == 2
    assert background.start(config) is background.start(config)  # one worker per database and process
