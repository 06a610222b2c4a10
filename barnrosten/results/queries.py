"""Raw counts for the dashboards, straight from SQLite. No access checks and no privacy here:

these rows hold small counts and must only reach users through `barnrosten.results.insights`,
which checks the caller and applies `barnrosten.results.privacy`. Every function takes a
database and `Filters` and returns plain rows (dicts).

Only released respondents are counted (`barnrosten.results.release`). Each count comes
with the sum of its respondents' record keys (`*_key`, for the cell key method) and
its source (`batch`: None for answers given here, else the import batch), so the
privacy rules can count native respondents and each import batch apart.

Dimensions a caller may group by (`by`):
municipality, month, gender, age_band, survey.
"""

from __future__ import annotations

import json
from functools import lru_cache

import sqlite_utils

from barnrosten.results.filters import GROUP_SETS, WITHOUT_PATTERNS, Filters, month_from_index, month_index
from barnrosten.results.network_summary import is_fresh
from barnrosten.storage.db import connection

# CROSS JOIN fixes the order SQLite walks: the municipality's sessions, their released participants in
# the period (a covering index), then each participant's answers (another): never a scan of all answers.
RESPONSES = (
    "sessions s CROSS JOIN participants p ON p.session_id = s.id "
    "JOIN survey_versions sv ON sv.id = s.survey_version_id JOIN surveys su ON su.id = sv.survey_id"
)
DIMENSIONS = {
    "municipality": "s.municipality_id",
    "month": "substr(p.started_at, 1, 7)",
    "gender": "p.gender",
    "age_band": "p.age_band",
    "survey": "sv.survey_id",
}


# The filters other than the period, as columns of the live tables and of the network summary.
LIVE_COLUMNS = {"survey": "sv.survey_id", "group": "su.respondent_group", "age_band": "p.age_band",
                "gender": "p.gender", "service_area": "s.service_area", "answered_with": "p.answered_with"}
# The summary has no "who helped" column: with that filter set, network figures are counted live.
SUMMARY_COLUMNS = {"survey": "sv.survey_id", "group": "su.respondent_group", "age_band": "c.age_band",
                   "gender": "c.gender", "service_area": "c.service_area"}


def _equal_to_filters(filters: Filters, columns: dict[str, str]) -> tuple[list[str], list]:
    """`column = ?` for every filter that is set, with its value."""
    clauses, params = [], []
    for name, column in columns.items():
        value = getattr(filters, name)
        if name == "group" and value in GROUP_SETS:  # a set of groups (reports): any of them
            clauses.append(f"{column} IN ({', '.join('?' for _ in GROUP_SETS[value])})")
            params.extend(GROUP_SETS[value])
        elif value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    return clauses, params


# The switch "without answer patterns that need care": leave out respondents who gave three or more face
# answers (stored as a bare digit 1-5), all the same face (barnrosten/results/answer_patterns.py).
SAME_FACES_EVERYWHERE = (
    "NOT EXISTS (SELECT 1 FROM answers pa WHERE pa.participant_token = p.token AND pa.skipped = 0 "
    "AND pa.value GLOB '[1-5]' GROUP BY pa.participant_token HAVING COUNT(*) >= 3 AND MIN(pa.value) = MAX(pa.value))"
)


def where(filters: Filters, *, all_municipalities: bool = False) -> tuple[str, list]:
    """The WHERE clause selecting the responses `filters` describe (started within the period)."""
    columns = dict(LIVE_COLUMNS)
    if not all_municipalities:
        if filters.municipality is None:
            raise ValueError("a municipality is required unless all_municipalities is set")
        columns["municipality"] = "s.municipality_id"
    clauses, params = _equal_to_filters(filters, columns)
    period = ["p.release_id IS NOT NULL", "p.started_at >= ?", "p.started_at < ?"]
    bounds = [filters.start + "-01", month_from_index(month_index(filters.end) + 1) + "-01"]
    if filters.patterns == WITHOUT_PATTERNS:
        clauses.append(SAME_FACES_EVERYWHERE)
    return " AND ".join(period + clauses), bounds + params


def _group(by: tuple[str, ...], dimensions: dict[str, str] = DIMENSIONS) -> tuple[str, str]:
    unknown = set(by) - set(dimensions)
    if unknown:
        raise ValueError(f"unknown dimensions {sorted(unknown)}")
    select = "".join(f"{dimensions[d]} AS {d}, " for d in by)
    group = ("GROUP BY " + ", ".join(dimensions[d] for d in by)) if by else ""
    return select, group


