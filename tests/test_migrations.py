import sqlite3
import threading

import pytest

from barnrosten.storage.db import open_db
from barnrosten.storage.migrations import MIGRATIONS, applied_versions, apply_migrations

EXPECTED_TABLES = {"municipalities", "surveys", "survey_versions", "sessions", "participants", "answers"}


def test_fresh_database_gets_every_table_and_version(db):
    assert EXPECTED_TABLES <= set(db.table_names())
    assert applied_versions(db) == set(MIGRATIONS)


def test_database_runs_in_wal_mode_with_busy_timeout(db):
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopening_applies_nothing_twice(db_path):
    open_db(db_path).conn.close()
    db = open_db(db_path, migrate=False)
    assert apply_migrations(db) == []
    assert db.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] == len(MIGRATIONS)


def test_a_new_migration_is_applied_once_on_top(db):
    extra = {**MIGRATIONS, max(MIGRATIONS) + 1: ["ALTER TABLE municipalities ADD COLUMN region TEXT"]}
    assert apply_migrations(db, extra) == [max(MIGRATIONS) + 1]
    assert "region" in db["municipalities"].columns_dict
    assert apply_migrations(db, extra) == []


def test_a_failing_migration_leaves_the_schema_as_it_was(db):
    broken = {**MIGRATIONS, 99: ["CREATE TABLE half_done (id INTEGER)", "THIS IS NOT SQL"]}
    with pytest.raises(sqlite3.OperationalError):
        apply_migrations(db, broken)
    assert "half_done" not in db.table_names()
    assert 99 not in applied_versions(db)


def test_many_processes_starting_at_once_migrate_once(db_path):
    errors = []

    def start():
        try:
            open_db(db_path).conn.close()
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    db = open_db(db_path)
    assert db.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] == len(MIGRATIONS)
