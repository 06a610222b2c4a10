"""Capacity of a server process: N children answering at once through Streamlit's own protocol.

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
    python bench/bench_capacity.py --serial 3 --levels ''   # CPU per tap by screen, one child without pause
    python bench/bench_capacity.py --baseline 5193a24       # the app at that commit too, same run, as a ratio
    python bench/bench_capacity.py --floor --chromium 2     # Streamlit's floor; the generator against Chromium
    python bench/bench_capacity.py --processes 2 --levels 30  # two processes behind nginx (deploy/nginx/)
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
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto.Alert_pb2 import Alert  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402

from barnrosten.answering import responses  # noqa: E402
from barnrosten.answering.sessions import create_session  # noqa: E402
from barnrosten.answering.survey_store import ensure_municipality, sync_catalog  # noqa: E402
from barnrosten.storage.db import open_db  # noqa: E402
from surveys.loader import load_surveys  # noqa: E402
from tests.e2e.conftest import AppServer, free_port  # noqa: E402
from tests.e2e.proxy import Nginx  # noqa: E402

SURVEY = "barn-7-12"
TAP_TIMEOUT_S = 60
CLK_TCK = os.sysconf("SC_CLK_TCK")
SCREEN_MARKER = re.compile(r'class="br-screen" data-screen="([^"]*)"')
ID_PREFIX = re.compile(r"^\$\$ID-[0-9a-f]+-")
FINISHED = 0  # ScriptFinishedStatus.FINISHED_SUCCESSFULLY (a whole run, not a fragment's)


def server_cpu_seconds(pid: int | tuple[int, ...]) -> float:
    """utime + stime of a server process (all its threads), or of several together, from /proc."""
    if isinstance(pid, tuple):
        return sum(server_cpu_seconds(one) for one in pid)
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def prioritize(pid: int | tuple[int, ...], niceness: int) -> None:
    """Give every thread of the server process(es) this niceness (new threads inherit it from their creator)."""
    for one in pid if isinstance(pid, tuple) else (pid,):
        for task in Path(f"/proc/{one}/task").iterdir():
            os.setpriority(os.PRIO_PROCESS, int(task.name), niceness)


def route_cookie(url: str) -> str | None:
    """Open the page as a browser does first; behind the proxy the answer sets the route cookie."""
    with urllib.request.urlopen(url, timeout=TAP_TIMEOUT_S) as reply:
        for header in reply.headers.get_all("Set-Cookie") or []:
            if header.startswith("barnrosten_route="):
                return header.split(";", 1)[0]
    return None


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
    server_pid: int | tuple[int, ...] | None = None
    measure_cpu: bool = False
    sticky: bool = False  # behind the proxy: fetch the page first and send its route cookie
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
        elif kind == "alert" and element.alert.format == Alert.ERROR:  # e.g. an answer that could not be saved
            self.errors.append(f"error shown on {self.screen!r}: {element.alert.body[:200]}")

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
            headers = {}
            if self.sticky:
                cookie = await asyncio.to_thread(route_cookie, f"{self.url}/?code={self.code}")
                headers = {"Cookie": cookie} if cookie else {}
            async with connect(ws_url, subprotocols=["streamlit"], origin=self.url, max_size=None,
                               open_timeout=TAP_TIMEOUT_S, additional_headers=headers) as ws:
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
    load: float  # the machine's load average over the last minute, at the end (2 cores; shared)


async def run_level(url: str, pid: int | tuple[int, ...], db_path: Path, code: str, n: int, think: float, seed: int,
                    sticky: bool = False) -> Level:
    rng = random.Random(seed)
    children = [Child(url, code, random.Random(rng.random()), think, pid, sticky=sticky) for _ in range(n)]
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
                 errors, check_saved(db_path, children), wall, own, os.getloadavg()[0])


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


class Server(AppServer):
    """`streamlit run app.py` from `root` (this checkout, or another version of the app for comparison)."""

    def __init__(self, root: Path, db_path: Path, script: str = "app.py"):
        super().__init__(db_path, free_port())
        self.root, self.script = root, script

    def start(self) -> "Server":
        import subprocess
        import urllib.request

        env = {**os.environ, "BARNROSTEN_DB": str(self.db_path)}
        self.log = open(self.db_path.with_suffix(f".{self.port}.log"), "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", self.script, "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=self.root, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"streamlit did not start; see {self.log.name}")


@dataclass
class Target:
    name: str
    server: Server
    codes: list[str]
    others: list[Server] = field(default_factory=list)  # more processes on the same database
    proxy: Nginx | None = None
    serial: list[float] = field(default_factory=list)  # per child: server CPU per answering tap
    whole: list[float] = field(default_factory=list)  # per child: server CPU per tap, idle time included
    levels: dict[int, list[Level]] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.proxy.url if self.proxy else self.server.url

    @property
    def pid(self) -> int | tuple[int, ...]:
        return tuple(s.process.pid for s in [self.server, *self.others]) if self.others else self.server.process.pid

    def kill(self) -> None:
        if self.proxy:
            self.proxy.kill()
        for server in [self.server, *self.others]:
            server.kill()

    def locked_in_logs(self) -> int:
        """How often the servers logged SQLite's "database is locked"."""
        return sum(Path(s.log.name).read_text(errors="replace").count("database is locked")
                   for s in [self.server, *self.others])


