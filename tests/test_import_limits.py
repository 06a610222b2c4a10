"""Imports stream: a small file that unpacks to a huge table is refused at the limits, kindly, without
reading it all or holding it in memory (issue 13, 'Logins and uploads')."""

from __future__ import annotations

import csv
import io
import tracemalloc
import zipfile

import pytest

from barnrosten.answering import imports
from barnrosten.i18n import t
from tests.import_bombs import empty_header_csv, million_row_xlsx, wide_row_xlsx, xlsx
from tests.test_import_apptest import import_page, importer_db, participants  # noqa: F401 - fixture

MB = 1024 * 1024


def refusal(data: bytes, name: str) -> imports.ImportFileProblem:
    with pytest.raises(imports.ImportFileProblem) as problem:
        imports.read_table(data, name)
    return problem.value


def peak_memory(work) -> int:
    """Peak bytes allocated by Python while `work` runs."""
    tracemalloc.start()
    try:
        work()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def test_a_small_workbook_that_unpacks_to_a_million_rows_stops_at_the_row_limit():
    data = million_row_xlsx(1_000_000)
    assert len(data) < 400_000  # a few hundred kB on the wire, as the tester's 144 kB file
    problem = refusal(data, "svar.xlsx")
    assert problem.key == "too_many"
    # The header, MAX_ROWS rows and the one past the limit: nothing after it is read.
    assert problem.rows_read == imports.MAX_ROWS + 2


def test_refusing_a_long_workbook_holds_no_more_than_the_limit_in_memory(monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 2_000)
    data = million_row_xlsx(200_000)
    problem = []
    peak = peak_memory(lambda: problem.append(refusal(data, "svar.xlsx")))
    assert problem[0].key == "too_many" and problem[0].rows_read == 2_002
    # Holding the 200,000 rows, as the reader did before, takes tens of MB; a streamed refusal a few.
    assert peak < 8 * MB


def test_a_csv_header_of_half_a_million_empty_cells_is_refused_without_splitting_it():
    data = empty_header_csv(500_000)
    problem = []
    peak = peak_memory(lambda: problem.append(refusal(data, "svar.csv")))
    assert problem[0].key == "too_many_columns" and problem[0].rows_read == 1
    # The file itself is 0.5 MB; half a million cells in a list (as before) is 4 MB, as a row of a table far more.
    assert peak < 2 * MB
    message = t("import.error_too_many_columns", "sv", max=imports.MAX_ROWS, columns=imports.MAX_COLUMNS)
    assert "för många kolumner" in message and str(imports.MAX_COLUMNS) in message


def test_a_workbook_row_of_two_hundred_thousand_cells_is_refused_cell_by_cell():
    data = wide_row_xlsx(200_000)
    problem = []
    peak = peak_memory(lambda: problem.append(refusal(data, "svar.xlsx")))
    assert problem[0].key == "too_many_columns"
    assert peak < 4 * MB


def test_a_csv_longer_than_the_limit_stops_at_the_first_row_past_it():
    data = ("Datum;lyssnad\n" + "2026-09-01;4\n" * (imports.MAX_ROWS + 20_000)).encode()
    problem = refusal(data, "svar.csv")
    assert problem.key == "too_many" and problem.rows_read == imports.MAX_ROWS + 2


def test_files_at_the_limits_are_read_whole(monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 300)
    header = ";".join(["Datum", *(f"k{i}" for i in range(2, imports.MAX_COLUMNS + 1))])
    data = (header + "\n" + "2026-09-01;4\n" * 300).encode()
    table = imports.read_table(data, "svar.csv")
    assert len(table.columns) == imports.MAX_COLUMNS and len(table.rows) == 300
    book = million_row_xlsx(300)
    assert len(imports.read_table(book, "svar.xlsx").rows) == 300
    assert refusal(million_row_xlsx(301), "svar.xlsx").key == "too_many"
    assert refusal((header + ";en för mycket\n2026-09-01;4\n").encode(), "svar.csv").key == "too_many_columns"


def test_quoted_delimiters_and_line_breaks_are_text_not_columns():
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    comment = "Bra; " * 700 + '\n"citat" på ny rad'
    writer.writerow(["Datum", "lyssnad", "Önskan"])
    writer.writerow(["2026-09-01", 4, comment])
    writer.writerow(["2026-09-02", 5, "kort"])
    table = imports.read_table(out.getvalue().encode("utf-8"), "svar.csv")
    assert [row["Önskan"] for row in table.rows] == [comment, "kort"]


def test_windows_1252_files_are_still_read():
    table = imports.read_table("Datum;Önskan\n2026-09-01;Bättre tider\n".encode("cp1252"), "svar.csv")
    assert table.columns == ["Datum", "Önskan"] and table.rows[0]["Önskan"] == "Bättre tider"


def test_a_workbook_whose_shared_strings_unpack_too_far_is_refused_before_opening():
    data = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx("<row/>"))) as source, zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        out.writestr("xl/sharedStrings.xml", "<sst>" + "<si><t>x</t></si>" * (imports.MAX_SHARED_STRINGS_BYTES // 17 + 1)
                     + "</sst>")
    assert len(data.getvalue()) < 1 * MB
    assert refusal(data.getvalue(), "svar.xlsx").key == "too_big"


def test_the_import_screen_refuses_the_wide_csv_kindly(importer_db):  # noqa: F811 - the fixture
    at = import_page(importer_db)
    at.file_uploader(key="import_file").set_value(("svar.csv", empty_header_csv(500_000), "text/csv")).run()
    assert not at.exception
    assert "Filen har för många kolumner" in " ".join(e.value for e in at.error)
    assert not at.selectbox(key="import_survey").disabled and len(at.selectbox) == 2  # no mapping of 500,000 columns
    assert participants(importer_db) == 0
