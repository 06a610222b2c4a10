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

import csv
import io
import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone

import sqlite_utils
from openpyxl import load_workbook

from barnrosten.access import audit
from barnrosten.access.roles import Principal, require
from barnrosten.answering import responses
from barnrosten.answering.annotations import text_hash
from barnrosten.answering.join_codes import unused_code
from barnrosten.storage.db import to_iso, utc_now, write_transaction
from surveys.schema import Question, Survey

# A file this size takes seconds to check; bigger exports can be split.
MAX_ROWS = 50_000
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

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


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
    """Columns and rows of a CSV (comma, semicolon or tab; UTF-8 or Windows-1252) or Excel file."""
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")):
        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception as error:  # noqa: BLE001 - any unreadable workbook gets the same kind message
            raise ImportFileProblem("unreadable") from error
        cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    elif name.endswith((".csv", ".txt")):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
        # The header row decides the delimiter: Swedish Excel writes ';', most other tools ','.
        header = text.split("\n", 1)[0]
        delimiter = max(";,\t", key=header.count)
        cells = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    else:
        raise ImportFileProblem("format")
    cells = [row for row in cells if any(c not in (None, "") for c in row)]
    if len(cells) < 2:
        raise ImportFileProblem("empty")
    if len(cells) - 1 > MAX_ROWS:
        raise ImportFileProblem("too_many")
    columns = [str(c).strip() if c not in (None, "") else f"#{i + 1}" for i, c in enumerate(cells[0])]
    if len(set(columns)) != len(columns):
        raise ImportFileProblem("duplicate_columns")
    return SourceTable(columns, [dict(zip(columns, row)) for row in cells[1:]])


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
