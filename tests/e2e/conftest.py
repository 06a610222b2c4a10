"""Browser tests: a real Streamlit server on a real SQLite file, driven in Debian's Chromium.

With CI=true a missing browser fails the run instead of skipping it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from barnrosten.answering.sessions import create_session
from barnrosten.answering.survey_store import ensure_municipality, sync_catalog
from barnrosten.storage.db import open_db
from surveys.loader import load_surveys

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
TABLET = {"width": 820, "height": 1180}
PHONE = {"width": 390, "height": 844}
ARTIFACTS = ROOT / "artifacts" / "screenshots"
# Chromium flags for a closed network, as root, without a screen.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
# What a page shows after a server run: the dashboard's first figures take seconds on a busy
# 2-core machine, and Playwright's 5 s default for `expect` made that a failure.
expect.set_options(timeout=20_000)


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _require_browser():
    if Path(CHROMIUM).exists():
        return
    message = f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """`streamlit run serve.py` (app.py and the session-cookie endpoints) on its own port and database; can be killed hard and restarted."""

    def __init__(self, db_path: Path, port: int, extra_env: dict | None = None):
        self.db_path, self.port, self.extra_env = db_path, port, extra_env or {}
        self.process: subprocess.Popen | None = None
        self.url = f"http://127.0.0.1:{port}"

    def start(self) -> "AppServer":
        env = {**os.environ, "BARNROSTEN_DB": str(self.db_path), **self.extra_env}
        self.log = open(self.db_path.with_suffix(f".{self.port}.log"), "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as reply:
                    if reply.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"streamlit did not start; see {self.log.name}")

    def kill(self) -> None:
        """Kill the server as a power cut would: no clean shutdown."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture
def app_db_path(tmp_path) -> Path:
    """A database with the templates and one open shared-tablet session per template."""
    path = tmp_path / "e2e.db"
    db = open_db(path)
    ensure_municipality(db, "bjorkdala", "Björkdala kommun (demo)", is_demo=True)
    versions = sync_catalog(db, load_surveys(ROOT / "surveys" / "templates"))
    create_session(db, "bjorkdala", versions["barn-7-12"], code="HEJ347")
    create_session(db, "bjorkdala", versions["unga-13-20"], code="UNG469")
    db.conn.close()
    return path


@pytest.fixture
def app_server(app_db_path):
    server = AppServer(app_db_path, free_port()).start()
    yield server
    server.kill()


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tablet(browser):
    """A fresh tablet: 820x1180 CSS pixels, touch screen, Swedish locale."""
    context = browser.new_context(viewport=TABLET, has_touch=True, is_mobile=True, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    """A fresh phone: 390x844 CSS pixels, touch screen, Swedish locale."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
