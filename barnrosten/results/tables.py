"""Every result table, defined once: columns, labels, kinds, which columns count people, where the figures come from.

The dashboard (`barnrosten/ui/dashboard/result_view.py`), the Excel and CSV
files (`exports.py`) and the board report (`board_report.py`) all render these
tables, so a table has the same rows, labels and formats everywhere. Rows hold
language-neutral values from `barnrosten.results.insights` (access and privacy
are applied there); labels and number formats are applied when a table is
rendered, by `barnrosten.formatting`.

    >>> table = build("themes", Source(db, principal, filters, k=5))
    >>> table.header("sv")[:2], table.cells("sv")[0][:2]
    (['Tema', 'Kommentarer'], ['Kontinuitet', '12'])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import sqlite_utils

from analysis.taxonomy import theme_ids, theme_label
from barnrosten.access.roles import Principal
from barnrosten.formatting import COUNT, MEAN, MONTH, SHARE, TEXT, breakdown_label, display
from barnrosten.i18n import t
from barnrosten.results import insights, privacy, queries
from barnrosten.results.filters import Filters

# A column whose kind differs per row (key figures, the network comparison): the row's "kind" says.
BY_ROW = "by_row"
# The key of a table's total row (the respondents by gender and age band).
TOTAL = "__total__"


@dataclass(frozen=True)
class Column:
    """One column: `key` in the rows, `label` (a translation key, or a function of the language), its kind.

    `people`: the column counts people, so each count is checked against k before anything is shown.
    `change`: a difference from the period before (signed; shares in percentage points).
    `name`: for text columns, the value as readers see it, in a language.
    """

    key: str
    label: str | Callable[[str], str]
    kind: str
    people: bool = False
    change: bool = False
    name: Callable[[Any, str], str] | None = None

    def heading(self, language: str) -> str:
        return self.label(language) if callable(self.label) else t(self.label, language)

    def kind_in(self, row: dict) -> str:
        return row["kind"] if self.kind == BY_ROW else self.kind

    def text(self, row: dict, language: str) -> str:
        value = row.get(self.key)
        if self.name is not None and value is not None:
            return self.name(value, language)
        return display(value, self.kind_in(row), language, change=self.change)


@dataclass(frozen=True)
class Spread:
    """Columns repeated for each value the fill reports (age bands, periods), headed by `name(value, language)`."""

    kind: str
    name: Callable[[str, str], str]
    people: bool = False


@dataclass(frozen=True)
class Filled:
    """What a table's fill returns: its rows, and the values its spread columns are for."""

    rows: list[dict]
    spread: list[str] = field(default_factory=list)


class Source:
    """The figures of one selection, each asked of `insights` at most once (several tables share them)."""

    def __init__(self, db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int,
                 granularity: str = "month", overview: insights.Overview | None = None):
        self.db, self.principal, self.filters, self.k, self.granularity = db, principal, filters, k, granularity
        if overview is not None:
            self.__dict__["overview"] = overview

    @cached_property
    def overview(self) -> insights.Overview:
        return insights.overview(self.db, self.principal, self.filters, self.k)

    @cached_property
    def themes(self) -> list[dict]:
        return insights.themes(self.db, self.principal, self.filters, self.k)

    @cached_property
    def breakdown(self) -> dict:
        return insights.breakdown(self.db, self.principal, self.filters, self.k)


@dataclass(frozen=True)
class TableDefinition:
    """A result table: `id` (stable: file names and CSV choice), `title` (translation key), columns, fill.

    `spread` columns come after `columns` and before `trailing`. `group`: the key of a text
    column the dashboard and the PDF show one part per value of (the questions, per survey).
    `one_municipality`: only for one municipality, not for the whole network.
    """

    id: str
    title: str
    columns: tuple[Column, ...]
    fill: Callable[[Source], Filled]
    spread: Spread | None = None
    trailing: tuple[Column, ...] = ()
    group: str | None = None
    one_municipality: bool = False


class SmallCountShown(AssertionError):
    """A people count below k reached a result table: the privacy rules were bypassed upstream."""


