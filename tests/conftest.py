"""Shared fixtures: real SQLite files in a temporary folder, the real survey templates."""

from __future__ import annotations

from pathlib import Path

import pytest

from barnrosten.access.join_throttle import THROTTLE as JOIN_THROTTLE
from barnrosten.access.login_throttle import THROTTLE as LOGIN_THROTTLE
from barnrosten.answering.sessions import create_session
from barnrosten.answering.survey_store import ensure_municipality, sync_catalog
from barnrosten.config import DEFAULT_SURVEYS_DIR, Config
from barnrosten.storage.db import open_db
from surveys.loader import load_surveys

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def fresh_throttles():
    """The throttles count in process memory; each test starts with none of another test's failures."""
    JOIN_THROTTLE.clear()
    LOGIN_THROTTLE.clear()
    yield


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def db(db_path):
    database = open_db(db_path)
    yield database
    database.conn.close()


@pytest.fixture(scope="session")
def catalog():
    return load_surveys(DEFAULT_SURVEYS_DIR)


@pytest.fixture
def version_ids(db, catalog) -> dict[str, int]:
    ensure_municipality(db, "bjorkdala", "Björkdala kommun (demo)", is_demo=True)
    return sync_catalog(db, catalog)


@pytest.fixture
def children_survey(catalog):
    return catalog.surveys["barn-7-12"]


@pytest.fixture
def open_session(db, version_ids) -> dict:
    return create_session(db, "bjorkdala", version_ids["barn-7-12"], code="HEJ347")


@pytest.fixture
def config(db_path, monkeypatch) -> Config:
    """The app's configuration pointed at this test's database (the app reads it from the environment)."""
    monkeypatch.setenv("BARNROSTEN_DB", str(db_path))
    monkeypatch.delenv("BARNROSTEN_SURVEYS", raising=False)
    return Config.from_env()
