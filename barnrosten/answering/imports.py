"""Import feedback gathered with other tools (CSV or Excel) into the same tables as native answers.

Three steps, as on the import screen: read the file, map its columns onto a
survey's fields, check every row (`check_rows`), then `import_rows` stores the
valid rows in one transaction, so an import is all or nothing. A row that fails
a check is never dropped silently: it is listed with its row number, column
and what is wrong, and the user decides before anything is stored. Imported
answers are analysed like native ones (themes, sentiment, safeguarding flags).

    >>> table = read_table(open("feedback.csv", "rb").read(), "feedback.csv")
    >>> checked = check_rows(table, survey, {"date": "Datum", "lyssnad": "Lyssnad (1-5)"})
    >>> import_rows(db, principal, "alby", version_id, checked, source="feedback.csv")
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import logging
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from xml.parsers import expat

import sqlite_utils
from openpyxl import load_workbook

from barnrosten.access import audit
from barnrosten.access.roles import Principal, require
from barnrosten.answering import responses
from barnrosten.answering.annotations import text_hash
from barnrosten.answering.join_codes import unused_code
from barnrosten.storage.db import to_iso, utc_now, write_transaction
from surveys.schema import Question, Survey

log = logging.getLogger(__name__)

# A file this size takes seconds to check; bigger exports can be split.
MAX_ROWS = 50_000
# Exports of other survey tools carry many columns of their own; more than this is no survey file.
MAX_COLUMNS = 500
# Excel's own limit; a row claiming more cells is refused whatever holds values.
EXCEL_MAX_COLUMNS = 16_384
# openpyxl keeps a workbook's shared strings in memory: their unpacked size is bounded first.
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
# Fields that are not questions: when the answer was given, and who (roughly) gave it.
PROFILE_FIELDS = ("date", "age_band", "gender")
# What people write in spreadsheets, mapped onto our ids (folded: lower case, no accents).
YES_NO_WORDS = {"ja": "yes", "yes": "yes", "j": "yes", "1": "yes", "nej": "no", "no": "no", "n": "no", "0": "no",
                "vet inte": "dont_know", "vet ej": "dont_know", "dont know": "dont_know", "don't know": "dont_know"}
GENDER_WORDS = {"flicka": "girl", "tjej": "girl", "girl": "girl", "f": "girl", "pojke": "boy", "kille": "boy",
                "boy": "boy", "p": "boy", "annat": "other", "other": "other", "vill inte saga": "prefer_not",
                "prefer not to say": "prefer_not"}
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y", "%d.%m.%Y")


class ImportFileProblem(ValueError):
    """The file as a whole cannot be read; `key` names the message (import.error_<key>)."""

    def __init__(self, key: str, *, rows_read: int = 0):
        super().__init__(key)
        self.key = key
        self.rows_read = rows_read  # rows of the file looked at before it was refused


@dataclass(frozen=True)
class SourceTable:
    columns: list[str]
    rows: list[dict]  # column -> cell text (or a date/number from Excel)


@dataclass
class CheckedRows:
    """Rows ready to store (`valid`) and the problems of the others (`problems`)."""

    valid: list[dict] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)  # row (1-based, as in the file), column, problem, value

    @property
    def rejected_rows(self) -> int:
        return len({p["row"] for p in self.problems})


def _fold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", str(text).strip().lower()) if unicodedata.category(ch) != "Mn")


def read_table(data: bytes, filename: str) -> SourceTable:
    """Columns and rows of a CSV (comma, semicolon or tab; UTF-8 or Windows-1252) or Excel file.

    Both are read row by row and refused as soon as a limit is passed (MAX_ROWS rows, MAX_COLUMNS
    columns): a small file that unpacks to a million rows, or a header of half a million empty cells,
    costs no more than a file at the limits.
    """
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")):
        rows = _excel_rows(data)
    elif name.endswith((".csv", ".txt")):
        rows = _csv_rows(data)
    else:
        raise ImportFileProblem("format")
    return _table(rows)


def _table(rows: Iterable[Sequence]) -> SourceTable:
    """The header and up to MAX_ROWS non-empty rows, stopping at the first row past a limit."""
    columns: list[str] | None = None
    kept: list[dict] = []
    read = 0
    for row in rows:
        read += 1
        if len(row) > MAX_COLUMNS:
            raise ImportFileProblem("too_many_columns", rows_read=read)
        if not any(c not in (None, "") for c in row):
            continue
        if columns is None:
            columns = [str(c).strip() if c not in (None, "") else f"#{i + 1}" for i, c in enumerate(row)]
            if len(set(columns)) != len(columns):
                raise ImportFileProblem("duplicate_columns", rows_read=read)
            continue
        if len(kept) == MAX_ROWS:
            raise ImportFileProblem("too_many", rows_read=read)
        kept.append(dict(zip(columns, row)))
    if columns is None or not kept:
        raise ImportFileProblem("empty", rows_read=read)
    return SourceTable(columns, kept)


def _csv_encoding(data: bytes) -> str:
    """UTF-8 when the whole file decodes as UTF-8, else Windows-1252 (checked in pieces, never copied whole)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for start in range(0, len(data), 1 << 20):
            decoder.decode(data[start:start + (1 << 20)])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    encoding = _csv_encoding(data)
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors="replace", newline="")
    # The header row decides the delimiter: Swedish Excel writes ';', most other tools ','.
    header = text.readline()
    delimiter = max(";,\t", key=header.count)
    text.seek(0)
    return csv.reader(_records_within_columns(text, delimiter), delimiter=delimiter)