@dataclass(frozen=True)
class ResultTable:
    """A filled table: its definition, its columns (spread expanded), its rows and the k it was checked against."""

    definition: TableDefinition
    columns: tuple[Column, ...]
    rows: list[dict]
    k: int

    @property
    def id(self) -> str:
        return self.definition.id

    def title(self, language: str) -> str:
        return t(self.definition.title, language)

    def header(self, language: str) -> list[str]:
        return [c.heading(language) for c in self.columns]

    def cells(self, language: str) -> list[list[str]]:
        """Every row as text, for the screen and the PDF."""
        return [[c.text(row, language) for c in self.columns] for row in self.rows]

    def groups(self, language: str) -> list[tuple[str | None, "ResultTable"]]:
        """The table split by its group column ((None, itself) when it has none); the part drops that column."""
        key = self.definition.group
        if key is None:
            return [(None, self)]
        column = next(c for c in self.columns if c.key == key)
        parts: dict[str, list[dict]] = {}
        for row in self.rows:
            parts.setdefault(column.text(row, language), []).append(row)
        rest = tuple(c for c in self.columns if c.key != key)
        return [(name, ResultTable(self.definition, rest, rows, self.k)) for name, rows in parts.items()]


def check_people_counts(columns: tuple[Column, ...], rows: list[dict], k: int) -> None:
    """Refuse a table with a people count that the privacy rules would not show (0 < n < k)."""
    for column in columns:
        if not column.people or column.change:
            continue
        for row in rows:
            value = row.get(column.key)
            if column.kind_in(row) == COUNT and value is not None and not privacy.is_reportable(value, k):
                raise SmallCountShown(f"{column.key}={value} below k={k}")


def build(table: str | TableDefinition, source: Source) -> ResultTable:
    """Fill a table from `source` (access is checked by insights) and check its people counts against k."""
    definition = TABLES[table] if isinstance(table, str) else table
    filled = definition.fill(source)
    spread = ()
    if definition.spread is not None:
        s = definition.spread
        spread = tuple(Column(value, (lambda language, v=value: s.name(v, language)), s.kind, people=s.people)
                       for value in filled.spread)
    columns = definition.columns + spread + definition.trailing
    check_people_counts(columns, filled.rows, source.k)
    return ResultTable(definition, columns, filled.rows, source.k)


def available(filters: Filters) -> list[TableDefinition]:
    """The tables that exist for this selection, in reading order."""
    return [d for d in TABLES.values() if filters.municipality or not d.one_municipality]


# --- How values read ---------------------------------------------------------------------------

def _in_language(texts: dict, language: str) -> str:
    return texts.get(language) or texts.get("sv") or next(iter(texts.values()), "")


def _theme(theme: str | None, language: str) -> str:
    return theme_label(theme, language) if theme else t("dash.no_theme", language)


def _metric(metric: str, language: str) -> str:
    return t(f"dash.{metric}", language)


def _gender(gender: str, language: str) -> str:
    return t("dash.total", language) if gender == TOTAL else breakdown_label("gender", gender, language)


def _age_band(band: str, language: str) -> str:
    return breakdown_label("age_band", band, language)


def _period(period: str, language: str) -> str:
    return display(period, MONTH, language)


# --- The tables ----------------------------------------------------------------------------------

KEY_FIGURE_KINDS = {"respondents": COUNT, "completion": SHARE, "listened_to": MEAN}
KEY_FIGURE_HELP = {"listened_to": "dash.listened_to_help"}  # translation keys of what a figure means


def _key_figures(source: Source) -> Filled:
    overview = source.overview
    return Filled([{"metric": metric, "kind": kind, "value": figure.value, "previous": figure.previous,
                    "change": figure.change, "help": KEY_FIGURE_HELP.get(metric)}
                   for metric, kind in KEY_FIGURE_KINDS.items()
                   for figure in [getattr(overview, metric)]])


def _questions(source: Source) -> Filled:
    titles = queries.survey_titles(source.db)
    return Filled([{"survey": titles.get(q["survey_id"], {}).get("title") or {"sv": q["survey_id"]},
                    "question": q["text"], "share": q["share"], "previous": q["previous"], "answered": q["answered"]}
                   for q in source.overview.questions])


def _themes(source: Source) -> Filled:
    return Filled([dict(r) for r in source.themes])


def _theme_trend(source: Source) -> Filled:
    rows = insights.theme_trend(source.db, source.principal, source.filters, source.k, source.granularity)
    periods = source.filters.buckets(source.granularity)
    pivot: dict[str, dict] = {}
    for r in rows:
        pivot.setdefault(r["theme"], {"theme": r["theme"]})[r["period"]] = r["comments"]
    order = {theme: i for i, theme in enumerate(theme_ids())}
    return Filled(sorted(pivot.values(), key=lambda r: order.get(r["theme"], len(order))), periods)