def _among(column: str, values: tuple[str, ...] | None) -> tuple[str, list]:
    """` AND column IN (...)` for a list of values, or nothing when there is no list."""
    if values is None:
        return "", []
    return f" AND {column} IN ({', '.join('?' for _ in values)})", list(values)


# The same dimensions in the network summary (barnrosten/results/network_summary.py).
SUMMARY_DIMENSIONS = {"municipality": "c.municipality_id", "month": "c.month", "gender": "c.gender",
                      "age_band": "c.age_band", "survey": "sv.survey_id"}


def _summary_where(filters: Filters) -> tuple[str, list]:
    clauses, params = _equal_to_filters(filters, SUMMARY_COLUMNS)
    return " AND ".join(["c.month >= ?", "c.month <= ?"] + clauses), [filters.start, filters.end] + params


def _use_summary(db: sqlite_utils.Database, all_municipalities: bool, filters: Filters) -> bool:
    unsummarised = [name for name in LIVE_COLUMNS if name not in SUMMARY_COLUMNS and getattr(filters, name)]
    return all_municipalities and not unsummarised and not filters.patterns and is_fresh(db)


SUMMARY_FROM = ("{table} c JOIN survey_versions sv ON sv.id = c.survey_version_id "
                "JOIN surveys su ON su.id = sv.survey_id")


def _by_source(group: str, column: str) -> str:
    """The GROUP BY clause with the source (import batch) added."""
    return (group + ", " if group else "GROUP BY ") + column


def respondent_counts(db: sqlite_utils.Database, filters: Filters, by: tuple[str, ...] = (),
                      *, all_municipalities: bool = False) -> list[dict]:
    """Rows of: the `by` dimensions, batch, started (respondents), completed, started_key, completed_key.

    One row per source; no rows when nobody answered. Network-wide counts come from
    the summary while it is fresh (see barnrosten/results/network_summary.py).
    """
    if _use_summary(db, all_municipalities, filters):
        clause, params = _summary_where(filters)
        select, group = _group(by, SUMMARY_DIMENSIONS)
        return list(db.query(
            f"SELECT {select}c.import_batch_id AS batch, SUM(c.started) AS started, SUM(c.completed) AS completed, "
            f"SUM(c.started_key) AS started_key, SUM(c.completed_key) AS completed_key "
            f"FROM {SUMMARY_FROM.format(table='respondent_cube')} WHERE {clause} "
            f"{_by_source(group, 'c.import_batch_id')}", params))
    clause, params = where(filters, all_municipalities=all_municipalities)
    select, group = _group(by)
    return list(db.query(
        f"SELECT {select}s.import_batch_id AS batch, COUNT(*) AS started, COUNT(p.completed_at) AS completed, "
        f"SUM(p.record_key) AS started_key, "
        f"TOTAL(CASE WHEN p.completed_at IS NOT NULL THEN p.record_key END) AS completed_key FROM {RESPONSES} "
        f"WHERE {clause} {_by_source(group, 's.import_batch_id')}", params))


def answer_counts(db: sqlite_utils.Database, filters: Filters, by: tuple[str, ...] = (),
                  *, all_municipalities: bool = False, questions: tuple[str, ...] | None = None) -> list[dict]:
    """Rows of: the `by` dimensions, survey_version_id, question_id, value (JSON), batch, n, key.

    Only single-valued closed answers (faces, yes/no, single choice): free text
    has a text hash and multiple choice a JSON list, and neither has a "positive" answer.
    `questions` limits the count to those question ids. Network-wide counts come
    from the summary while it is fresh (see barnrosten/results/network_summary.py).
    """
    if _use_summary(db, all_municipalities, filters):
        clause, params = _summary_where(filters)
        among, values = _among("c.question_id", questions)
        select, group = _group(by, SUMMARY_DIMENSIONS)
        group = (group + ", " if group else "GROUP BY ") + "c.survey_version_id, c.question_id, c.value, c.import_batch_id"
        return list(db.query(
            f"SELECT {select}c.survey_version_id, c.question_id, c.value, c.import_batch_id AS batch, SUM(c.n) AS n, "
            f"SUM(c.key_sum) AS key "
            f"FROM {SUMMARY_FROM.format(table='answer_cube')} WHERE {clause}{among} {group}", params + values))
    clause, params = where(filters, all_municipalities=all_municipalities)
    among, values = _among("a.question_id", questions)
    clause, params = clause + among, params + values
    select, group = _group(by)
    group = (group + ", " if group else "GROUP BY ") + "s.survey_version_id, a.question_id, a.value, s.import_batch_id"
    return list(db.query(
        f"SELECT {select}s.survey_version_id, a.question_id, a.value, s.import_batch_id AS batch, COUNT(*) AS n, "
        f"SUM(p.record_key) AS key FROM {RESPONSES} "
        f"CROSS JOIN answers a ON a.participant_token = p.token "
        f"WHERE {clause} AND a.skipped = 0 AND a.text_hash IS NULL AND a.value NOT LIKE '[%' {group}", params))


