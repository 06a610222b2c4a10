"""Each result table is defined once and shows the same rows on the dashboard, in Excel, in CSV and in the board PDF.

Every output is read back (the dashboard through AppTest, the workbook with
openpyxl, the CSV with the csv module, the PDF's text with pypdfium2) and each
cell is compared with the value the table was filled with.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timezone

import pypdfium2
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from barnrosten.access import accounts
from barnrosten.formatting import COUNT, MEAN, MONTH, SHARE, month_label
from barnrosten.i18n import load_locale, t
from barnrosten.results import board_report, exports, tables
from barnrosten.results.filters import Filters
from tests.apptest_helpers import ROOT
from tests.responses_builder import annotate, municipalities_with_sessions, respond

K = 5
PASSWORD = "en lång och bra lösenfras"
FILTERS = Filters(municipality="alby", start="2026-06", end="2026-11")
# Where each table is on the dashboard (the tab in the URL).
TAB_OF = {"questions": "Frågor", "themes": "Teman", "theme_trend": "Teman", "over_time": "Över tid",
          "by_gender": "Kön och ålder", "by_age_band": "Kön och ålder", "gender_age": "Kön och ålder",
          "network": "Jämförelse"}


def at_month(month: int) -> datetime:
    return datetime(2026, month, 10, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def data(db, version_ids):
    """alby over six months: busy months and quiet ones (hidden), girls and boys, comments on two themes."""
    sessions = municipalities_with_sessions(db, version_ids)
    for month, count in ((6, 9), (7, 2), (8, 7), (9, 0), (10, 6), (11, 8)):
        for i in range(count):
            respond(db, sessions["alby"], faces=5 if i % 3 else 2, gender="girl" if i % 2 else "boy",
                    age_band="7-9" if i % 4 else "10-12", when=at_month(month),
                    text="Jag vill ha samma socialsekreterare hela tiden" if i % 2 else "Hon lyssnade på mig")
    for _ in range(3):
        respond(db, sessions["alby"], faces=1, gender=None, age_band=None, when=at_month(8))
    for mid in ("berga", "cedra"):
        for _ in range(7):
            respond(db, sessions[mid], faces=3, when=at_month(9))
    annotate(db)
    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "alby")])
    return db


def number(text: str) -> float:
    return float(text.replace("\u00a0", "").replace(" ", "").replace("%", "").replace(",", "."))


def from_screen(text: str, kind: str):
    """A dashboard or PDF cell back to the value it shows (shares as whole percent)."""
    if text == "–":
        return None
    return text if kind not in (COUNT, SHARE, MEAN) else number(text)


def from_file(value, kind: str):
    """An Excel value or CSV text back to a number (shares in percent with the file's one decimal)."""
    if value in (None, ""):
        return None
    if kind == MONTH:
        return month_label(value, "sv", short=True)
    if kind not in (COUNT, SHARE, MEAN):
        return value
    value = number(value) if isinstance(value, str) else value
    return float(round(value)) if kind == COUNT else round(value, 1)


def expected(table: tables.ResultTable, in_file: bool = False) -> list[list]:
    """The filled values, rounded as shown: what every output must carry.

    Files keep one decimal of a percent; rounding that again to the screen's whole percent can differ
    from rounding the value once (59.46 -> 59.5 -> 60, but 59), so files are compared at their own precision.
    """
    rows = []
    for row, texts in zip(table.rows, table.cells("sv")):
        cells = []
        for column, text in zip(table.columns, texts):
            kind, value = column.kind_in(row), row.get(column.key)
            if column.name is not None or kind == MONTH:
                cells.append(text)
            elif value is None:
                cells.append(None)
            elif kind == SHARE and in_file:
                cells.append(round(value * 100, 1))
            elif column.change:
                cells.append(round(value * 100) if kind == SHARE else round(value, 1 if kind == MEAN else 0))
            else:
                cells.append(round(value * 100) if kind == SHARE else round(value, 1) if kind == MEAN else round(value))
        rows.append(cells)
    return rows


def kinds(table: tables.ResultTable, row: dict) -> list[str]:
    return ["text" if c.name is not None else c.kind_in(row) for c in table.columns]


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def test_one_definition_per_table_with_known_kinds_and_unique_ids():
    assert len(tables.TABLES) == len({d.id for d in tables.TABLES.values()})
    for definition in tables.TABLES.values():
        for column in definition.columns + definition.trailing:
            assert column.kind in (COUNT, SHARE, MEAN, MONTH, "text", tables.BY_ROW), (definition.id, column.key)


def test_every_table_is_the_same_in_excel_csv_and_pdf(data):
    built = exports.result_tables(data, accounts.log_in(data, "anna", PASSWORD), FILTERS, K)
    assert {table.id for table in built} == set(tables.TABLES)
    book = load_workbook(io.BytesIO(exports.excel_bytes(built, "sv", exports.about_rows(FILTERS, K))))
    pdf = pypdfium2.PdfDocument(board_report.board_report(data, accounts.log_in(data, "anna", PASSWORD), FILTERS, K,
                                                          "sv", "Alby kommun"))
    pdf_text = plain(" ".join(page.get_textpage().get_text_range() for page in pdf))
    for table in built:
        want, in_files = expected(table), expected(table, in_file=True)
        assert want, table.id
        # Excel: the sheet named after the table, numbers as numbers.
        sheet = list(book[table.title("sv")].iter_rows(values_only=True))
        assert [c for c in sheet[0]] == [h + (" (%)" if c.kind == SHARE else "")
                                         for h, c in zip(table.header("sv"), table.columns)]
        for row, cells, values in zip(table.rows, in_files, sheet[1:]):
            kinds_here = kinds(table, row)
            assert [from_file(v, k) if k != "text" else v.removesuffix(" (%)") for v, k in zip(values, kinds_here)] == \
                cells, (table.id, values)
        assert len(sheet) == len(want) + 1
        # CSV: the file chosen by the table's id, read as Swedish Excel would.
        lines = list(csv.reader(io.StringIO(exports.csv_bytes(exports.table_by_id(built, table.id), "sv")
                                            .decode("utf-8-sig")), delimiter=";"))
        assert lines[0] == [c for c in sheet[0]]
        for row, cells, values in zip(table.rows, in_files, lines[1:]):
            kinds_here = kinds(table, row)
            assert [from_file(v, k) if k != "text" else v.removesuffix(" (%)") for v, k in zip(values, kinds_here)] == \
                cells, (table.id, values)
        # PDF: every row's cells, in order, in the report's text (a grouped table: each part under its name).
        position = 0
        for name, part in table.groups("sv"):
            for text in ([name] if name else []) + [cell for row in part.cells("sv") for cell in row]:
                found = pdf_text.find(plain(text), position)
                assert found >= 0, (table.id, text, pdf_text[position:position + 200])
                position = found + len(plain(text))


def test_the_dashboard_shows_the_same_rows(data, config):
    principal = accounts.log_in(data, "anna", PASSWORD)
    built = {table.id: table for table in exports.result_tables(data, principal, FILTERS, K)}
    token = accounts.start_session(data, principal)
    shown: dict[str, list] = {}
    for tab in dict.fromkeys(TAB_OF.values()):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.session_state["staff_token"] = token
        at.query_params.update({"kommun": "alby", "fran": "2026-06", "till": "2026-11", "flik": tab})
        at.run()
        assert not at.exception
        # Dataframes carry no key: they come in the order of the tab's tables, one per part (survey).
        frames = iter(at.dataframe)
        for table_id in [i for i, name in TAB_OF.items() if name == tab]:
            shown[table_id] = [next(frames).value for _ in built[table_id].groups("sv")]
        assert next(frames, None) is None, tab
        if tab == "Frågor":
            metrics = {m.label: m.value for m in at.metric}
    for table_id, table in built.items():
        if table_id == "key_figures":
            assert [[metrics[row[0]]] for row in table.cells("sv")] == [[row[1]] for row in table.cells("sv")]
            continue
        frames = shown[table_id]
        header = [h for h, c in zip(table.header("sv"), table.columns) if c.key != table.definition.group]
        rows = [list(r) for frame in frames for r in frame.itertuples(index=False)]
        assert all(list(frame.columns) == header for frame in frames), table_id
        part_rows = [row for _, part in table.groups("sv") for row in part.rows]
        want = [[c for c, col in zip(cells, table.columns) if col.key != table.definition.group]
                for cells in expected(tables.ResultTable(table.definition, table.columns, part_rows, K))]
        for row, screen, cells in zip(part_rows, rows, want):
            kinds_here = [k for k, c in zip(kinds(table, row), table.columns) if c.key != table.definition.group]
            got = [from_screen(v, k) for v, k in zip(screen, kinds_here)]
            assert got == [c if not isinstance(c, (int, float)) else float(c) for c in cells], (table_id, screen)
        assert len(rows) == len(want), table_id


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_label_is_translated(data, language):
    built = exports.result_tables(data, accounts.log_in(data, "anna", PASSWORD), FILTERS, K)
    locale = load_locale(language)
    for definition in tables.TABLES.values():
        assert definition.title in locale
        for column in definition.columns + definition.trailing:
            assert callable(column.label) or column.label in locale, (definition.id, column.label)
    raw = {"unknown", "girl", "boy", "other", "prefer_not", "respondents", "completion", "listened_to", "continuity",
           "heard", "__total__"}
    for table in built:
        header = table.header(language)
        assert len(set(header)) == len(header), table.id
        assert not raw & set(header), (table.id, header)
        assert all(h and "." not in h for h in header), (table.id, header)
        words = {cell for row in table.cells(language) for cell in row}
        assert not raw & words, (table.id, raw & words)
    gender_age = exports.table_by_id(built, "gender_age")
    assert ("Inte angivet" if language == "sv" else "Not given") in gender_age.header(language)
    assert gender_age.cells(language)[-1][0] == ("Totalt" if language == "sv" else "Total")


def test_english_headings_differ_from_swedish(data):
    built = exports.result_tables(data, accounts.log_in(data, "anna", PASSWORD), FILTERS, K)
    for table in built:
        assert table.title("sv") != table.title("en")
        assert table.header("sv") != table.header("en"), table.id


def test_people_counts_are_checked_against_k(data):
    built = exports.result_tables(data, accounts.log_in(data, "anna", PASSWORD), FILTERS, K)
    hidden = 0
    for table in built:
        for column in table.columns:
            for row in table.rows:
                value = row.get(column.key)
                if column.people and not column.change and column.kind_in(row) == COUNT:
                    assert value is None or value == 0 or value >= K, (table.id, column.key, value)
                    hidden += value is None
    assert hidden  # the quiet months and small groups really are hidden
    trend = exports.table_by_id(built, "theme_trend")
    assert any(row.get("2026-07") is None for row in trend.rows)  # July: 2 comments on each theme


def test_a_table_that_would_show_a_small_count_is_refused(data):
    source = tables.Source(data, accounts.log_in(data, "anna", PASSWORD), FILTERS, K)
    leaky = tables.TableDefinition("leaky", "dash.respondents", (
        tables.Column("group", "dash.group", "text", name=lambda v, lang: v),
        tables.Column("n", "dash.respondents", COUNT, people=True),
    ), lambda _: tables.Filled([{"group": "a", "n": 3}]))
    with pytest.raises(tables.SmallCountShown):
        tables.build(leaky, source)
    harmless = tables.TableDefinition("peers", "dash.peers", (
        tables.Column("n", "dash.peers", COUNT),  # municipalities, not people
    ), lambda _: tables.Filled([{"n": 3}]))
    assert tables.build(harmless, source).cells("sv") == [["3"]]


def test_hidden_figures_are_empty_cells_in_files(data):
    built = exports.result_tables(data, accounts.log_in(data, "anna", PASSWORD), FILTERS, K)
    trend = exports.table_by_id(built, "theme_trend")
    book = load_workbook(io.BytesIO(exports.excel_bytes([trend], "sv", [])))
    july = list(book[trend.title("sv")].iter_rows(values_only=True))[0].index("jul 2026")
    assert any(row[july] is None for row in list(book[trend.title("sv")].iter_rows(values_only=True))[1:])
    lines = list(csv.reader(io.StringIO(exports.csv_bytes(trend, "sv").decode("utf-8-sig")), delimiter=";"))
    assert any(line[july] == "" for line in lines[1:])
    assert any(cell == "–" for row in trend.cells("sv") for cell in row)


def test_the_csv_choice_is_by_table_id_in_the_app(data, config):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["staff_token"] = accounts.start_session(data, accounts.log_in(data, "anna", PASSWORD))
    at.query_params.update({"kommun": "alby", "fran": "2026-06", "till": "2026-11", "flik": "Rapporter och export"})
    at.run()
    choice = at.selectbox(key="csv_table")
    assert choice.options == [t(d.title, "sv") for d in tables.TABLES.values()]  # shown by title, chosen by id
    choice.set_value("theme_trend").run()
    assert at.selectbox(key="csv_table").value == "theme_trend"
    assert not at.exception
