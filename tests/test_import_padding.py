"""Padding by import: rows someone imports never open a hidden group, however many batches or accounts add them.

Issue 13: importing 10 made-up rows into a hidden group (5 yes, 5 no) made it visible (11), and
the one real child's answers followed. Now imported rows are marked by their batch
(`import_batches`, `sessions.import_batch_id`) and the privacy rules count native respondents
and each batch apart: a group needs k native respondents, or, with none, k from each batch.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from barnrosten.access.roles import Principal
from barnrosten.answering import imports
from barnrosten.results import insights
from barnrosten.results.filters import Filters
from barnrosten.storage.db import open_db
from barnrosten.storage.migrations import MIGRATIONS, apply_migrations
from tests.responses_builder import municipalities_with_sessions, respond_answers
from tests.shown_figures import count_near

K = 5
ANNA = Principal(1, "anna", frozenset({("analyst", "alby")}))
BO = Principal(2, "bo", frozenset({("analyst", "alby")}))  # a second account of the same municipality
PERIOD = dict(start="2026-06", end="2026-11")
SEPTEMBER = datetime(2026, 9, 10, 12, tzinfo=timezone.utc)


def rows_csv(n: int, gender: str, yes: int) -> bytes:
    lines = ["Datum;Ålder;Kön;trygg;lyssnad"]
    lines += [f"2026-09-{1 + i % 28:02d};7-9;{gender};{'ja' if i < yes else 'nej'};4" for i in range(n)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def import_csv(db, principal, version_id, survey, data: bytes, name: str) -> int:
    table = imports.read_table(data, name)
    checked = imports.check_rows(table, survey, imports.guess_mapping(table, survey))
    assert not checked.problems
    return imports.import_rows(db, principal, "alby", version_id, survey, checked, source=name)


@pytest.fixture
def alby(db, version_ids, catalog):
    """12 native girls 10-12, and one native child of gender "other", 7-9, who does not feel safe at home."""
    sessions = municipalities_with_sessions(db, version_ids)
    for _ in range(12):
        respond_answers(db, sessions["alby"], {"lyssnad": 4, "trygg": "yes"}, gender="girl", age_band="10-12",
                        when=SEPTEMBER)
    respond_answers(db, sessions["alby"], {"lyssnad": 4, "trygg": "no"}, gender="other", age_band="7-9", when=SEPTEMBER)
    return sessions, version_ids["barn-7-12"], catalog.surveys["barn-7-12"]


def the_other_group(db, principal=ANNA):
    """Everything the dashboard shows about children of gender "other"."""
    filters = Filters(municipality="alby", gender="other", **PERIOD)
    overview = insights.overview(db, principal, filters, K)
    trygg = next((q for q in overview.questions if q["question_id"] == "trygg"), {"share": None, "answered": None})
    split = insights.breakdown(db, principal, Filters(municipality="alby", **PERIOD), K)
    return (overview.respondents.value, trygg["share"], trygg["answered"], split["table"].row_totals.get("other"),
            split["by_gender"].get("other"))


def test_ten_imported_rows_do_not_open_a_group_of_one(db, alby):
    _, version_id, survey = alby
    assert the_other_group(db) == (None, None, None, None, None)
    import_csv(db, ANNA, version_id, survey, rows_csv(10, "annat", yes=5), "padding.csv")
    assert the_other_group(db) == (None, None, None, None, None)


def test_more_batches_from_more_accounts_do_not_open_it_either(db, alby):
    _, version_id, survey = alby
    for number, principal in enumerate((ANNA, BO, ANNA, BO)):
        import_csv(db, principal, version_id, survey, rows_csv(10 + number, "annat", yes=5), f"padding-{number}.csv")
        assert the_other_group(db, principal) == (None, None, None, None, None)
    assert db.execute("SELECT COUNT(*) FROM import_batches").fetchone()[0] == 4


def test_the_group_opens_when_k_real_children_are_in_it(db, alby):
    sessions, version_id, survey = alby
    import_csv(db, ANNA, version_id, survey, rows_csv(10, "annat", yes=5), "padding.csv")
    for _ in range(K - 1):
        respond_answers(db, sessions["alby"], {"lyssnad": 5, "trygg": "no"}, gender="other", age_band="7-9",
                        when=SEPTEMBER)
    respondents, share, answered, row_total, _ = the_other_group(db)
    assert count_near(respondents, K + 10) and count_near(answered, K + 10) and count_near(row_total, K + 10)
    # "yes": none of the five real children and five imported rows; "no": five real and five imported.
    assert share is not None


def test_imported_feedback_on_its_own_shows_but_a_small_part_of_a_second_batch_hides_it(db, version_ids, catalog):
    municipalities_with_sessions(db, version_ids)
    version_id, survey = version_ids["barn-7-12"], catalog.surveys["barn-7-12"]
    import_csv(db, ANNA, version_id, survey, rows_csv(10, "pojke", yes=6), "papper.csv")
    boys = Filters(municipality="alby", gender="boy", **PERIOD)
    assert count_near(insights.overview(db, ANNA, boys, K).respondents.value, 10)
    second = rows_csv(2, "pojke", yes=1) + rows_csv(6, "flicka", yes=3).split(b"\n", 1)[1]
    import_csv(db, BO, version_id, survey, second, "andra.csv")
    assert insights.overview(db, ANNA, boys, K).respondents.value is None  # two boys of the second batch


def test_imported_rows_are_marked_and_carry_record_keys(db, alby):
    _, version_id, survey = alby
    session_id = import_csv(db, BO, version_id, survey, rows_csv(7, "annat", yes=3), "papper.csv")
    batch = dict(next(db.query(
        "SELECT b.* FROM import_batches b JOIN sessions s ON s.import_batch_id = b.id WHERE s.id = ?", [session_id])))
    assert batch["source"] == "papper.csv" and batch["imported_by"] == "bo" and batch["rows"] == 7
    imported = db.execute("SELECT COUNT(*), COUNT(p.record_key) FROM participants p JOIN sessions s "
                          "ON s.id = p.session_id WHERE s.import_batch_id IS NOT NULL").fetchone()
    native = db.execute("SELECT COUNT(*) FROM participants p JOIN sessions s ON s.id = p.session_id "
                        "WHERE s.import_batch_id IS NULL").fetchone()[0]
    assert tuple(imported) == (7, 7) and native == 13
    entry = json.loads(db.execute("SELECT details FROM audit_log WHERE action = 'import'").fetchone()[0])
    assert entry["batch"] == batch["id"] and entry["session"] == session_id


def test_imports_made_before_the_marks_are_found_by_the_migration(tmp_path):
    db = open_db(tmp_path / "old.db", migrate=False)
    apply_migrations(db, {v: MIGRATIONS[v] for v in MIGRATIONS if v < 13})
    db.execute("INSERT INTO municipalities (id, name, created_at) VALUES ('alby', 'Alby', '2026-01-01')")
    db.execute("INSERT INTO surveys (id, respondent_group, title) VALUES ('s', 'children', 'S')")
    db.execute("INSERT INTO survey_versions (id, survey_id, version, content_hash, definition, created_at) "
               "VALUES (1, 's', 1, 'h', '{}', '2026-01-01')")
    for session_id, label, status in ((1, "Import: gammal.csv", "closed"), (2, "Skolan", "open")):
        db.execute("INSERT INTO sessions (id, code, municipality_id, survey_version_id, label, status, shared_device, "
                   "created_at) VALUES (?, ?, 'alby', 1, ?, ?, 0, '2026-09-01')", [session_id, f"C{session_id}", label, status])
    for number in range(6):
        moment = f"2026-09-0{1 + number}T12:00:00+00:00"
        db.execute("INSERT INTO participants (token, session_id, language, started_at, last_active_at, completed_at, "
                   "ended_at) VALUES (?, 1, 'sv', ?, ?, ?, ?)", [f"old{number}", moment, moment, moment, moment])
        db.execute("INSERT INTO participants (token, session_id, language, started_at, last_active_at, completed_at) "
                   "VALUES (?, 2, 'sv', ?, ?, ?)", [f"new{number}", moment, moment, moment[:-14] + "13:00:00+00:00"])
    db.execute("INSERT INTO audit_log (at, actor, action, target, details) VALUES "
               "('2026-09-10', 'anna', 'import', 'alby', '{\"source\": \"gammal.csv\", \"rows\": 6, \"session\": 1}')")
    apply_migrations(db)
    assert [dict(r) for r in db.query("SELECT municipality_id, source, imported_by, rows FROM import_batches")] == [
        {"municipality_id": "alby", "source": "gammal.csv", "imported_by": "anna", "rows": 6}]
    marks = dict(db.execute("SELECT id, import_batch_id IS NOT NULL FROM sessions").fetchall())
    assert marks == {1: 1, 2: 0}
    assert db.execute("SELECT COUNT(*) FROM participants WHERE record_key BETWEEN 0 AND 4095").fetchone()[0] == 12
    db.conn.close()