def answer_counts_each(db: sqlite_utils.Database, filter_list: list[Filters], *,
                       all_municipalities: bool = False) -> list[list[dict]]:
    """`answer_counts` for several selections at once, each on its own read connection in its own thread.

    SQLite runs the queries side by side (WAL readers do not block each other, and
    Python's sqlite3 releases the GIL while a query runs): on two cores the network
    view's two periods take the time of one.
    """
    from concurrent.futures import ThreadPoolExecutor

    path = db.execute("PRAGMA database_list").fetchone()[2]
    if not path or len(filter_list) < 2:  # an in-memory database has no second connection
        return [answer_counts(db, f, all_municipalities=all_municipalities) for f in filter_list]

    def count(filters: Filters) -> list[dict]:
        with connection(path) as own:
            return answer_counts(own, filters, all_municipalities=all_municipalities)

    with ThreadPoolExecutor(max_workers=len(filter_list)) as pool:
        return list(pool.map(count, filter_list))


# One sentiment per respondent and theme, from all their comments on it: both ways (or a comment that is
# itself mixed) is mixed; neutral gives way to a clear tone.
_PERSON_SENTIMENT = (
    "CASE WHEN MAX(sentiment = 'mixed') OR (MAX(sentiment = 'positive') AND MAX(sentiment = 'negative')) THEN 'mixed' "
    "WHEN MAX(sentiment = 'positive') THEN 'positive' WHEN MAX(sentiment = 'negative') THEN 'negative' "
    "ELSE MAX(sentiment) END"
)


def theme_counts(db: sqlite_utils.Database, filters: Filters, version: str, by: tuple[str, ...] = (),
                 *, all_municipalities: bool = False) -> list[dict]:
    """Rows of: the `by` dimensions, theme, sentiment, batch, n, key: respondents who commented (annotation `version`).

    People, not comments: a respondent counts once per theme they wrote about, under one
    sentiment (_PERSON_SENTIMENT), however many comments they wrote. A comment with several
    themes counts under each; comments with none are under theme None.
    """
    clause, params = where(filters, all_municipalities=all_municipalities)
    unknown = set(by) - set(DIMENSIONS)
    if unknown:
        raise ValueError(f"unknown dimensions {sorted(unknown)}")
    inner = "".join(f"{DIMENSIONS[d]} AS {d}, " for d in by)
    outer = "".join(f"{d}, " for d in by)
    return list(db.query(
        f"SELECT {outer}theme, sentiment, batch, COUNT(*) AS n, SUM(record_key) AS key FROM ("
        f"SELECT {outer}theme, batch, record_key, {_PERSON_SENTIMENT} AS sentiment FROM ("
        f"SELECT {inner}p.token, p.record_key, s.import_batch_id AS batch, t.value AS theme, "
        f"json_extract(n.result, '$.sentiment') AS sentiment "
        f"FROM {RESPONSES} CROSS JOIN answers a ON a.participant_token = p.token "
        f"JOIN annotations n ON n.text_hash = a.text_hash AND n.pipeline_version = ? "
        f"LEFT JOIN json_each(json_extract(n.result, '$.themes')) t "
        f"WHERE {clause} AND a.skipped = 0) GROUP BY {outer}token, theme) "
        f"GROUP BY {outer}theme, sentiment, batch", [version, *params]))


