"""The job queue: leases, coalescing, retries, one job of a kind at a time, and nothing taken twice."""

from __future__ import annotations

import multiprocessing
import threading
from datetime import timedelta

import pytest

from barnrosten.jobs import queue
from barnrosten.storage.db import open_db, utc_now

T0 = utc_now().replace(microsecond=0)


def status(db, job_id: int) -> dict:
    return dict(next(db.query("SELECT * FROM jobs WHERE id = ?", [job_id])))


def test_requests_of_a_kind_coalesce_into_one_queued_job(db):
    first = queue.enqueue(db, "annotation", now=T0)
    assert queue.enqueue(db, "annotation", now=T0) == first
    assert queue.enqueue(db, "network_summary", now=T0) != first
    assert queue.pending(db) == 2


def test_an_earlier_request_moves_a_scheduled_job_forward(db):
    later = T0 + timedelta(minutes=10)
    job_id = queue.enqueue(db, "network_summary", run_after=later, now=T0)
    assert queue.claim(db, "w1", now=T0) is None  # not due yet
    queue.enqueue(db, "network_summary", now=T0)
    assert queue.claim(db, "w1", now=T0).id == job_id


def test_a_crashed_workers_job_is_taken_again_when_its_lease_runs_out(db):
    job_id = queue.enqueue(db, "annotation", now=T0)
    crashed = queue.claim(db, "crashed", now=T0, lease=timedelta(minutes=2))
    assert crashed.id == job_id and crashed.attempts == 1
    assert queue.claim(db, "w2", now=T0 + timedelta(minutes=1)) is None  # still held
    taken = queue.claim(db, "w2", now=T0 + timedelta(minutes=3))
    assert taken.id == job_id and taken.attempts == 2
    # The first holder comes back late: it can neither finish nor fail the job, nor renew it.
    assert not queue.complete(db, crashed, "crashed")
    assert not queue.fail(db, crashed, "crashed", "late")
    assert not queue.renew(db, crashed, "crashed")
    assert status(db, job_id)["lease_owner"] == "w2"
    assert queue.complete(db, taken, "w2")
    assert status(db, job_id)["status"] == "done"


def test_a_renewed_lease_is_not_taken_over(db):
    queue.enqueue(db, "annotation", now=T0)
    job = queue.claim(db, "w1", now=T0, lease=timedelta(minutes=2))
    assert queue.renew(db, job, "w1", now=T0 + timedelta(minutes=1), lease=timedelta(minutes=2))
    assert queue.claim(db, "w2", now=T0 + timedelta(minutes=2, seconds=30)) is None


def test_one_job_of_a_kind_runs_at_a_time_and_a_request_during_it_waits_for_it(db):
    queue.enqueue(db, "network_summary", now=T0)
    running = queue.claim(db, "w1", now=T0)
    waiting = queue.enqueue(db, "network_summary", now=T0)  # saved after the run began: needs its own pass
    assert waiting != running.id
    assert queue.claim(db, "w2", now=T0) is None
    queue.complete(db, running, "w1")
    assert queue.claim(db, "w2", now=T0).id == waiting


def test_a_failed_job_is_retried_later_then_left_failed(db):
    job_id = queue.enqueue(db, "annotation", now=T0)
    moment = T0
    for attempt in range(1, queue.MAX_ATTEMPTS + 1):
        job = queue.claim(db, "w1", now=moment)
        assert job is not None and job.id == job_id and job.attempts == attempt
        assert queue.fail(db, job, "w1", f"boom {attempt}", now=moment)
        row = status(db, job_id)
        if attempt < queue.MAX_ATTEMPTS:
            assert row["status"] == "queued" and row["last_error"] == f"boom {attempt}"
            assert queue.claim(db, "w1", now=moment) is None  # not before the wait
            moment = moment + queue.RETRY_BASE * 2 ** (attempt - 1)
    assert status(db, job_id)["status"] == "failed"
    assert queue.claim(db, "w1", now=moment + timedelta(days=1)) is None


def test_a_request_while_a_job_fails_folds_into_its_retry(db):
    queue.enqueue(db, "annotation", now=T0)
    job = queue.claim(db, "w1", now=T0)
    queue.enqueue(db, "annotation", now=T0)
    queue.fail(db, job, "w1", "disk full", now=T0)
    assert queue.pending(db, "annotation") == 1


def test_finished_jobs_are_forgotten_after_a_week(db):
    queue.enqueue(db, "annotation", now=T0)
    queue.complete(db, queue.claim(db, "w1", now=T0), "w1", now=T0)
    assert queue.forget_finished(db, now=T0 + timedelta(days=6)) == 0
    assert queue.forget_finished(db, now=T0 + timedelta(days=8)) == 1


def _claim_all(db_path: str, owner: str, results) -> None:
    db = open_db(db_path)
    taken = []
    while (job := queue.claim(db, owner)) is not None:
        taken.append(job.id)
        queue.complete(db, job, owner)
    db.conn.close()
    results.extend(taken) if isinstance(results, list) else results.put(taken)


KINDS = [f"kind-{n}" for n in range(60)]


def test_threads_never_take_the_same_job(db, db_path):
    ids = {queue.enqueue(db, kind) for kind in KINDS}
    taken: list[int] = []
    threads = [threading.Thread(target=_claim_all, args=(db_path, f"t{n}", taken)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(taken) == sorted(ids)


def test_processes_never_take_the_same_job(db, db_path):
    ids = {queue.enqueue(db, kind) for kind in KINDS}
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = [context.Process(target=_claim_all, args=(str(db_path), f"p{n}", results)) for n in range(3)]
    for worker in workers:
        worker.start()
    taken = [job_id for _ in workers for job_id in results.get(timeout=120)]
    for worker in workers:
        worker.join(timeout=60)
    assert sorted(taken) == sorted(ids)
    assert {row["status"] for row in db.query("SELECT status FROM jobs")} == {"done"}


@pytest.mark.parametrize("kind", [None, "annotation"])
def test_due_or_running_ignores_work_scheduled_for_later(db, kind):
    queue.enqueue(db, "annotation", run_after=T0 + timedelta(hours=1), now=T0)
    assert queue.due_or_running(db, kind, now=T0) == 0
    assert queue.due_or_running(db, kind, now=T0 + timedelta(hours=2)) == 1
