"""How long a posted card takes to appear on the projected wall, with 30 participants posting at once.

Ours: the facilitator's page open in Chromium (the wall refreshes itself every
WALL_REFRESH_SECONDS); 30 participants post a card each at the same moment;
we time until each card's text is on the facilitator's screen.
Baseline, in the same run: the time until the data layer's wall() returns every card.
Median of several rounds.

    python bench/bench_workshop_wall.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from barnrosten.access import accounts  # noqa: E402
from barnrosten.answering.survey_store import ensure_municipality  # noqa: E402
from barnrosten.storage.db import open_db  # noqa: E402
from barnrosten.ui.workshops.facilitator import WALL_REFRESH_SECONDS  # noqa: E402
from barnrosten.workshops import facilitation  # noqa: E402
from barnrosten.workshops import participation as wp  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, AppServer, free_port  # noqa: E402
from tests.e2e.staff import log_in, open_workshop  # noqa: E402
from tests.e2e.tablet import MAIN  # noqa: E402

PASSWORD = "en lång och bra lösenfras"
PARTICIPANTS = 30


def one_round(page, db_path: Path, workshop: dict, tokens: list[str], round_number: int) -> tuple[list[float], float]:
    texts = [f"Idé {round_number} nummer {i:02d}" for i in range(PARTICIPANTS)]
    start = time.perf_counter()

    def post(token, text):
        own = open_db(db_path)
        try:
            wp.post_card(own, token, text)
        finally:
            own.conn.close()

    threads = [threading.Thread(target=post, args=(token, text)) for token, text in zip(tokens, texts)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    db = open_db(db_path)
    stored = time.perf_counter() - start if len([c for c in facilitation.wall(db, workshop["id"])
                                                  if c["shown_text"] in texts]) == PARTICIPANTS else float("nan")
    db.conn.close()
    seen: dict[str, float] = {}
    deadline = start + 30
    while len(seen) < PARTICIPANTS and time.perf_counter() < deadline:
        shown = page.locator(MAIN).inner_text()
        moment = time.perf_counter() - start
        for text in texts:
            if text not in seen and text in shown:
                seen[text] = moment
        page.wait_for_timeout(50)
    if len(seen) < PARTICIPANTS:
        page.screenshot(path="/tmp/wall-fail.png")
        raise RuntimeError(f"only {len(seen)} of {PARTICIPANTS} cards appeared")
    return list(seen.values()), stored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "wall.db"
        db = open_db(db_path)
        ensure_municipality(db, "bjorkdala", "Björkdala kommun (demo)")
        accounts.create_user(db, "fia", PASSWORD, roles=[("facilitator", "bjorkdala")])
        workshop = facilitation.create_workshop(db, accounts.log_in(db, "fia", PASSWORD), "bjorkdala", title="Bänken",
                                                audience="youth", activities=[{"kind": "ideas"}])
        tokens = [wp.join(db, workshop["code"]).token for _ in range(PARTICIPANTS)]
        db.conn.close()
        server = AppServer(db_path, free_port()).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.set_default_timeout(30_000)
                log_in(page, server.url, "fia", PASSWORD)
                open_workshop(page, "Bänken")
                medians, worsts, stored = [], [], []
                for number in range(args.rounds):
                    latencies, data_time = one_round(page, db_path, workshop, tokens, number)
                    medians.append(statistics.median(latencies))
                    worsts.append(max(latencies))
                    stored.append(data_time)
                browser.close()
        finally:
            server.kill()
    print(f"{PARTICIPANTS} participants posting at once; wall refresh every {WALL_REFRESH_SECONDS} s; "
          f"{args.rounds} rounds (median of rounds)")
    print(f"card on the projected wall: median {statistics.median(medians):.2f} s, worst {statistics.median(worsts):.2f} s")
    print(f"baseline: all {PARTICIPANTS} cards stored and returned by wall(): {statistics.median(stored):.3f} s")
    print(f"ratio (median on screen / stored): {statistics.median(medians) / statistics.median(stored):.0f}")


if __name__ == "__main__":
    main()
