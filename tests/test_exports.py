"""Exports and reports: the dashboard's figures in files, under the same access, privacy and audit rules."""

from __future__ import annotations

import csv
import io

import pypdfium2
import pytest
from openpyxl import load_workbook

from barnrosten.access.roles import Principal
from barnrosten.results import board_report, children_report, exports
from barnrosten.results.filters import Filters
from tests.responses_builder import annotate, municipalities_with_sessions, respond
from tests.shown_figures import count_near

K = 5
ANALYST_A = Principal(1, "anna", frozenset({("analyst", "alby")}))
NETWORK = Principal(3, "nils", frozenset({("network_viewer", None)}))
FILTERS = Filters(municipality="alby", start="2026-06", end="2026-11")


@pytest.fixture
def data(db, version_ids):
    """alby: 9 happy girls (comments on continuity), 3 sad boys and 2 sad children of gender "other"."""
    sessions = municipalities_with_sessions(db, version_ids)
    for i in range(9):
        respond(db, sessions["alby"], faces=5, text="Jag vill ha samma socialsekreterare hela tiden, säger Kalle Ek")
    for _ in range(3):
        respond(db, sessions["alby"], faces=1, gender="boy", age_band="7-9")
    respond(db, sessions["alby"], faces=2, gender="other", age_band="7-9", text="Ingen lyssnar på mig någonsin")
    respond(db, sessions["alby"], faces=2, gender="other", age_band="7-9")
    for mid in ("berga", "cedra"):
        for _ in range(7):
            respond(db, sessions[mid], faces=3)
    annotate(db)
    return db


def assert_no_small_counts(tables):
    checked = 0
    for table in tables:
        for column in table.columns:
            if not column.people:
                continue
            for row in table.rows:
                value = row.get(column.key)
                if column.kind_in(row) == "count" and not column.change:
                    assert value is None or value == 0 or value >= K, (table.id, column.key, row)
                    checked += value is not None
    assert checked


def test_every_exported_count_follows_the_privacy_rules(data):
    tables = exports.result_tables(data, ANALYST_A, FILTERS, K)
    assert_no_small_counts(tables)
    gender = exports.table_by_id(tables, "gender_age")
    boys = next(row for row in gender.cells("sv") if row[0] == "Pojke")
    assert boys[-1] == "–"  # 3 boys: hidden


def test_excel_has_every_table_and_the_rule_explained(data):
    tables = exports.result_tables(data, ANALYST_A, FILTERS, K)
    book = load_workbook(io.BytesIO(exports.excel_bytes(tables, "sv", exports.about_rows(FILTERS, K))))
    assert book.sheetnames[0] == "Om siffrorna" and "Nyckeltal" in book.sheetnames and "Jämförelse" in book.sheetnames
    assert "Svarande per kön och ålder" in book.sheetnames and "Teman över tid" in book.sheetnames
    assert "färre än 5" in " ".join(str(c.value) for c in book["Om siffrorna"]["A"])
    respondents = [row for row in book["Nyckeltal"].iter_rows(values_only=True) if row[0] == "Svarande"][0]
    assert count_near(respondents[1], 14)  # perturbed, as on the dashboard


def test_csv_opens_in_swedish_excel_and_is_chosen_by_table_id(data):
    tables = exports.result_tables(data, ANALYST_A, FILTERS, K)
    raw = exports.csv_bytes(exports.table_by_id(tables, "key_figures"), "sv")
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Mått" and rows[1][0] == "Svarande" and count_near(int(rows[1][1]), 14)
    assert rows[2][0] == "Andel som svarade klart (%)" and ("," in rows[2][1] or rows[2][1] in ("", "100"))
    themes = list(csv.reader(io.StringIO(exports.csv_bytes(exports.table_by_id(tables, "themes"), "sv")
                                         .decode("utf-8-sig")), delimiter=";"))
    assert themes[0][:2] == ["Tema", "Personer som skrev"]
    with pytest.raises(KeyError):
        exports.table_by_id(tables, "no_such_table")


def test_an_analyst_of_another_municipality_exports_nothing(data):
    other = Principal(2, "bo", frozenset({("analyst", "berga")}))
    for make in (exports.result_tables, board_report.board_report, children_report.children_summary):
        with pytest.raises(PermissionError):
            make(data, other, FILTERS, K)
    assert data.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'free_text_viewed'").fetchone()[0] == 0


def test_network_viewer_exports_aggregates_but_no_board_report_quotes(data):
    tables = exports.result_tables(data, NETWORK, Filters(start="2026-06", end="2026-11"), K)
    assert_no_small_counts(tables)
    assert "network" not in [table.id for table in tables]  # a comparison needs one municipality
    with pytest.raises(PermissionError):
        exports.result_tables(data, NETWORK, FILTERS, K)
    with pytest.raises(PermissionError):
        board_report.board_report(data, NETWORK, FILTERS, K)


def pdf_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def test_board_report_has_figures_redacted_quotes_and_logs_them(data):
    pdf = board_report.board_report(data, ANALYST_A, FILTERS, K, "sv", "Alby kommun")
    text = pdf_text(pdf)
    assert "rapport till socialnämnden" in text and "Alby kommun" in text and "Så har vi frågat" in text
    assert "samma socialsekreterare" in text and "[NAMN]" in text and "Kalle" not in text
    assert "Ingen lyssnar på mig" not in text  # a theme with one comment is never quoted
    viewed = data.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'free_text_viewed'").fetchone()[0]
    assert viewed >= 1


def test_children_summary_is_plain_and_has_no_quotes(data):
    text = pdf_text(children_report.children_summary(data, ANALYST_A, FILTERS, K, "sv", "Alby kommun"))
    assert "Det här sa ni!" in text and "116 111" in text
    assert "av 10 kände att de vuxna lyssnade" in text
    assert "samma socialsekreterare hela tiden" not in text


def test_english_report(data):
    text = pdf_text(board_report.board_report(data, ANALYST_A, FILTERS, K, "en", "Alby"))
    assert "report to the social welfare board" in text