def comments(db: sqlite_utils.Database, filters: Filters, version: str, theme: str | None,
             *, limit: int = 20) -> list[dict]:
    """The newest redacted comments with `theme` (any when None), without those flagged for safeguarding.

    At most one per respondent (their newest on the theme): a view never quotes one child twice.
    Rows of: redacted, sentiment, answered_at, respondent (an opaque number, the same for one
    respondent within one call only, so views of several themes can keep one quote per respondent).
    The raw text is never selected.
    """
    clause, params = where(filters)
    theme_clause, theme_params = "", []
    if theme is not None:
        theme_clause = "AND EXISTS (SELECT 1 FROM json_each(json_extract(n.result, '$.themes')) t WHERE t.value = ?)"
        theme_params = [theme]
    return list(db.query(
        f"SELECT redacted, sentiment, answered_at, respondent FROM ("
        f"SELECT json_extract(n.result, '$.redacted') AS redacted, json_extract(n.result, '$.sentiment') AS sentiment, "
        f"a.answered_at, p.rowid AS respondent, "
        f"ROW_NUMBER() OVER (PARTITION BY p.token ORDER BY a.answered_at DESC, a.question_id) AS nth "
        f"FROM {RESPONSES} CROSS JOIN answers a ON a.participant_token = p.token "
        f"JOIN annotations n ON n.text_hash = a.text_hash AND n.pipeline_version = ? "
        f"WHERE {clause} AND a.skipped = 0 AND json_extract(n.result, '$.risk') = 0 {theme_clause} "
        f"AND NOT EXISTS (SELECT 1 FROM safety_flags f WHERE f.participant_token = a.participant_token "
        f"AND f.question_id = a.question_id)) "
        f"WHERE nth = 1 ORDER BY answered_at DESC, respondent LIMIT ?", [version, *params, *theme_params, limit]))


def unthemed_texts(db: sqlite_utils.Database, filters: Filters, version: str) -> list[dict]:
    """Rows of id, text (raw, for the analysis only), batch, key: comments no theme covers, one per respondent.

    One comment per respondent (their newest), so a topic's size counts people and its examples
    quote each child at most once; `key` is the respondent's record key. Flagged comments are
    left out: they belong in the safety queue, not in a topic list.
    """
    clause, params = where(filters)
    rows = db.query(
        f"SELECT value, batch, key FROM (SELECT a.value, s.import_batch_id AS batch, p.record_key AS key, "
        f"ROW_NUMBER() OVER (PARTITION BY p.token ORDER BY a.answered_at DESC, a.question_id) AS nth "
        f"FROM {RESPONSES} CROSS JOIN answers a ON a.participant_token = p.token "
        f"JOIN annotations n ON n.text_hash = a.text_hash AND n.pipeline_version = ? "
        f"WHERE {clause} AND a.skipped = 0 AND json_array_length(json_extract(n.result, '$.themes')) = 0 "
        f"AND json_extract(n.result, '$.risk') = 0 AND a.value IS NOT NULL) WHERE nth = 1", [version, *params])
    return [{"id": str(number), "text": json.loads(row["value"]), "batch": row["batch"], "key": row["key"]}
            for number, row in enumerate(rows)]


def question_kinds(db: sqlite_utils.Database) -> dict[tuple[int, str], dict]:
    """(survey version id, question id) -> {survey_id, type, theme, text} for every stored version."""
    kinds = {}
    for row in db.query("SELECT id, survey_id, definition FROM survey_versions"):
        kinds.update(_kinds_of(row["id"], row["survey_id"], row["definition"]))
    return kinds


@lru_cache(maxsize=256)
def _kinds_of(version_id: int, survey_id: str, definition: str) -> dict:
    parsed = json.loads(definition)
    return {(version_id, q["id"]): {"survey_id": survey_id, "type": q["type"], "theme": q.get("theme"),
                                    "text": q["text"]} for q in parsed["questions"]}


def survey_titles(db: sqlite_utils.Database) -> dict[str, dict]:
    """survey id -> {title (per language), respondent_group}, from the latest stored version."""
    titles = {}
    for row in db.query("SELECT survey_id, definition FROM survey_versions ORDER BY version"):
        parsed = json.loads(row["definition"])
        titles[row["survey_id"]] = {"title": parsed["title"], "respondent_group": parsed["respondent_group"]}
    return titles


def municipality_names(db: sqlite_utils.Database) -> dict[str, str]:
    return {row["id"]: row["name"] for row in db.query("SELECT id, name FROM municipalities ORDER BY name")}


def filter_options(db: sqlite_utils.Database) -> dict[str, list[str]]:
    """Values present in the data, for the filter widgets: surveys, age bands, service areas."""
    return {
        "survey": [r[0] for r in db.execute("SELECT id FROM surveys ORDER BY id")],
        "age_band": [r[0] for r in db.execute(
            "SELECT DISTINCT age_band FROM participants WHERE age_band IS NOT NULL ORDER BY age_band")],
        "month": [r[0] for r in db.execute(
            "SELECT DISTINCT substr(started_at, 1, 7) FROM participants ORDER BY 1")],
    }
