"""What one Streamlit run shares: resolved once in app.py and read by every page, the way Flask uses `g`.

app.py calls `start_run()` at the top of each run: it prepares the process once (migrations, survey
files, background workers), resolves the staff principal (one session lookup, one `last_seen_at`
write), the language and the unread-flag count for the menu. Pages then read it::

    run = this_run()
    lang, principal = run.lang, run.principal
    with run.db() as db:
        ...

Each piece of work borrows a connection from the pool in barnrosten/storage/db.py and gives it
back afterwards; `run.db()` is the one way pages open it, and the one seam where another database
can be plugged in later.
"""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils
import streamlit as st

from analysis import safeguarding_model
from barnrosten.access.roles import Principal
from barnrosten.answering.survey_store import sync_catalog
from barnrosten.config import Config
from barnrosten.jobs import background
from barnrosten.jobs.worker import ANNOTATION
from barnrosten.logs import configure_logging
from barnrosten.storage.db import connection, open_db
from surveys.loader import SurveyCatalog, load_surveys

RUN_KEY = "_run_context"


def get_config() -> Config:
    return Config.from_env()


@st.cache_resource(show_spinner=False)
def _prepare(config: Config) -> SurveyCatalog:
    """Migrate the database, store the current survey files and start the workers, once per process."""
    configure_logging()
    catalog = load_surveys(Path(config.surveys_dir))
    db = open_db(config.db_path)
    try:
        sync_catalog(db, catalog)
        # Texts saved before an analysis update are annotated again in the background; the worker
        # (this process's thread, or `manage.py worker`) also keeps the network summary fresh.
        background.request(db, config, ANNOTATION)
    finally:
        db.conn.close()
    # The safeguarding model (weights and the embedding engine) loads in the background now, so that the
    # first child who writes something worrying sees help at once instead of waiting for the load.
    threading.Thread(target=safeguarding_model.warm_up, name="safeguarding-warm-up", daemon=True).start()
    return catalog


def prepare(config: Config) -> SurveyCatalog:
    """The survey catalog, after the one-time start-up work for this database (cached: cheap after the first call)."""
    return _prepare(config)


@dataclass(frozen=True)
class RunContext:
    config: Config
    principal: Principal | None
    lang: str
    catalog: SurveyCatalog
    # Unread safety flags in the menu (0 for users who review none); shown on the dashboard too.
    new_flags: int = 0

    def db(self) -> AbstractContextManager[sqlite_utils.Database]:
        """A connection for one piece of work, back to the pool afterwards (`with run.db() as db:`)."""
        return connection(self.config.db_path)

    @property
    def k(self) -> int:
        return self.config.k


def start_run(config: Config, principal: Principal | None, new_flags: int = 0) -> RunContext:
    """Store this run's context for the pages (app.py, once per run, before the page runs)."""
    run = RunContext(config, principal, st.session_state.get("lang", "sv"), prepare(config), new_flags)
    st.session_state[RUN_KEY] = run
    return run


def this_run() -> RunContext:
    """The context app.py resolved for this run."""
    run = st.session_state.get(RUN_KEY)
    if run is None:  # a page run without app.py: there is no such thing in the app
        raise RuntimeError("pages run inside app.py, which resolves the run context first")
    return run


def get_db(config: Config) -> sqlite_utils.Database:
    """An open connection, closed by the caller (the answering page keeps one for its run)."""
    return open_db(config.db_path)
