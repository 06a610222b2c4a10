"""The charts of a result table, drawn from the table's own rows: the dashboard and the board report show the same.

    >>> [c.title for c in charts_for(build("over_time", source), "sv")]
    ['Lyssnad på (index)', 'Svarande']

A table without a chart (key figures, respondents by gender and age band) has none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import altair as alt

from barnrosten.formatting import MONTH, display
from barnrosten.i18n import t
from barnrosten.results import charts, insights
from barnrosten.results.tables import ResultTable


@dataclass(frozen=True)
class TableChart:
    """A chart of a table: an optional heading above it, alt text, and whether it has anything to draw."""

    title: str | None
    chart: alt.Chart
    description: str
    empty: bool


def _text(table: ResultTable, key: str, language: str) -> Callable[[dict], str]:
    column = next(c for c in table.columns if c.key == key)
    return lambda row: column.text(row, language)


def _questions(table: ResultTable, language: str) -> list[TableChart]:
    label = _text(table, "question", language)
    rows = [{"label": label(r), "share": r["share"], "previous": r["previous"]} for r in table.rows]
    chart = charts.share_bars(rows, "label", t("dash.col_positive", language), t("dash.col_previous", language),
                              language)
    return [TableChart(None, chart, t("dash.questions_alt", language), not any(r["share"] is not None for r in rows))]


def _themes(table: ResultTable, language: str) -> list[TableChart]:
    label = _text(table, "theme", language)
    names = {s: t(f"sentiment.{s}", language) for s in insights.SENTIMENTS}
    names["hidden"] = t("dash.hidden_segment", language, k=table.k)
    stacked = [{"theme_label": label(r), "sentiment": s, "sentiment_label": names[s], "sentiment_order": i,
                "comments": r[s]} for r in table.rows for i, s in enumerate(insights.SENTIMENTS)]
    # What the hidden cells add up to is the total less the cells shown: drawn grey so bars keep their length.
    # Each shown figure is perturbed on its own (privacy.py), so the difference can come out below zero: no grey then.
    stacked += [{"theme_label": label(r), "sentiment": "hidden", "sentiment_label": names["hidden"],
                 "sentiment_order": 9, "comments": max(0, r["comments"] - sum(r[s] or 0 for s in insights.SENTIMENTS))}
                for r in table.rows if r["comments"] is not None]
    chart = charts.sentiment_bars(stacked, names, t("dash.col_comments", language), language)
    return [TableChart(None, chart, t("dash.themes_alt", language), not any(r["comments"] for r in stacked))]


def _theme_trend(table: ResultTable, language: str) -> list[TableChart]:
    label = _text(table, "theme", language)
    periods = [c.key for c in table.columns[1:]]
    # One point per theme and period, hidden ones (None) included: the line breaks there.
    long = [{"theme_label": label(r), "period_label": display(p, MONTH, language), "comments": r.get(p)}
            for r in table.rows for p in periods]
    granularity = "quarter" if periods and "Q" in periods[0] else "month"
    chart = charts.trend_lines(long, "period_label", "comments", "theme_label", t(f"dash.per_{granularity}", language),
                               t("dash.col_comments", language))
    return [TableChart(None, chart, t("dash.theme_trend_alt", language), not any(r["comments"] for r in long))]


def _over_time(table: ResultTable, language: str) -> list[TableChart]:
    rows = [{**r, "period_label": display(r["period"], MONTH, language)} for r in table.rows]
    granularity = "quarter" if rows and "Q" in rows[0]["period"] else "month"
    x_title, index, respondents = (t(key, language) for key in (f"dash.per_{granularity}", "dash.listened_to",
                                                                 "dash.respondents"))
    return [
        TableChart(index, charts.trend_lines(rows, "period_label", "listened_to", None, x_title, index, ".0f"),
                   t("dash.trend_alt", language), not any(r["listened_to"] is not None for r in rows)),
        TableChart(respondents, charts.trend_lines(rows, "period_label", "respondents", None, x_title, respondents),
                   t("dash.trend_alt", language), not any(r["respondents"] for r in rows)),
    ]


def _index_by(key: str, description: str) -> Callable[[ResultTable, str], list[TableChart]]:
    def draw(table: ResultTable, language: str) -> list[TableChart]:
        label = _text(table, key, language)
        rows = [{"label": label(r), "value": r["listened_to"]} for r in table.rows]
        return [TableChart(None, charts.index_bars(rows, "label", t("dash.listened_to", language)),
                           t(description, language), not any(r["value"] is not None for r in rows))]
    return draw


NETWORK_FORMATS = {"count": "d", "share": ".0%", "mean": ".0f"}


def _network(table: ResultTable, language: str) -> list[TableChart]:
    label = _text(table, "metric", language)
    drawn = []
    for row in table.rows:
        others = {c: row[c] for c in ("median", "q1", "q3", "low", "high")}
        chart = charts.peer_ranges([{"metric_label": label(row), "own": row["own"], **others}], label(row),
                                   t("dash.own", language), t("dash.others", language), NETWORK_FORMATS[row["kind"]])
        drawn.append(TableChart(label(row), chart, t("dash.network_alt", language), row["median"] is None))
    return drawn


DRAWN: dict[str, Callable[[ResultTable, str], list[TableChart]]] = {
    "questions": _questions, "themes": _themes, "theme_trend": _theme_trend, "over_time": _over_time,
    "by_gender": _index_by("gender", "dash.gender_alt"), "by_age_band": _index_by("age_band", "dash.age_alt"),
    "network": _network,
}


def charts_for(table: ResultTable, language: str) -> list[TableChart]:
    """The charts of `table` (one part of it, when it is grouped), or none."""
    draw = DRAWN.get(table.id)
    return draw(table, language) if draw else []
