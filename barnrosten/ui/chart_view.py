"""A chart and, under it, the same figures as a table (for screen readers and for checking)."""

from __future__ import annotations

import altair as alt
import streamlit as st

from barnrosten.i18n import t
from barnrosten.results.charts import finish


def chart_with_table(chart: alt.Chart, table: list[dict], lang: str, key: str, description: str,
                     *, empty: bool = False) -> None:
    """Draw `chart` (unless `empty`) and a table of `table` rows in an expander below it.

    Our own theme (not Streamlit's) keeps the colour-blind-safe palette; `description` is the alt text.
    """
    if empty:
        st.info(t("dash.too_few", lang))
    else:
        st.altair_chart(finish(chart, lang), key=f"chart_{key}", theme=None, alt=description)
    with st.expander(t("dash.as_table", lang)):
        st.dataframe(table, hide_index=True, width="stretch", key=f"table_{key}")
