"""Configuration, passed in rather than read globally.

The app builds one `Config` per run from the environment (`Config.from_env()`);
tests build their own pointing at a temporary database::

    config = Config(db_path=tmp_path / "test.db")
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

from barnrosten.results.privacy import min_group_size

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Where the embedded database lives unless told otherwise.
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "barnrosten.db"
DEFAULT_SURVEYS_DIR = PROJECT_ROOT / "surveys" / "templates"
# A weather forecast: nothing on it tells anyone what the person was doing.
DEFAULT_QUICK_EXIT_URL = "https://www.smhi.se/"
BACKGROUND_MODES = ("thread", "external")


@dataclass(frozen=True)
class Config:
    db_path: Path = DEFAULT_DB_PATH
    surveys_dir: Path = DEFAULT_SURVEYS_DIR
    # Seconds the finish screen stays on a shared tablet before it returns to the start.
    finish_screen_seconds: int = 60
    # How often the answering screen checks whether a shared tablet has been left idle.
    idle_check_seconds: int = 15
    # Where "Lämna snabbt" (quick exit) takes a young person or a guardian: a neutral page.
    quick_exit_url: str = DEFAULT_QUICK_EXIT_URL
    # k: no figure about fewer respondents (privacy.min_group_size raises anything below 3 to 3).
    min_group_size: int = 5
    # Who runs background work (annotation, the network summary, retention): "thread", a worker
    # thread in each app process (one process, nothing else to start); or "external", a separate
    # `manage.py worker` (several app processes), the app processes only queue the work.
    background: str = "thread"
    # Raw free text older than this many months is removed by the daily retention job; None: kept
    # until `manage.py purge-free-text` is run (the municipality decides its own retention time).
    retention_months: int | None = None
    # Staff sessions end after this long unused, and after `staff_session_max` at most.
    staff_idle_timeout: timedelta = timedelta(minutes=30)
    staff_session_max: timedelta = timedelta(hours=8)

    @classmethod
    def from_env(cls, environ: dict | None = None) -> "Config":
        """Read `BARNROSTEN_DB` and `BARNROSTEN_SURVEYS` (paths) and the other `BARNROSTEN_*` settings when set."""
        env = os.environ if environ is None else environ
        config = cls()
        if env.get("BARNROSTEN_DB"):
            config = replace(config, db_path=Path(env["BARNROSTEN_DB"]))
        if env.get("BARNROSTEN_SURVEYS"):
            config = replace(config, surveys_dir=Path(env["BARNROSTEN_SURVEYS"]))
        if env.get("BARNROSTEN_FINISH_SECONDS"):
            config = replace(config, finish_screen_seconds=int(env["BARNROSTEN_FINISH_SECONDS"]))
        if env.get("BARNROSTEN_IDLE_CHECK_SECONDS"):
            config = replace(config, idle_check_seconds=int(env["BARNROSTEN_IDLE_CHECK_SECONDS"]))
        if env.get("BARNROSTEN_QUICK_EXIT_URL"):
            url = env["BARNROSTEN_QUICK_EXIT_URL"]
            if not url.startswith(("https://", "http://")):
                raise ValueError("BARNROSTEN_QUICK_EXIT_URL must be an http(s) address")
            config = replace(config, quick_exit_url=url)
        if env.get("BARNROSTEN_MIN_GROUP_SIZE"):
            config = replace(config, min_group_size=int(env["BARNROSTEN_MIN_GROUP_SIZE"]))
        if env.get("BARNROSTEN_BACKGROUND"):
            if env["BARNROSTEN_BACKGROUND"] not in BACKGROUND_MODES:
                raise ValueError(f"BARNROSTEN_BACKGROUND must be one of {', '.join(BACKGROUND_MODES)}")
            config = replace(config, background=env["BARNROSTEN_BACKGROUND"])
        if env.get("BARNROSTEN_RETENTION_MONTHS"):
            months = int(env["BARNROSTEN_RETENTION_MONTHS"])
            if months < 1:
                raise ValueError("BARNROSTEN_RETENTION_MONTHS must be at least 1")
            config = replace(config, retention_months=months)
        if env.get("BARNROSTEN_STAFF_IDLE_MINUTES"):
            config = replace(config, staff_idle_timeout=timedelta(minutes=float(env["BARNROSTEN_STAFF_IDLE_MINUTES"])))
        if env.get("BARNROSTEN_STAFF_MAX_HOURS"):
            config = replace(config, staff_session_max=timedelta(hours=float(env["BARNROSTEN_STAFF_MAX_HOURS"])))
        return config

    @property
    def k(self) -> int:
        """The minimum group size in force (never below privacy.LOWEST_ALLOWED_MIN_GROUP_SIZE)."""
        return min_group_size(self.min_group_size)