def start_target(name: str, root: Path, folder: Path, code_count: int, processes: int = 1) -> Target:
    db_path = folder / f"{name.split()[0]}.db"
    codes = codes_for(code_count)
    prepare_database(db_path, codes)
    target = Target(name, Server(root, db_path).start(), codes)
    if processes > 1:
        target.others = [Server(root, db_path).start() for _ in range(processes - 1)]
        ports = [s.port for s in [target.server, *target.others]]
        target.proxy = Nginx(folder / f"nginx-{name.split()[0]}", free_port(), ports).start()
    return target


# Streamlit's own floor: a page with a heading and a button, each tap a full run, the same settings.
FLOOR_APP = """import streamlit as st
st.title("Fråga")
st.button("Nästa", key="next")
"""


async def floor_cpu_per_tap(folder: Path, root: Path, taps: int = 60) -> float:
    script_dir = folder / "floor"
    (script_dir / ".streamlit").mkdir(parents=True)
    (script_dir / ".streamlit" / "config.toml").write_text((root / ".streamlit" / "config.toml").read_text())
    (script_dir / "floor.py").write_text(FLOOR_APP)
    server = Server(script_dir, folder / "floor.db", "floor.py").start()
    try:
        pid = server.process.pid
        child = Child(server.url, "", random.Random(0), 0.0, pid)
        async with connect(server.url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
                           origin=server.url, max_size=None) as ws:
            await child._run(ws)
            for _ in range(10):  # warm-up
                await child._run(ws, trigger="next")
            await settle(pid)
            cpu0 = server_cpu_seconds(pid)
            for _ in range(taps):
                await child._run(ws, trigger="next")
            return (server_cpu_seconds(pid) - cpu0) / taps
    finally:
        server.kill()


# The path of tests/e2e/test_answering_in_browser.py: (button name, exact name or a pattern from its start).
CHROMIUM_TAPS = [
    ("Jag förstår – börja", True), ("10–12 år", True), ("Pojke", True), ("Nästa", True), ("Dåligt", True),
    ("Nästa", False), ("Vill inte svara", True), ("Mycket bra", True), ("Nästa", False), ("Bra", True),
    ("Nästa", False), ("Ja", True), ("Nästa", False), ("Vet inte", True), ("Nästa", False), ("En kompis", True),
    ("Någon i skolan", True), ("Nästa", False), ("Nästa", False), ("En vuxen hjälpte mig", True), ("Klar", False),
]


