"""Capacity of one server process: N children answering at once through Streamlit's own protocol.

Each simulated child is a websocket client speaking what the browser speaks on
`/_stcore/stream` (BackMsg out, ForwardMsg in): it opens the join link, taps
"Jag förstår – börja", the profile, every question of the children's survey
(a face, yes/no, a choice, sometimes a few words) and "Nästa", then "Klar" and
"Jag är klar", with about 2 s of thinking (1.5–2.5 s) between taps. A tap is
the widget states the browser would send (every stateful widget plus the
tapped button's trigger, the link's query string, the page); the next screen
is there when the run it caused has finished (`script_finished`). The idle
watch's auto-rerun timer is kept as the browser keeps it (reset by every full
run). No browser draws anything, so the load generator leaves the cores to the
server.

Per N it prints tap -> next screen p50/p95, the server process's own CPU
seconds per tap (utime + stime from /proc/<pid>/stat: the figure that does not
depend on the load generator or on the other users of the machine), completed
children and errors, and checks every answer against the database. The first
N whose p95 passes 1 s is printed at the end.

    python bench/bench_capacity.py [--levels 1,10,20,30,50] [--runs 1] [--think 2]
    python bench/bench_capacity.py --serial 3      # CPU per tap by screen, one child tapping without pause
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402

from barnrosten.answering import responses  # noqa: E402
from barnrosten.answering.sessions import create_session  # noqa: E402
from barnrosten.answering.survey_store import ensure_municipality, sync_catalog  # noqa: E402
from barnrosten.storage.db import open_db  # noqa: E402
from surveys.loader import load_surveys  # noqa: E402
from tests.e2e.conftest import AppServer, free_port  # noqa: E402

SURVEY = "barn-7-12"
TAP_TIMEOUT_S = 60
CLK_TCK = os.sysconf("SC_CLK_TCK")
SCREEN_MARKER = re.compile(r'class="br-screen" data-screen="([^"]*)"')
ID_PREFIX = re.compile(r"^\$\$ID-[0-9a-f]+-")
FINISHED = 0  # ScriptFinishedStatus.FINISHED_SUCCESSFULLY (a whole run, not a fragment's)


def server_cpu_seconds(pid: int) -> float:
    """utime + stime of one process (all its threads), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


@dataclass
class Tap:
    screen: str
    seconds: float
    cpu: float | None = None


