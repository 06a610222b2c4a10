"""A result table on the dashboard: its charts, then the same rows as a table (for screen readers and for checking).

The table, its labels and formats are defined once in `barnrosten.results.tables`;
the Excel/CSV files and the board report render the same tables.
"""

from __future__ import annotations

import streamlit as st

from barnrosten.formatting import COUNT, HIDDEN, SHARE
from barnrosten.i18n import t
from barnrosten.results import table_charts
from barnrosten.results.charts import finish
from barnrosten.results.tables import ResultTable


def screen_rows(table: ResultTable, lang: str) -> list[dict[str, str]]:
    """The rows as the dataframe shows them: heading -> text."""
    header = table.header(lang)
    return [dict(zip(header, cells)) for cells in table.cells(lang)]


def show(table: ResultTable, lang: str, *, title: bool = False) -> None:
    """Per part of the table (a survey), its charts and then its rows: folded under the charts, open without."""
    if title:
        st.subheader(table.title(lang))
    for number, (name, part) in enumerate(table.groups(lang)):
        if name:
            st.subheader(name)
        key = f"{table.id}_{number}"
        drawn = table_charts.charts_for(part, lang)
        for index, chart in enumerate(drawn):
            if chart.title:
                st.subheader(chart.title)
            if chart.empty:
                st.info(t("dash.too_few", lang))
            else:  # our own theme (not Streamlit's) keeps the colour-blind-safe palette
                st.altair_chart(finish(chart.chart, lang), key=f"chart_{key}_{index}", theme=None,
                                alt=chart.description)
        if drawn:
            with st.expander(t("dash.as_table", lang)):
                st.dataframe(screen_rows(part, lang), hide_index=True, width="stretch", key=f"table_{key}")
        else:
            st.dataframe(screen_rows(part, lang), hide_index=True, width="stretch", key=f"table_{key}")


def metrics(table: ResultTable, lang: str) -> None:
    """The key figures as metrics, each with its change from the period before (shares in percentage points)."""
    metric, value, change = (next(c for c in table.columns if c.key == key) for key in ("metric", "value", "change"))
    for column, row in zip(st.columns(len(table.rows)), table.rows):
        delta = change.text(row, lang)
        if delta == HIDDEN:
            delta = None
        elif row["kind"] == SHARE:
            delta = t("dash.points", lang, n=delta)
        column.metric(metric.text(row, lang), value.text(row, lang), delta,
                      delta_color="off" if row["kind"] == COUNT else "normal",
                      help=t(row["help"], lang) if row.get("help") else None)
