"""'Teman över tid': no line is drawn across a hidden month, and the legend shows every theme's whole name.

The chart is rendered to SVG by vl-convert (the renderer of the board report),
so what is checked is what is drawn.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
import vl_convert

from analysis.taxonomy import theme_label
from barnrosten.access.roles import Principal
from barnrosten.results import charts, table_charts, tables
from barnrosten.results.filters import Filters
from tests.responses_builder import annotate, municipalities_with_sessions, respond
from tests.shown_figures import count_near

K = 5
ANALYST = Principal(1, "anna", frozenset({("analyst", "alby")}))
FILTERS = Filters(municipality="alby", start="2026-06", end="2026-10")
HEARD = "Hon lyssnade på mig och jag fick vara med och bestämma"


@pytest.fixture
def trend(db, version_ids):
    """Comments on being heard: 6 in June, 2 in July (hidden), 6 in August, 7 in September, 3 in October (hidden)."""
    sessions = municipalities_with_sessions(db, version_ids)
    for month, count in ((6, 6), (7, 2), (8, 6), (9, 7), (10, 3)):
        for _ in range(count):
            respond(db, sessions["alby"], text=HEARD, when=datetime(2026, month, 12, tzinfo=timezone.utc))
    annotate(db)
    return tables.build("theme_trend", tables.Source(db, ANALYST, FILTERS, K))


def svg_of(table: tables.ResultTable, language: str) -> str:
    (drawn,) = table_charts.charts_for(table, language)
    return vl_convert.vegalite_to_svg(charts.finish(drawn.chart, language, width=720).to_dict())


def line_paths(svg: str) -> list[str]:
    return re.findall(r'<path[^>]*aria-roledescription="line mark"[^>]*\sd="([^"]*)"', svg)


def test_the_line_breaks_at_a_hidden_month(trend):
    heard = next(row for row in trend.rows if row["theme"] == "heard")
    shown = [heard[m] for m in FILTERS.months()]
    assert [n is None for n in shown] == [False, True, False, False, True]  # counts perturbed, the hidden months hidden
    assert all(count_near(n, true) for n, true in zip(shown, [6, None, 6, 7, None]) if n is not None)
    (path,) = [p for p in line_paths(svg_of(trend, "sv"))]
    # Two separate pieces (June alone, August to September): a move, not a line, across July.
    assert path.count("M") == 2, path
    assert path.count("L") == 1, path


def test_the_hidden_month_keeps_its_place_on_the_axis(trend):
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg_of(trend, "sv"))
    assert ["jun 2026", "jul 2026", "aug 2026", "sep 2026", "okt 2026"] == [t for t in texts if t.endswith("2026")]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_legend_shows_every_name_whole(trend, language):
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg_of(trend, language))
    assert theme_label("heard", language) in texts
    assert not [t for t in texts if t.endswith("…")]


def test_eleven_themes_fit_the_legend():
    """Every theme of the taxonomy in one chart: all names whole, each line told apart by colour or dashes."""
    from analysis.taxonomy import theme_ids

    rows = [{"period_label": p, "theme_label": theme_label(theme, "sv"), "comments": n}
            for n, theme in enumerate(theme_ids(), start=5) for p in ("jun 2026", "jul 2026")]
    spec = charts.finish(charts.trend_lines(rows, "period_label", "comments", "theme_label", "Månad", "Kommentarer"),
                         "sv", width=720).to_dict()
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", vl_convert.vegalite_to_svg(spec))
    assert {theme_label(theme, "sv") for theme in theme_ids()} <= set(texts)
    assert not [t for t in texts if t.endswith("…")]
    styles = set(re.findall(r'aria-roledescription="line mark"[^>]*stroke="([^"]*)"[^>]*stroke-dasharray="([^"]*)"',
                            vl_convert.vegalite_to_svg(spec)))
    assert len(styles) == len(theme_ids())