@dataclass
class Child:
    """One simulated child: a websocket session and what it has been shown and has answered."""

    url: str
    code: str
    rng: random.Random
    think: float
    server_pid: int | None = None
    measure_cpu: bool = False
    text_share: float = 0.6  # how often a child writes something in a free-text box
    query: str = ""
    page_hash: str = ""
    screen: str = ""
    widgets: dict[str, str] = field(default_factory=dict)  # user key -> widget id
    group_values: dict[str, list[str]] = field(default_factory=dict)  # segmented controls: id -> chosen
    fragment_id: str | None = None
    fragment_interval: float = 0.0
    taps: list[Tap] = field(default_factory=list)
    fragment_runs: int = 0
    errors: list[str] = field(default_factory=list)
    expected: dict[str, object] = field(default_factory=dict)
    token: str | None = None
    completed: bool = False

    # ---- the protocol ----

    def _client_state(self, msg: BackMsg, trigger: str | None, text: tuple[str, str] | None) -> None:
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        for widget_id, values in self.group_values.items():
            widget = state.widget_states.widgets.add(id=widget_id)
            widget.string_array_value.data.extend(values)
        if text is not None:
            state.widget_states.widgets.add(id=self.widgets[text[0]], string_value=text[1])
        if trigger is not None:
            state.widget_states.widgets.add(id=self.widgets[trigger], trigger_value=True)
        info = state.context_info
        info.timezone, info.timezone_offset, info.locale = "Europe/Stockholm", -60, "sv-SE"
        info.url, info.is_embedded, info.color_scheme = f"{self.url}/", False, "light"

    async def _run(self, ws, trigger: str | None = None, text: tuple[str, str] | None = None,
                   fragment: bool = False) -> float:
        """Send one rerun and read until it has finished; returns the seconds it took."""
        msg = BackMsg()
        self._client_state(msg, trigger, text)
        if fragment:
            msg.rerun_script.fragment_id = self.fragment_id
            msg.rerun_script.is_auto_rerun = True
        else:
            self.widgets, self.group_values, self.fragment_id = {}, {}, None
        cpu_before = server_cpu_seconds(self.server_pid) if self.measure_cpu else None
        screen = self.screen  # the screen tapped on
        start = time.perf_counter()
        await ws.send(msg.SerializeToString())
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(await asyncio.wait_for(ws.recv(), TAP_TIMEOUT_S))
            kind = reply.WhichOneof("type")
            if kind == "delta":
                self._read_delta(reply.delta)
            elif kind == "page_info_changed":
                self.query = reply.page_info_changed.query_string
            elif kind == "navigation":
                self.page_hash = reply.navigation.page_script_hash
            elif kind == "auto_rerun":
                self.fragment_id, self.fragment_interval = reply.auto_rerun.fragment_id, reply.auto_rerun.interval
            elif kind == "script_finished":
                elapsed = time.perf_counter() - start
                if not fragment:
                    cpu = server_cpu_seconds(self.server_pid) - cpu_before if self.measure_cpu else None
                    self.taps.append(Tap(screen, elapsed, cpu))
                else:
                    self.fragment_runs += 1
                return elapsed

    def _read_delta(self, delta) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind in ("button", "text_area", "button_group"):
            widget = getattr(element, kind)
            self.widgets[ID_PREFIX.sub("", widget.id)] = widget.id
            if kind == "button_group":
                self.group_values[widget.id] = list(widget.raw_values)
        elif kind == "html":
            marker = SCREEN_MARKER.search(element.html.body)
            if marker:
                self.screen = marker.group(1)
        elif kind == "exception":
            self.errors.append(f"exception: {element.exception.message[:200]}")

    # ---- what a child does ----

    def _key(self, suffix: str) -> str | None:
        """The widget whose user key is `suffix` or ends with `_suffix` (keys carry the token's prefix)."""
        return next((k for k in self.widgets if k == suffix or k.endswith("_" + suffix)), None)

    def _next_key(self, step: str) -> str | None:
        return next((k for k in self.widgets if k.startswith("next_") and k.endswith("_" + step)), None)

    def _plan(self) -> list[tuple[str, tuple[str, str] | None]]:
        """The taps for the screen now shown: (button key, (text area key, text) or None)."""
        screen, _, qid = self.screen.partition(":")
        rng = self.rng
        if screen == "welcome":
            return [("start", None)]
        if screen == "profile":
            age = rng.choice([k for k in self.widgets if k.startswith("profile_age_")])
            taps = [(age, None)]
            if rng.random() < 0.7:
                taps.append((rng.choice([k for k in self.widgets if k.startswith("profile_gender_")]), None))
            return taps + [("profile_next", None)]
        if screen == "question":
            nxt = self._next_key(qid)
            faces = [k for k in self.widgets if k.startswith("face_") and k.rsplit("_", 1)[0].endswith(qid)]
            choices = [k for k in self.widgets if k.startswith("choice_") and f"_{qid}_" in k]
            texts = [k for k in self.widgets if k.startswith("text_") and k.endswith(qid)]
            if faces:
                value = rng.choices([1, 2, 3, 4, 5], weights=[1, 1, 2, 4, 4])[0]
                self.expected[qid] = value
                return [(next(k for k in faces if k.endswith(f"_{value}")), None), (nxt, None)]
            if texts:
                if rng.random() < self.text_share:
                    words = rng.choice(["De lyssnar inte alltid", "Bättre tider", "Att få träffas oftare", "Vet inte"])
                    self.expected[qid] = words
                    return [(nxt, (texts[0], words))]
                return [(nxt, None)]
            if choices:
                options = [k.rsplit(f"_{qid}_", 1)[1] for k in choices]
                multi = qid == "prata_med"
                picked = rng.sample(options, rng.choice([1, 2])) if multi else [rng.choice(options)]
                self.expected[qid] = sorted(picked) if multi else picked[0]
                return [(next(k for k in choices if k.endswith(f"_{qid}_{o}")), None) for o in picked] + [(nxt, None)]
            return [(nxt, None)]
        if screen == "answered_with":
            value = rng.choice(["self", "with_adult"])
            return [(self._key(f"answered_with_{value}"), None), (self._next_key("answered_with"), None)]
        if screen == "finish":
            return [("finish_done", None)]
        return []

    async def _think(self, ws, seconds: float) -> None:
        """Wait like a thinking child; the idle watch fires if the wait outlasts its interval."""
        deadline = time.perf_counter() + seconds
        while self.fragment_id and self.fragment_interval and seconds > self.fragment_interval:
            await asyncio.sleep(self.fragment_interval)
            seconds -= self.fragment_interval
            await self._run(ws, fragment=True)
        await asyncio.sleep(max(0.0, deadline - time.perf_counter()))

    async def answer_survey(self, start_delay: float = 0.0) -> None:
        await asyncio.sleep(start_delay)
        ws_url = self.url.replace("http://", "ws://") + "/_stcore/stream"
        try:
            async with connect(ws_url, subprotocols=["streamlit"], origin=self.url, max_size=None,
                               open_timeout=TAP_TIMEOUT_S) as ws:
                self.query = f"code={self.code}"
                await self._run(ws)  # opening the join link
                for _ in range(80):
                    if self.screen.startswith("join"):
                        self.errors.append(f"back at the join screen: {self.screen}")
                        return
                    plan = self._plan()
                    if not plan:
                        self.errors.append(f"no plan for screen {self.screen!r}")
                        return
                    for key, text in plan:
                        await self._think(ws, self.think * self.rng.uniform(0.75, 1.25))
                        if key is None or key not in self.widgets:
                            self.errors.append(f"no button {key!r} on {self.screen!r}")
                            return
                        finishing = key == "finish_done"
                        await self._run(ws, trigger=key, text=text)
                        token = parse_qs(self.query).get("p")
                        self.token = token[0] if token else self.token
                        if finishing:
                            self.completed = self.screen.startswith("welcome")
                            return
        except Exception as error:  # noqa: BLE001 - every failure is counted, none stops the others
            self.errors.append(f"{type(error).__name__}: {error}")


