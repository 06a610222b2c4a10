r"""Numbers and months as Swedish (or English) readers expect them, for screens, exports and reports.

    >>> percent(0.634, "sv"), integer(12345, "sv"), month_label("2026-03", "sv")
    ('63\xa0%', '12\xa0345', 'mars 2026')

A result table's cell is formatted here for each medium by its kind (COUNT, SHARE,
MEAN, MONTH, TEXT): `display` for screens and PDF, `spreadsheet_value` for Excel,
`csv_text` for CSV.

    >>> display(0.634, SHARE, "sv"), spreadsheet_value(0.634, SHARE), csv_text(0.634, SHARE, "sv")
    ('63\xa0%', 63.4, '63,4')
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from barnrosten.i18n import t

# Shown where a figure is hidden by the privacy rules or there is no data.
HIDDEN = "–"
# The key of a gender or age band the respondent did not give, in breakdowns.
NOT_GIVEN = "unknown"
MONTHS = {
    "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}
NBSP = "\u00a0"
# Staff read Swedish time: stored UTC moments are shown in this zone (summer time included).
LOCAL_ZONE = ZoneInfo("Europe/Stockholm")
_SIGNED_NUMBER = re.compile(r"^[+-]\d+([.,]\d+)?$")

# What a figure in a result table is (barnrosten/results/tables.py).
COUNT = "count"  # a number of people, comments, municipalities
SHARE = "share"  # 0-1: shown as a percentage, in files as percent (0-100) with one decimal
MEAN = "mean"  # an average or an index, one decimal
MONTH = "month"  # 'YYYY-MM' or 'YYYY-Qn'
TEXT = "text"
KINDS = (COUNT, SHARE, MEAN, MONTH, TEXT)
# Excel number formats; Excel shows them with the reader's own decimal sign.
EXCEL_NUMBER_FORMATS = {COUNT: "#,##0", SHARE: "0.0", MEAN: "0.0"}
EXCEL_CHANGE_FORMATS = {COUNT: "+#,##0;-#,##0;0", SHARE: "+0.0;-0.0;0.0", MEAN: "+0.0;-0.0;0.0"}


def local_time(moment: str | datetime | None, seconds: bool = False) -> str:
    """A stored UTC moment (ISO text or datetime) as Swedish local time, '2026-12-08 00:18' ("–" for none)."""
    if moment is None or moment == "":
        return HIDDEN
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:  # stored moments are UTC
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(LOCAL_ZONE).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def integer(n: int | None, language: str = "sv") -> str:
    if n is None:
        return HIDDEN
    text = f"{n:,}"
    return text.replace(",", NBSP) if language != "en" else text


def decimal(x: float | None, language: str = "sv", places: int = 1) -> str:
    if x is None:
        return HIDDEN
    text = f"{x:,.{places}f}"
    if language == "en":
        return text
    return text.replace(",", NBSP).replace(".", ",")


def percent(share: float | None, language: str = "sv") -> str:
    """A share 0-1 as a whole percentage: '63 %' in Swedish, '63%' in English."""
    if share is None:
        return HIDDEN
    return f"{round(share * 100)}{'%' if language == 'en' else NBSP + '%'}"


def signed(change: float | None, language: str = "sv", *, as_percent_points: bool = False, places: int = 0) -> str | None:
    """A change with its sign ('+4', '-2,5'), or None when there is nothing to compare.

    A plain hyphen-minus, not U+2212: Streamlit's metric reads the leading '-' to point its arrow down.
    """
    if change is None:
        return None
    value = change * 100 if as_percent_points else change
    text = decimal(abs(value), language, places) if places else integer(round(abs(value)), language)
    sign = "+" if value > 0 else ("-" if value < 0 else "±")
    return f"{sign}{text}"


def month_label(month: str, language: str = "sv", *, short: bool = False) -> str:
    """'2026-03' -> 'mars 2026' ('mar 2026' when short); '2026-Q1' -> 'kvartal 1 2026' ('Q1 2026' in English)."""
    year, part = month.split("-")
    if part.startswith("Q"):
        return f"{'kv' if short else 'kvartal'} {part[1]} {year}" if language != "en" else f"{part} {year}"
    name = MONTHS.get(language, MONTHS["sv"])[int(part) - 1]
    return f"{name[:3] if short else name} {year}"


def breakdown_label(dimension: str, value: str, language: str = "sv") -> str:
    """A gender or an age band as readers see it: 'Flicka', '10-12', or 'Inte angivet' for NOT_GIVEN."""
    if value == NOT_GIVEN:
        return t("dash.unknown", language)
    return t(f"gender.{value}", language) if dimension == "gender" else value


def whole(n: float) -> int:
    """A count as a whole number, halves up (a median of counts may be 12.5): the same on screen and in files."""
    return int(math.floor(n + 0.5))


def display(value, kind: str, language: str = "sv", *, change: bool = False) -> str:
    """A cell of a result table as text, for the screen and the PDF: HIDDEN where the value is None.

    `change` marks a difference: signed, and for shares in percentage points.
    """
    if value is None:
        return HIDDEN
    if change:
        return signed(value, language, as_percent_points=kind == SHARE, places=1 if kind == MEAN else 0) or HIDDEN
    if kind == COUNT:
        return integer(whole(value), language)
    if kind == SHARE:
        return percent(value, language)
    if kind == MEAN:
        return decimal(value, language)
    if kind == MONTH:
        return month_label(value, language, short=True)
    return str(value)


def spreadsheet_value(value, kind: str, *, change: bool = False):
    """A cell for Excel: numbers stay numbers (shares as percent, one decimal), months as 'YYYY-MM', None empty."""
    if value is None:
        return None
    if kind == COUNT:
        return whole(value) if not change else round(value)
    if kind == SHARE:
        return round(value * 100, 1)
    if kind == MEAN:
        return round(value, 1)
    return str(value)


def csv_text(value, kind: str, language: str = "sv", *, change: bool = False) -> str:
    """A cell for CSV: like Excel's, with a decimal comma in Swedish; hidden is empty; formulas stay text."""
    cell = spreadsheet_value(value, kind, change=change)
    if cell is None:
        return ""
    if isinstance(cell, float):
        text = f"{cell:.1f}"
        return text if language == "en" else text.replace(".", ",")
    return str(cell)


def file_heading(heading: str, kind: str) -> str:
    """A column heading in Excel and CSV, where shares are written as percent: 'Andel positiva (%)'."""
    return f"{heading} (%)" if kind == SHARE else heading


# What makes Excel read a cell as a formula (OWASP's CSV injection list: = + - @, tab and carriage return).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    """A CSV cell Excel will not run: text starting with = + - @ (or a tab or CR) gets a leading apostrophe.

    An empty cell stays empty (`"" in "=+-@"` is true in Python, hence startswith). A plain signed
    number ('-4,4', '+2', a change in a result table) is a number, not a formula, and stays as it is.

        >>> spreadsheet_cell("=1+1"), spreadsheet_cell(""), spreadsheet_cell(-2)
        ("'=1+1", '', -2)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _SIGNED_NUMBER.match(value):
        return "'" + value
    return value


def excel_csv(rows: list[list]) -> bytes:
    """Rows (the first the header) as CSV the way Swedish Excel opens it: UTF-8 with BOM, semicolons, no formulas.

        >>> excel_csv([["a", "b"], ["=1+1", 2]]).decode("utf-8-sig")
        "a;b\\r\\n'=1+1;2\\r\\n"
    """
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([spreadsheet_cell(v) for v in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
