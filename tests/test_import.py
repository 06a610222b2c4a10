"""Importing feedback from CSV and Excel: every row checked, bad rows listed, the rest stored all or nothing."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import datetime

import pytest
from openpyxl import Workbook

from barnrosten.access.roles import Principal
from barnrosten.answering import imports
from barnrosten.answering.annotation_worker import annotate_pending
from barnrosten.answering.survey_store import ensure_municipality
from barnrosten.results import insights
from barnrosten.results.filters import Filters
from barnrosten.safeguarding import review_queue
from tests.hostile_inputs import HOSTILE_MARKUP

ANALYST_A = Principal(1, "anna", frozenset({("analyst", "alby")}))
ANALYST_B = Principal(2, "bo", frozenset({("analyst", "berga")}))
CSV = (
    "Datum;Ålder;Kön;Lyssnar de vuxna på dig när du pratar?;samma;prata_med;Önskan\n"
    "2026-09-01;10-12;flicka;5;ja;Mamma eller pappa | En kompis;Bra möten\n"
    "2026-09-02;7-9;Pojke;4;Nej;skola;\n"
    "2026-09-03;10-12;;3,0;vet inte;;Jag vill byta socialsekreterare mindre ofta\n"
    "igår;10-12;flicka;5;ja;;\n"
    "2026-09-04;99;katt;7;kanske;rymdskepp;\n"
    "2026-09-05;7-9;annat;2;ja;;Pappa slår mig\n"
    "2026-09-06;10-12;flicka;5;ja;;\n"
)


@pytest.fixture
def setup(db, version_ids, catalog):
    ensure_municipality(db, "alby", "Alby kommun")
    ensure_municipality(db, "berga", "Berga kommun")
    return db, version_ids["barn-7-12"], catalog.surveys["barn-7-12"]


def check(survey, data: bytes = CSV.encode("utf-8"), name: str = "svar.csv", **extra):
    table = imports.read_table(data, name)
    return imports.check_rows(table, survey, {**imports.guess_mapping(table, survey), "onskan": "Önskan", **extra})


def count(db, sql: str) -> int:
    return db.execute(sql).fetchone()[0]


def test_columns_are_guessed_by_id_question_text_and_usual_words(setup):
    _, _, survey = setup
    table = imports.read_table(CSV.encode("utf-8"), "svar.csv")
    assert imports.guess_mapping(table, survey) == {
        "date": "Datum", "age_band": "Ålder", "gender": "Kön", "lyssnad": "Lyssnar de vuxna på dig när du pratar?",
        "samma": "samma", "prata_med": "prata_med", "onskan": "Önskan"}


def test_bad_rows_are_listed_and_never_imported(setup):
    _, _, survey = setup
    checked = check(survey)
    assert [r["row"] for r in checked.valid] == [2, 3, 4, 7, 8]
    assert checked.rejected_rows == 2
    assert {(p["row"], p["column"], p["problem"]) for p in checked.problems} == {
        (5, "Datum", "date"), (6, "Ålder", "age_band"), (6, "Kön", "gender"),
        (6, "Lyssnar de vuxna på dig när du pratar?", "faces"), (6, "samma", "yes_no"), (6, "prata_med", "multi")}
    first = checked.valid[0]
    assert first["gender"] == "girl" and first["answers"]["prata_med"] == ["foralder", "kompis"]
    assert checked.valid[2]["answers"]["lyssnad"] == 3 and checked.valid[2]["answers"]["samma"] == "dont_know"


def test_imported_answers_count_and_are_analysed_like_native_ones(setup):
    db, version_id, survey = setup
    imports.import_rows(db, ANALYST_A, "alby", version_id, survey, check(survey), source="svar.csv")
    overview = insights.overview(db, ANALYST_A, Filters(municipality="alby", start="2026-09", end="2026-09"), 5)
    assert overview.respondents.value == 5 and overview.completion.value is None or overview.completion.value == 1.0
    annotate_pending(db, embeddings=False)
    flags = review_queue.queue(db, ANALYST_A, "alby")
    assert [f["categories"] for f in flags] == [["violence"]]
    assert count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'import'") == 1


def test_an_import_is_all_or_nothing(setup):
    db, version_id, survey = setup
    # A real failure in the middle of the import (as a full disk would cause).
    db.execute("CREATE TRIGGER fail_third AFTER INSERT ON participants WHEN (SELECT COUNT(*) FROM participants) >= 3 "
               "BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(sqlite3.DatabaseError):
        imports.import_rows(db, ANALYST_A, "alby", version_id, survey, check(survey), source="svar.csv")
    assert count(db, "SELECT COUNT(*) FROM participants") == 0
    assert count(db, "SELECT COUNT(*) FROM answers") == 0
    assert count(db, "SELECT COUNT(*) FROM sessions") == 0


def test_only_the_municipalitys_analyst_imports(setup):
    db, version_id, survey = setup
    with pytest.raises(PermissionError):
        imports.import_rows(db, ANALYST_B, "alby", version_id, survey, check(survey), source="svar.csv")
    assert count(db, "SELECT COUNT(*) FROM participants") == 0


def test_excel_with_real_dates(setup):
    db, version_id, survey = setup
    book = Workbook()
    sheet = book.active
    sheet.append(["Datum", "lyssnad", "trygg"])
    sheet.append([datetime(2026, 10, 3, 9, 30), 4, "Ja"])
    sheet.append([datetime(2026, 10, 4), 1, "nej"])
    data = io.BytesIO()
    book.save(data)
    checked = check(survey, data.getvalue(), "svar.xlsx", onskan="#99")
    assert len(checked.valid) == 2 and not checked.problems
    assert checked.valid[0]["started_at"].isoformat().startswith("2026-10-03T09:30")


@pytest.mark.parametrize("data, name, key", [
    (b"", "svar.csv", "empty"), (b"Datum\n", "svar.csv", "empty"), (b"x", "svar.pdf", "format"),
    (b"not a workbook", "svar.xlsx", "unreadable"), (b"Datum;Datum\n2026-01-01;1\n", "svar.csv", "duplicate_columns"),
])
def test_unreadable_files_get_a_named_problem(data, name, key):
    with pytest.raises(imports.ImportFileProblem) as problem:
        imports.read_table(data, name)
    assert problem.value.key == key


def test_hostile_text_is_imported_as_text(setup):
    db, version_id, survey = setup
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")  # quoted where a value holds the delimiter, as Excel writes it
    writer.writerow(["Datum", "lyssnad", "Önskan"])
    writer.writerows([f"2026-09-0{i + 1}", 4, text] for i, text in enumerate(HOSTILE_MARKUP))
    checked = check(survey, out.getvalue().encode("utf-8"))
    assert len(checked.valid) == len(HOSTILE_MARKUP)
    imports.import_rows(db, ANALYST_A, "alby", version_id, survey, checked, source="<b>svar</b>.csv")
    stored = {json.loads(r[0]) for r in db.execute("SELECT value FROM answers WHERE question_id = 'onskan'")}
    assert '<img src=x onerror="alert(1)">' in stored and "'; DROP TABLE answers; --" in stored
    assert "evil" in stored  # the right-to-left override is removed, the text kept
