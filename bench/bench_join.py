"""Time from opening the join link to the first question visible, in Chromium.

Peer, in the same run: a one-line Streamlit app (`st.write`) opened the same
way, to separate our cost from Streamlit's own start-up. Median of several runs.

    python bench/bench_join.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from barnrosten.answering.sessions import create_session  # noqa: E402
from barnrosten.answering.survey_store import ensure_municipality, sync_catalog  # noqa: E402
from barnrosten.storage.db import open_db  # noqa: E402
from surveys.loader import load_surveys  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, TABLET, AppServer, free_port  # noqa: E402

ONE_LINE_APP = 'import streamlit as st\nst.write("Hej")\n'


class OneLineServer(AppServer):
    def __init__(self, script: Path, port: int):
        super().__init__(script.with_suffix(".db"), port)
        self.script = script

    def start(self):
        import os
        import subprocess
        import urllib.request

        self.log = open(self.script.with_suffix(".log"), "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(self.script), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=self.script.parent, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True, env=os.environ,
        )
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("one-line app did not start")


def wait_ready(page):
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')


def time_join(browser, url: str) -> tuple[float, float]:
    """(seconds to the start screen, seconds to the first question including two taps)."""
    context = browser.new_context(viewport=TABLET, has_touch=True)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.get_by_role("button", name="Jag förstår – börja").wait_for()
    welcome = time.perf_counter() - start
    wait_ready(page)
    page.get_by_role("button", name="Jag förstår – börja").tap()
    page.get_by_role("button", name="Nästa").wait_for()
    wait_ready(page)
    page.get_by_role("button", name="Nästa").tap()
    page.get_by_role("button", name="Mycket bra").wait_for()
    first_question = time.perf_counter() - start
    context.close()
    return welcome, first_question


def time_one_line(browser, url: str) -> float:
    context = browser.new_context(viewport=TABLET, has_touch=True)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.get_by_text("Hej").wait_for()
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        db = open_db(folder / "app.db")
        ensure_municipality(db, "bench", "Bench kommun (demo)", is_demo=True)
        version = sync_catalog(db, load_surveys(ROOT / "surveys" / "templates"))["barn-7-12"]
        create_session(db, "bench", version, code="HEJ347")
        db.conn.close()
        script = folder / "one_line.py"
        script.write_text(ONE_LINE_APP)
        app = AppServer(folder / "app.db", free_port()).start()
        peer = OneLineServer(script, free_port()).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                time_join(browser, f"{app.url}/?code=HEJ347")  # warm-up: first run compiles and caches
                time_one_line(browser, peer.url)
                ours = [time_join(browser, f"{app.url}/?code=HEJ347") for _ in range(args.runs)]
                theirs = [time_one_line(browser, peer.url) for _ in range(args.runs)]
                browser.close()
        finally:
            app.kill()
            peer.kill()
    welcome = statistics.median(w for w, _ in ours)
    first = statistics.median(f for _, f in ours)
    one_line = statistics.median(theirs)
    print(f"Chromium {TABLET['width']}x{TABLET['height']}, median of {args.runs} runs")
    print(f"  join link -> start screen visible: {welcome * 1000:.0f} ms")
    print(f"  join link -> first question visible (two taps included): {first * 1000:.0f} ms")
    print(f"  one-line Streamlit app (peer) -> text visible: {one_line * 1000:.0f} ms")
    print(f"  ratio start screen / one-line app: {welcome / one_line:.2f}")


if __name__ == "__main__":
    main()
