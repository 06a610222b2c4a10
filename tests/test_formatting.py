"""Numbers, months and CSV as Swedish readers and Swedish Excel expect them."""

import csv
import io

from barnrosten.formatting import excel_csv, month_label, percent, signed


def test_swedish_numbers_and_months():
    assert percent(0.634, "sv") == "63\u00a0%" and percent(0.634, "en") == "63%"
    assert signed(-0.025, "sv", as_percent_points=True, places=1) == "-2,5"
    assert month_label("2026-Q3", "sv") == "kvartal 3 2026" and month_label("2026-03", "sv", short=True) == "mar 2026"


def test_excel_csv_keeps_formulas_as_text_and_numbers_as_numbers():
    raw = excel_csv([["a"], ["=HYPERLINK(1)"], ["@SUM(A1)"], [-2]])
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["a"], ["'=HYPERLINK(1)"], ["'@SUM(A1)"], ["-2"]]


def test_excel_csv_leaves_empty_cells_empty():
    """An empty string is no formula: it must not become a lone apostrophe (the workshop summary's empty means)."""
    raw = excel_csv([["steg", "medel"], ["Att träffas", ""], ["", None], ["\tTAB", "\r=1"]])
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows == [["steg", "medel"], ["Att träffas", ""], ["", ""], ["'\tTAB", "'\r=1"]]