def chromium_cpu_per_tap(url: str, pid: int, code: str) -> float:
    """One child in Debian's Chromium (820x1180, touch) through the same survey: server CPU per tap."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, TABLET
    from tests.e2e.tablet import tap_button, wait_ready

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport=TABLET, has_touch=True, is_mobile=True, locale="sv-SE").new_page()
            page.goto(f"{url}/?code={code}")
            wait_ready(page)
            time.sleep(2)
            cpu0 = server_cpu_seconds(pid)
            for name, exact in CHROMIUM_TAPS:
                tap_button(page, name if exact else re.compile("^" + re.escape(name)), exact=exact)
            page.get_by_role("heading", name=re.compile("Tack för dina svar")).wait_for()
            time.sleep(2)
            return (server_cpu_seconds(pid) - cpu0) / len(CHROMIUM_TAPS)
        finally:
            browser.close()


async def generator_cpu_per_tap(url: str, pid: int, code: str) -> float:
    """The same path through this load generator, paced like the browser test's taps: server CPU per tap."""
    child = Child(url, code, random.Random(0), 0.0, pid)
    plan = [("start", None), ("profile_age_10-12", None), ("profile_gender_boy", None), ("profile_next", None),
            ("lyssnad_2", None), ("lyssnad", None), ("skip_", None), ("forstar_5", None), ("forstar", None),
            ("snalla_4", None), ("snalla", None), ("samma_yes", None), ("samma", None), ("trygg_dont_know", None),
            ("trygg", None), ("prata_med_kompis", None), ("prata_med_skola", None), ("prata_med", None),
            ("onskan", None), ("answered_with_with_adult", None), ("answered_with", None)]
    async with connect(url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"], origin=url,
                       max_size=None) as ws:
        child.query = f"code={code}"
        await child._run(ws)
        await asyncio.sleep(2)
        cpu0 = server_cpu_seconds(pid)
        for suffix, _ in plan:
            if suffix in ("lyssnad", "forstar", "snalla", "samma", "trygg", "prata_med", "onskan", "answered_with"):
                key = child._next_key(suffix)
            elif suffix == "skip_":
                key = next(k for k in child.widgets if k.startswith("skip_"))
            else:
                key = child._key(suffix)
            await asyncio.sleep(0.5)  # the browser test waits this long after each tap
            await child._run(ws, trigger=key)
        await asyncio.sleep(2)
        if not child.screen.startswith("finish"):
            raise RuntimeError(f"the generator's path ended on {child.screen!r}")
        return (server_cpu_seconds(pid) - cpu0) / len(plan)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--levels", default="1,10,20,30,50", help="children at once, comma-separated ('' for none)")
    parser.add_argument("--runs", type=int, default=1, help="runs of the whole sweep (medians are printed)")
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds between taps (±25 %%)")
    parser.add_argument("--serial", type=int, default=0, help="first: this many children one after another, "
                                                               "tapping without pause (CPU per tap by screen)")
    parser.add_argument("--baseline", metavar="GIT_REF", help="measure this version of the app too, in the same "
                                                             "run (e.g. a commit before the changes), as a ratio")
    parser.add_argument("--floor", action="store_true", help="also Streamlit's floor: a heading and one button")
    parser.add_argument("--chromium", type=int, default=0, metavar="RUNS",
                        help="validate the generator: server CPU per tap of one child in Chromium and through the "
                             "generator on the same path, RUNS times each")
    parser.add_argument("--processes", type=int, default=1, help="app processes on the same database, behind "
                                                                "Debian's nginx with the repository's config")
    parser.add_argument("--nice", type=int, default=None, help="run the servers and this load generator at this "
                                                                 "niceness (root: e.g. -10), on a machine shared with "
                                                                 "other work")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    levels = [int(n) for n in args.levels.split(",") if n.strip()]
    if args.nice is not None:
        os.setpriority(os.PRIO_PROCESS, 0, args.nice)  # the children's side too: a tablet has its own CPU
    code_count = 1 + args.serial + len(levels) * args.runs + 2 * args.chromium
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        targets = [start_target("now", ROOT, folder, code_count, args.processes)]
        try:
            if args.baseline:
                import subprocess

                checkout = folder / "baseline"
                checkout.mkdir()
                archive = subprocess.run(["git", "archive", args.baseline], cwd=ROOT, check=True, capture_output=True)
                subprocess.run(["tar", "-x", "-C", str(checkout)], input=archive.stdout, check=True)
                targets.append(start_target(f"baseline {args.baseline}", checkout, folder, code_count, args.processes))
            asyncio.run(_measure(args, levels, targets, folder))
        finally:
            for target in targets:
                target.kill()


def _level_line(target: Target, run: int, level: Level) -> str:
    return (f"{target.name:>12s} run {run + 1} N={level.n:3d}: p50 {level.p50:5.2f} s  p95 {level.p95:5.2f} s  "
            f"server CPU/tap {1000 * level.cpu_per_tap:5.1f} ms  taps {level.taps}  idle-watch runs "
            f"{level.fragment_runs}  completed {level.completed}/{level.n} (db {level.completed_db})  answers saved "
            f"{level.saved[0]}/{level.saved[1]}  errors {len(level.errors)}  wall {level.wall:.0f} s  "
            f"generator CPU {level.generator_cpu:.1f} s  machine load {level.load:.1f}")