def _records_within_columns(lines: Iterable[str], delimiter: str) -> Iterator[str]:
    """The file's lines for the CSV reader, refused before the reader splits a record wider than MAX_COLUMNS.

    Delimiters are counted outside quotes (a quoted field may hold delimiters and line breaks),
    so a header of half a million empty cells never becomes half a million fields.
    """
    inside_quotes, fields, read = False, 1, 0
    for line in lines:
        if '"' not in line:
            if not inside_quotes:
                fields += line.count(delimiter)
        else:
            parts = line.split('"')
            outside = parts[1::2] if inside_quotes else parts[0::2]
            fields += sum(part.count(delimiter) for part in outside)
            inside_quotes ^= (len(parts) - 1) % 2 == 1
        if fields > MAX_COLUMNS:
            raise ImportFileProblem("too_many_columns", rows_read=read + 1)
        if not inside_quotes:
            fields, read = 1, read + 1
        yield line


def _excel_rows(data: bytes) -> Iterator[tuple]:
    """The first sheet's rows, through openpyxl's read-only (streaming) reader, after a cheap scan of the sheet.

    The scan streams the sheet's XML once, keeping one cell in memory, and refuses the file at the
    first row past MAX_ROWS or the first value past MAX_COLUMNS. Only then does openpyxl read the
    values (dates, shared strings), never wider than the widest column that holds a value.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        # openpyxl holds the whole shared-strings table in memory: its unpacked size is checked first.
        if any(info.filename.endswith("sharedStrings.xml") and info.file_size > MAX_SHARED_STRINGS_BYTES
               for info in archive.infolist()):
            raise ImportFileProblem("too_big")
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        with archive.open(sheet._worksheet_path) as source:  # the path openpyxl itself reads the sheet from
            width = _scan_sheet(source)
    except ImportFileProblem:
        raise
    except Exception as error:  # noqa: BLE001 - any unreadable workbook gets the same kind message
        log.info("Workbook not readable: %s", type(error).__name__)
        raise ImportFileProblem("unreadable") from error
    try:
        yield from sheet.iter_rows(max_col=max(width, 1), values_only=True)
    finally:
        book.close()


def _column_number(reference: str) -> int:
    letters = reference.rstrip("0123456789").upper()
    number = 0
    for letter in letters[:4]:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number if len(letters) <= 3 else EXCEL_MAX_COLUMNS + 1


class _SheetScan:
    """Counts a sheet's rows and columns holding values from its XML as it streams by (expat callbacks).

    No element is kept, so memory stays flat however wide or long the sheet; the scan
    raises ImportFileProblem at the first row past MAX_ROWS or the first value past MAX_COLUMNS.
    """

    def __init__(self):
        self.rows = self.width = self.column = 0
        self.row_has_value = self.cell_has_value = self.in_value = False

    def start(self, name: str, attributes: dict) -> None:
        tag = name.rpartition("}")[2]
        if tag == "c":
            reference = attributes.get("r")
            self.column = _column_number(reference) if reference else self.column + 1
            if self.column > EXCEL_MAX_COLUMNS:
                raise ImportFileProblem("too_many_columns", rows_read=self.rows)
            self.cell_has_value = False
        elif tag in ("v", "t"):
            self.in_value = True
        elif tag == "row":
            self.column, self.row_has_value = 0, False

    def text(self, data: str) -> None:
        if self.in_value and data.strip():
            self.cell_has_value = True

    def end(self, name: str) -> None:
        tag = name.rpartition("}")[2]
        if tag in ("v", "t"):
            self.in_value = False
        elif tag == "c" and self.cell_has_value:
            if self.column > MAX_COLUMNS:
                raise ImportFileProblem("too_many_columns", rows_read=self.rows)
            self.row_has_value, self.width = True, max(self.width, self.column)
        elif tag == "row" and self.row_has_value:
            self.rows += 1
            if self.rows > MAX_ROWS + 1:  # the header and MAX_ROWS rows
                raise ImportFileProblem("too_many", rows_read=self.rows)


def _scan_sheet(source) -> int:
    """The widest column holding a value; refuses past MAX_ROWS rows with values or MAX_COLUMNS columns.

    expat (2.4 and later) refuses entity expansion bombs, and external entities are never fetched.
    """
    scan = _SheetScan()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = scan.start, scan.end, scan.text
    while chunk := source.read(1 << 16):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return scan.width


def guess_mapping(table: SourceTable, survey: Survey) -> dict[str, str]:
    """Field -> column where a column's name is the field id, or a question's text, or a usual word."""
    usual = {"date": ("datum", "date", "tid", "besvarad"), "age_band": ("alder", "age", "aldersgrupp"),
             "gender": ("kon", "gender")}
    folded = {_fold(c): c for c in table.columns}
    mapping = {}
    for name in PROFILE_FIELDS:
        for word in (name, *usual[name]):
            if _fold(word) in folded:
                mapping[name] = folded[_fold(word)]
                break
    for question in survey.questions:
        for candidate in (question.id, *question.text.values()):
            if _fold(candidate) in folded:
                mapping[question.id] = folded[_fold(candidate)]
                break
    return mapping


def _parse_date(value) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, date):
        return datetime.combine(value, time(12), timezone.utc)
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(str(value).strip(), pattern).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    return None


def _parse_answer(question: Question, value):
    """The answer in our form, or raise responses.InvalidAnswer."""
    if question.type == "faces":
        try:
            number = float(str(value).replace(",", "."))
        except ValueError:
            raise responses.InvalidAnswer("face") from None
        if number != int(number):
            raise responses.InvalidAnswer("face")
        value = int(number)
    elif question.type == "yes_no":
        value = YES_NO_WORDS.get(_fold(value), _fold(value))
    elif question.type in ("single", "multi"):
        by_word = {_fold(o.id): o.id for o in question.options}
        by_word.update({_fold(text): o.id for o in question.options for text in o.text.values()})
        # Several choices in one cell are separated by | , or ; (whichever the file's delimiter is not).
        parts = ([p for p in str(value).replace("|", ";").replace(",", ";").split(";") if p.strip()]
                 if question.type == "multi" else [value])
        chosen = [by_word.get(_fold(p)) for p in parts]
        if None in chosen:
            raise responses.InvalidAnswer("option")
        value = chosen if question.type == "multi" else chosen[0]
    else:
        value = str(value)
    return responses.validate_answer(question, value)


def check_rows(table: SourceTable, survey: Survey, mapping: dict[str, str]) -> CheckedRows:
    """Check every row against the survey. A row with any problem is not imported; all its problems are listed.

    `mapping` maps field (date, age_band, gender or a question id) -> column name.
    """
    result = CheckedRows()
    if "date" not in mapping:
        raise ImportFileProblem("no_date")
    questions = {q.id: q for q in survey.questions}
    for number, row in enumerate(table.rows, start=2):  # row 1 is the header, as in a spreadsheet
        problems = []
        parsed = {"row": number, "answers": {}}

        def problem(column, key, value):
            problems.append({"row": number, "column": column, "problem": key, "value": "" if value is None else str(value)[:80]})

        when = _parse_date(row.get(mapping["date"]))
        if when is None:
            problem(mapping["date"], "date", row.get(mapping["date"]))
        parsed["started_at"] = when
        age = row.get(mapping["age_band"]) if "age_band" in mapping else None
        age = str(age).strip() if age not in (None, "") else None
        if age is not None and age not in survey.age_bands:
            problem(mapping["age_band"], "age_band", age)
        parsed["age_band"] = age
        gender = row.get(mapping["gender"]) if "gender" in mapping else None
        gender = GENDER_WORDS.get(_fold(gender)) if gender not in (None, "") else None
        if "gender" in mapping and row.get(mapping["gender"]) not in (None, "") and gender is None:
            problem(mapping["gender"], "gender", row.get(mapping["gender"]))
        parsed["gender"] = gender
        for question_id, column in mapping.items():
            if question_id in PROFILE_FIELDS or question_id not in questions:
                continue
            value = row.get(column)
            if value in (None, "") or (isinstance(value, str) and not value.strip()):
                continue
            try:
                answer = _parse_answer(questions[question_id], value)
            except responses.InvalidAnswer:
                problem(column, questions[question_id].type, value)
                continue
            if answer not in ("", []):  # text of only control characters is no answer
                parsed["answers"][question_id] = answer
        if not parsed["answers"] and not problems:
            problem("", "no_answers", "")
        if problems:
            result.problems += problems
        else:
            result.valid.append(parsed)
    return result


def import_rows(db: sqlite_utils.Database, principal: Principal | None, municipality_id: str, survey_version_id: int,
                survey: Survey, checked: CheckedRows, *, source: str) -> int:
    """Store the valid rows as a closed session of the municipality, in one transaction; returns the session id.

    Each row becomes an anonymous participant (a random token) whose answers were given
    on the row's date. Free text gets its hash, so the background analysis picks it up.
    The session names its import batch (`import_batches`): the privacy rules count
    imported rows apart from native answers, so imported rows never lift a small group over k.
    """
    require(principal, "analyst", municipality_id)
    if not checked.valid:
        raise ImportFileProblem("nothing_valid")
    moment = to_iso(utc_now())
    with write_transaction(db) as conn:
        batch_id = conn.execute(
            "INSERT INTO import_batches (municipality_id, source, imported_by, imported_at, rows) VALUES (?, ?, ?, ?, ?)",
            (municipality_id, source[:200], principal.username, moment, len(checked.valid))).lastrowid
        session_id = conn.execute(
            "INSERT INTO sessions (code, municipality_id, survey_version_id, label, status, shared_device, "
            "idle_timeout_minutes, created_at, import_batch_id) VALUES (?, ?, ?, ?, 'closed', 0, 10, ?, ?)",
            (unused_code(conn), municipality_id, survey_version_id, f"Import: {source}"[:200], moment,
             batch_id)).lastrowid
        for parsed in checked.valid:
            token = responses.new_token()
            started = to_iso(parsed["started_at"])
            conn.execute(
                "INSERT INTO participants (token, session_id, language, age_band, gender, started_at, last_active_at, "
                "completed_at, ended_at) VALUES (?, ?, 'sv', ?, ?, ?, ?, ?, ?)",
                (token, session_id, parsed["age_band"], parsed["gender"], started, started, started, started))
            conn.executemany(
                "INSERT INTO answers (participant_token, question_id, value, skipped, answered_at, text_hash) "
                "VALUES (?, ?, ?, 0, ?, ?)",
                [(token, qid, json.dumps(value, ensure_ascii=False), started,
                  text_hash(value) if survey.question(qid).type == "text" else None)
                 for qid, value in parsed["answers"].items()])
        audit.record(db, principal.username, "import", municipality_id, source=source, rows=len(checked.valid),
                     rejected=checked.rejected_rows, session=session_id, batch=batch_id)
    return session_id
