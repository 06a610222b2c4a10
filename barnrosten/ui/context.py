"""Per-run access to configuration and the database for pages.

The database is opened for each run (a connection kept across reruns fails
Streamlit's thread check); the one-time work of migrating and loading the
survey files is cached per database path.
"""

from __future__ import annotations

import sqlite_utils
import streamlit as st

from barnrosten.answering.annotation_worker import AnnotationWorker
from barnrosten.answering.survey_store import sync_catalog
from barnrosten.config import Config
from barnrosten.results.network_summary import NetworkSummaryWorker
from barnrosten.storage.db import open_db
from surveys.loader import SurveyCatalog, load_surveys


def get_config() -> Config:
    return Config.from_env()


@st.cache_resource(show_spinner=False)
def _prepare(db_path: str, surveys_dir: str) -> SurveyCatalog:
    """Migrate the database and store the current survey files, once per process."""
    from pathlib import Path

    catalog = load_surveys(Path(surveys_dir))
    db = open_db(db_path)
    try:
        sync_catalog(db, catalog)
    finally:
        db.conn.close()
    # Texts saved before an analysis update are annotated again in the background,
    # and the network summary is kept fresh (barnrosten/results/network_summary.py).
    AnnotationWorker.for_database(db_path).request()
    NetworkSummaryWorker.for_database(db_path)
    return catalog


def survey_catalog(config: Config) -> SurveyCatalog:
    return _prepare(str(config.db_path), str(config.surveys_dir))


def get_db(config: Config) -> sqlite_utils.Database:
    survey_catalog(config)
    return open_db(config.db_path)