async def _measure(args, levels: list[int], targets: list[Target], folder: Path) -> None:
    for target in targets:
        # Warm-up: the first run imports the pages and fills the caches; its texts load the analysis models.
        code = target.codes.pop(0)
        for server in [target.server, *target.others]:
            await Child(server.url, code, random.Random(0), 0.0, server.process.pid, text_share=1.0).answer_survey()
        await settle(target.pid)
    if args.serial:
        print(f"Server CPU per tap, one child at a time tapping without pause ({args.serial} children):")
        for target in targets:
            pid, by_screen = target.pid, {}
            for i in range(args.serial):
                screens, whole = await run_serial(target.url, pid, target.codes.pop(0), args.seed + i)
                target.whole.append(whole)
                target.serial.append(statistics.mean(screens.get("question", []) + screens.get("answered_with", [])))
                for screen, cpus in screens.items():
                    by_screen.setdefault(screen, []).extend(cpus)
            print(f"  {target.name}: " + ", ".join(f"{screen} {1000 * statistics.mean(cpus):.1f} ms"
                                                   for screen, cpus in by_screen.items()))
            print(f"  {target.name}: answering screens {1000 * statistics.median(target.serial):.1f} ms, whole survey "
                  f"{1000 * statistics.median(target.whole):.1f} ms per tap (with what runs after each tap until the "
                  f"server is idle again); median of {args.serial} children")
        if len(targets) == 2:
            now, before = (statistics.median(t.serial) for t in targets)
            print(f"  ratio now / {targets[1].name}: {now / before:.2f} (answering screens)")
    if args.floor:
        floor = await floor_cpu_per_tap(folder, ROOT)
        print(f"  Streamlit's floor (a heading and one button, the same settings): {1000 * floor:.1f} ms per tap")
        if targets[0].serial:
            print(f"  ratio answering screens / floor: {statistics.median(targets[0].serial) / floor:.2f}")
    if args.chromium:
        target = targets[0]
        pid = target.pid
        browser, generator = [], []
        for _ in range(args.chromium):
            await settle(pid)
            browser.append(await asyncio.to_thread(chromium_cpu_per_tap, target.url, pid, target.codes.pop(0)))
            await settle(pid)
            generator.append(await generator_cpu_per_tap(target.url, pid, target.codes.pop(0)))
        print(f"Validation on the browser test's path ({len(CHROMIUM_TAPS)} taps), server CPU per tap, median of "
              f"{args.chromium}: Chromium {1000 * statistics.median(browser):.1f} ms, this generator "
              f"{1000 * statistics.median(generator):.1f} ms (runs: {[round(1000 * b, 1) for b in browser]} / "
              f"{[round(1000 * g, 1) for g in generator]})")
    for run in range(args.runs):
        for n in levels:
            for target in targets:  # interleaved, so both meet the same load from the machine's other users
                pid = target.pid
                if args.nice is not None:
                    prioritize(pid, args.nice)
                await settle(pid)
                level = await run_level(target.url, pid, target.server.db_path, target.codes.pop(0), n,
                                        args.think, args.seed * 1000 + run * 100 + n, sticky=target.proxy is not None)
                target.levels.setdefault(n, []).append(level)
                print(_level_line(target, run, level), flush=True)
                for error in level.errors[:3]:
                    print("    error:", error)
    if not levels:
        return
    for target in targets:
        processes = f"{args.processes} server processes behind nginx" if args.processes > 1 else "one server process"
        print(f"\n{target.name}: children's survey ({SURVEY}), think time {args.think:g} s ±25 %, {processes}, "
              f"median of {args.runs} run(s); 'database is locked' in the server logs: {target.locked_in_logs()}")
        print("| children at once | tap → next screen p50 / p95 | server CPU per tap | completed | answers saved |"
              " errors |")
        print("|---|---|---|---|---|---|")
        passed = None
        for n in levels:
            runs = target.levels[n]
            p50, p95 = statistics.median(r.p50 for r in runs), statistics.median(r.p95 for r in runs)
            cpu = statistics.median(r.cpu_per_tap for r in runs)
            completed = statistics.median(r.completed_db for r in runs)
            saved = sum(r.saved[0] for r in runs), sum(r.saved[1] for r in runs)
            errors = sum(len(r.errors) for r in runs)
            print(f"| {n} | {p50:.2f} / {p95:.2f} s | {1000 * cpu:.0f} ms | {completed:g} of {n} | "
                  f"{saved[0]} of {saved[1]} | {errors} |")
            if passed is None and p95 > 1.0:
                passed = n
        print(f"p95 passes 1 s at N = {passed}" if passed else "p95 stays within 1 s at every N measured")


if __name__ == "__main__":
    main()
