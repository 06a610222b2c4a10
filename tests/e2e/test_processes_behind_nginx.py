"""Two app processes on one SQLite file behind Debian's nginx, with the repository's config (deploy/nginx/).

A browser keeps to one process (a random route cookie, no IP address); children in Chromium and
thirty children through Streamlit's own protocol answer through the proxy, and every answer is in
the database, none lost to "database is locked".
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from websockets.asyncio.client import connect

from barnrosten.answering import responses
from barnrosten.storage.db import open_db
from bench.bench_capacity import Child, check_saved, completed_in_db
from tests.e2e.conftest import ROOT, AppServer, free_port
from tests.e2e.proxy import Nginx, nginx_available
from tests.e2e.tablet import expect_heading, tap_button, wait_ready

# Each process signs Streamlit's XSRF cookie; behind one proxy they must share the secret. Background
# work runs in one separate worker (docs/deployment.md), not in each app process.
SECRET = {"STREAMLIT_SERVER_COOKIE_SECRET": "test-secret-shared-by-the-processes", "BARNROSTEN_BACKGROUND": "external"}


def _require_nginx():
    if nginx_available():
        return
    message = "nginx is missing: run `make test` (it installs Debian's nginx)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


class WhoAnswered(Nginx):
    """The test's nginx also says which process answered (X-Upstream), to check stickiness."""

    def start(self):
        import tests.e2e.proxy as proxy

        original = proxy.CONFIG
        proxy.CONFIG = original.replace("include {root}/deploy/nginx/proxy.conf;",
                                        "include {root}/deploy/nginx/proxy.conf;\n"
                                        "            add_header X-Upstream $upstream_addr always;")
        try:
            return super().start()
        finally:
            proxy.CONFIG = original


@pytest.fixture
def two_processes(app_db_path, tmp_path):
    _require_nginx()
    servers = [AppServer(app_db_path, free_port(), SECRET).start() for _ in range(2)]
    proxy = WhoAnswered(tmp_path / "nginx", free_port(), [s.port for s in servers]).start()
    worker = subprocess.Popen([sys.executable, "manage.py", "--db", str(app_db_path), "worker", "--poll", "0.5"],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    yield proxy, servers, worker
    worker.terminate()
    worker.wait(timeout=30)
    proxy.kill()
    for server in servers:
        server.kill()


def run_async(coroutine):
    """asyncio.run in a thread of its own: Playwright's sync API keeps a loop running in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _get(url: str, cookie: str | None = None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as reply:
        return reply.headers.get("X-Upstream"), reply.headers.get_all("Set-Cookie") or []


def test_a_browser_keeps_to_one_process_by_a_random_cookie(two_processes):
    proxy, servers, _ = two_processes
    upstreams, cookies = set(), set()
    for _ in range(20):
        upstream, set_cookies = _get(f"{proxy.url}/?code=HEJ347")
        (cookie,) = [c.split(";")[0] for c in set_cookies if c.startswith("barnrosten_route=")]
        assert re.fullmatch(r"barnrosten_route=[0-9a-f]{32}", cookie)  # random, nothing about the person
        cookies.add(cookie)
        upstreams.add(upstream)
        # With its cookie, every later request of that browser, the websocket too, reaches the same process
        # and is not given a new cookie.
        for _ in range(3):
            again, new_cookies = _get(f"{proxy.url}/_stcore/health", cookie)
            assert again == upstream
            assert not [c for c in new_cookies if c.startswith("barnrosten_route=")]

        async def websocket_upstream():
            async with connect(proxy.url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"],
                               origin=proxy.url, additional_headers={"Cookie": cookie}) as ws:
                return ws.response.headers.get("X-Upstream")

        assert run_async(websocket_upstream()) == upstream
    assert len(cookies) == 20
    assert upstreams == {f"127.0.0.1:{s.port}" for s in servers}  # and browsers are spread over both


def test_a_child_answers_through_the_proxy_in_chromium(two_processes, tablet, app_db_path):
    proxy, _, _ = two_processes
    page = tablet
    page.goto(f"{proxy.url}/?code=HEJ347")
    wait_ready(page)
    tap_button(page, "Jag förstår – börja")
    token = re.search(r"[?&]p=([^&]+)", page.url).group(1)
    tap_button(page, "Nästa")
    expect_heading(page, "Lyssnar de vuxna på dig")
    tap_button(page, "Bra", exact=True)
    tap_button(page, re.compile("^Nästa"))
    tap_button(page, "Mycket bra", exact=True)
    # A reload opens a new websocket: the cookie brings it back to the same process, and the link resumes.
    page.reload()
    wait_ready(page)
    expect_heading(page, "Förstår du vad som ska hända nu?")
    db = open_db(app_db_path)
    try:
        stored = {qid: a.value for qid, a in responses.answers_for(db, token).items()}
    finally:
        db.conn.close()
    assert stored == {"lyssnad": 4, "forstar": 5}


def test_thirty_children_on_two_processes_lose_no_answer(two_processes, app_db_path):
    proxy, servers, worker = two_processes
    children = [Child(proxy.url, "HEJ347", random.Random(i), 0.5, sticky=True) for i in range(30)]

    async def answer_all():
        await asyncio.gather(*(child.answer_survey(i * 0.05) for i, child in enumerate(children)))

    run_async(answer_all())
    assert [e for child in children for e in child.errors] == []
    assert all(child.completed for child in children)
    found, given = check_saved(app_db_path, children)
    assert given > 150 and found == given
    assert completed_in_db(app_db_path, "HEJ347") == 30
    for server in servers:
        assert "database is locked" not in open(server.log.name, errors="replace").read()
    # Background work (the annotation both processes asked for at start, the network summary) ran
    # in the one worker, none of it in the app processes.
    db = open_db(app_db_path)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not db.execute("SELECT 1 FROM jobs WHERE status = 'done'").fetchone():
            time.sleep(0.2)
        owners = {row[0].split(":")[1] for row in db.execute("SELECT lease_owner FROM jobs WHERE lease_owner IS NOT NULL")}
        kinds = {row[0] for row in db.execute("SELECT kind FROM jobs WHERE status = 'done'")}
    finally:
        db.conn.close()
    assert owners == {str(worker.pid)}
    assert {"annotation", "network_summary"} <= kinds