# ---- the server and the database ----


def prepare_database(path: Path, codes: list[str]) -> None:
    db = open_db(path)
    ensure_municipality(db, "kapacitet", "Kapacitet kommun (demo)", is_demo=True)
    version = sync_catalog(db, load_surveys(ROOT / "surveys" / "templates"))[SURVEY]
    for code in codes:
        create_session(db, "kapacitet", version, code=code)
    db.conn.close()


def check_saved(db_path: Path, children: list[Child]) -> tuple[int, int]:
    """(answers found as given, answers given): every face, yes/no, choice and text, read back."""
    db = open_db(db_path, migrate=False)
    try:
        found = given = 0
        for child in children:
            stored = responses.answers_for(db, child.token) if child.token else {}
            for qid, value in child.expected.items():
                given += 1
                answer = stored.get(qid)
                if answer is not None and not answer.skipped:
                    got = sorted(answer.value) if isinstance(answer.value, list) else answer.value
                    found += got == value
        return found, given
    finally:
        db.conn.close()


def completed_in_db(db_path: Path, code: str) -> int:
    db = open_db(db_path, migrate=False)
    try:
        return db.execute(
            "SELECT COUNT(*) FROM participants p JOIN sessions s ON s.id = p.session_id "
            "WHERE s.code = ? AND p.completed_at IS NOT NULL", [code]).fetchone()[0]
    finally:
        db.conn.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else float("nan")


@dataclass
class Level:
    n: int
    p50: float
    p95: float
    cpu_per_tap: float
    taps: int
    fragment_runs: int
    completed: int
    completed_db: int
    errors: list[str]
    saved: tuple[int, int]
    wall: float
    generator_cpu: float


async def run_level(url: str, pid: int, db_path: Path, code: str, n: int, think: float, seed: int) -> Level:
    rng = random.Random(seed)
    children = [Child(url, code, random.Random(rng.random()), think, pid) for _ in range(n)]
    cpu0, own0, wall0 = server_cpu_seconds(pid), time.process_time(), time.perf_counter()
    # Children join within the first three seconds, as when the facilitator says "now".
    await asyncio.gather(*(child.answer_survey(rng.uniform(0, 3)) for child in children))
    cpu = server_cpu_seconds(pid) - cpu0
    wall, own = time.perf_counter() - wall0, time.process_time() - own0
    latencies = [tap.seconds for child in children for tap in child.taps]
    errors = [e for child in children for e in child.errors]
    fragment_runs = sum(child.fragment_runs for child in children)
    return Level(n, percentile(latencies, 0.5), percentile(latencies, 0.95), cpu / max(1, len(latencies)),
                 len(latencies), fragment_runs, sum(c.completed for c in children), completed_in_db(db_path, code),
                 errors, check_saved(db_path, children), wall, own)