def _over_time(source: Source) -> Filled:
    return Filled(insights.over_time(source.db, source.principal, source.filters, source.k, source.granularity))


def _by(dimension: str) -> Callable[[Source], Filled]:
    def fill(source: Source) -> Filled:
        return Filled([{dimension: value, "listened_to": index}
                       for value, index in source.breakdown[f"by_{dimension}"].items()])
    return fill


def _gender_age(source: Source) -> Filled:
    table = source.breakdown["table"]
    bands = list(table.column_totals)
    rows = [{"gender": g, **{b: table.cells[(g, b)] for b in bands}, "total": total}
            for g, total in table.row_totals.items()]
    rows.append({"gender": TOTAL, **table.column_totals, "total": table.total})
    return Filled(rows, bands)


def _network(source: Source) -> Filled:
    peers = insights.network(source.db, source.principal, source.filters, source.k)
    return Filled([{"metric": metric, "kind": KEY_FIGURE_KINDS[metric], "own": figure["own"],
                    **{c: (figure["others"] or {}).get(c) for c in ("median", "q1", "q3", "low", "high", "count")}}
                   for metric, figure in peers.items()])


SENTIMENT_COLUMNS = tuple(Column(s, f"sentiment.{s}", COUNT, people=True) for s in insights.SENTIMENTS)
SPREAD_COLUMNS = ("median", "q1", "q3", "low", "high")

TABLES: dict[str, TableDefinition] = {d.id: d for d in (
    TableDefinition("key_figures", "export.sheet_key_figures", (
        Column("metric", "export.col_figure", TEXT, name=_metric),
        Column("value", "export.col_value", BY_ROW, people=True),
        Column("previous", "dash.col_previous", BY_ROW, people=True),
        Column("change", "export.col_change", BY_ROW, change=True),
    ), _key_figures),
    TableDefinition("questions", "export.sheet_questions", (
        Column("survey", "dash.survey", TEXT, name=_in_language),
        Column("question", "dash.col_question", TEXT, name=_in_language),
        Column("share", "dash.col_positive", SHARE),
        Column("previous", "dash.col_previous", SHARE),
        Column("answered", "export.col_answered", COUNT, people=True),
    ), _questions, group="survey"),
    TableDefinition("themes", "export.sheet_themes", (
        Column("theme", "dash.col_theme", TEXT, name=_theme),
        Column("comments", "dash.col_comments", COUNT, people=True),
        Column("previous", "dash.col_previous", COUNT, people=True),
        *SENTIMENT_COLUMNS,
    ), _themes),
    TableDefinition("theme_trend", "dash.theme_trend", (
        Column("theme", "dash.col_theme", TEXT, name=_theme),
    ), _theme_trend, spread=Spread(COUNT, _period, people=True)),
    TableDefinition("over_time", "export.sheet_over_time", (
        Column("period", "dash.col_period", MONTH),
        Column("respondents", "dash.respondents", COUNT, people=True),
        Column("listened_to", "dash.listened_to", MEAN),
    ), _over_time),
    TableDefinition("by_gender", "dash.by_gender", (
        Column("gender", "dash.gender", TEXT, name=_gender),
        Column("listened_to", "dash.listened_to", MEAN),
    ), _by("gender")),
    TableDefinition("by_age_band", "dash.by_age", (
        Column("age_band", "dash.age_band", TEXT, name=_age_band),
        Column("listened_to", "dash.listened_to", MEAN),
    ), _by("age_band")),
    TableDefinition("gender_age", "dash.respondents_table", (
        Column("gender", "dash.gender", TEXT, name=_gender),
    ), _gender_age, spread=Spread(COUNT, _age_band, people=True),
        trailing=(Column("total", "dash.total", COUNT, people=True),)),
    TableDefinition("network", "export.sheet_network", (
        Column("metric", "export.col_figure", TEXT, name=_metric),
        Column("own", "dash.own", BY_ROW, people=True),
        *(Column(c, f"dash.{c}", BY_ROW) for c in SPREAD_COLUMNS),
        Column("count", "dash.peers", COUNT),
    ), _network, one_municipality=True),
)}