async def settle(pid: int, quiet: float = 0.03, limit: float = 120.0) -> None:
    """Wait until the server is idle (under `quiet` CPU seconds in a second), e.g. after loading models."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        before = server_cpu_seconds(pid)
        await asyncio.sleep(1.0)
        if server_cpu_seconds(pid) - before < quiet:
            return


async def run_serial(url: str, pid: int, code: str, seed: int) -> tuple[dict[str, list[float]], float]:
    """One child tapping without pause, the server otherwise idle: server CPU of each tap, by screen."""
    child = Child(url, code, random.Random(seed), 0.0, pid, measure_cpu=True)
    cpu0 = server_cpu_seconds(pid)
    await child.answer_survey()
    await settle(pid)  # what a tap leaves running (the analysis of a text) counts too
    if child.errors:
        raise RuntimeError(child.errors)
    whole = (server_cpu_seconds(pid) - cpu0) / len(child.taps)
    by_screen: dict[str, list[float]] = {}
    for tap in child.taps[1:]:  # the first is opening the link
        by_screen.setdefault(tap.screen.partition(":")[0], []).append(tap.cpu)
    return by_screen, whole


def codes_for(count: int) -> list[str]:
    alphabet = "ACDEFGHJKMNPQRTUVWXY34679"
    return ["KAP" + "".join(alphabet[(i // len(alphabet) ** d) % len(alphabet)] for d in range(3)) for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--levels", default="1,10,20,30,50", help="children at once, comma-separated")
    parser.add_argument("--runs", type=int, default=1, help="runs of the whole sweep (medians are printed)")
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds between taps (±25 %%)")
    parser.add_argument("--serial", type=int, default=0, help="first: this many children one after another, "
                                                               "tapping without pause (CPU per tap by screen)")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    levels = [int(n) for n in args.levels.split(",") if n.strip()]
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "capacity.db"
        codes = codes_for(1 + args.serial + len(levels) * args.runs)
        prepare_database(db_path, codes)
        server = AppServer(db_path, free_port()).start()
        pid = server.process.pid
        try:
            return asyncio.run(_measure(args, levels, codes, server.url, pid, db_path))
        finally:
            server.kill()


async def _measure(args, levels, codes, url, pid, db_path) -> None:
    # Warm-up: the first run imports the pages and fills the caches; its texts load the analysis models.
    await Child(url, codes.pop(0), random.Random(0), 0.0, pid, text_share=1.0).answer_survey()
    await settle(pid)
    if args.serial:
        by_screen: dict[str, list[float]] = {}
        wholes = []
        for i in range(args.serial):
            screens, whole = await run_serial(url, pid, codes.pop(0), args.seed + i)
            wholes.append(whole)
            for screen, cpus in screens.items():
                by_screen.setdefault(screen, []).extend(cpus)
        print("Server CPU per tap, one child tapping without pause (mean over every tap of that screen):")
        for screen, cpus in by_screen.items():
            print(f"  {screen:14s} {1000 * statistics.mean(cpus):6.1f} ms   ({len(cpus)} taps)")
        answering = [c for s in ("question", "answered_with") for c in by_screen.get(s, [])]
        print(f"  {'answering':14s} {1000 * statistics.mean(answering):6.1f} ms   (question and 'who helped')")
        print(f"  {'whole survey':14s} {1000 * statistics.median(wholes):6.1f} ms   (every tap, with what runs after it "
              f"until the server is idle again; median of {len(wholes)} children)")
    if not levels:
        return
    results: dict[int, list[Level]] = {n: [] for n in levels}
    for run in range(args.runs):
        for n in levels:
            await settle(pid)
            level = await run_level(url, pid, db_path, codes.pop(0), n, args.think, args.seed * 1000 + run * 100 + n)
            results[n].append(level)
            print(f"run {run + 1} N={n:3d}: p50 {level.p50:5.2f} s  p95 {level.p95:5.2f} s  server CPU/tap "
                  f"{1000 * level.cpu_per_tap:5.1f} ms  taps {level.taps}  idle-watch runs {level.fragment_runs}  "
                  f"completed {level.completed}/{n} (db {level.completed_db})  answers saved {level.saved[0]}/"
                  f"{level.saved[1]}  errors {len(level.errors)}  wall {level.wall:.0f} s  "
                  f"generator CPU {level.generator_cpu:.1f} s", flush=True)
            for error in level.errors[:3]:
                print("    error:", error)
    print(f"\nChildren's survey ({SURVEY}), think time {args.think:g} s ±25 %, one server process, "
          f"median of {args.runs} run(s):")
    print("| children at once | tap → next screen p50 / p95 | server CPU per tap | completed | answers saved | errors |")
    print("|---|---|---|---|---|---|")
    passed = None
    for n in levels:
        runs = results[n]
        p50, p95 = statistics.median(r.p50 for r in runs), statistics.median(r.p95 for r in runs)
        cpu = statistics.median(r.cpu_per_tap for r in runs)
        completed = statistics.median(r.completed_db for r in runs)
        saved = sum(r.saved[0] for r in runs), sum(r.saved[1] for r in runs)
        errors = sum(len(r.errors) for r in runs)
        print(f"| {n} | {p50:.2f} / {p95:.2f} s | {1000 * cpu:.0f} ms | {completed:g} of {n} | "
              f"{saved[0]} of {saved[1]} | {errors} |")
        if passed is None and p95 > 1.0:
            passed = n
    print(f"\np95 passes 1 s at N = {passed}" if passed else "\np95 stays within 1 s at every N measured")


if __name__ == "__main__":
    main()
