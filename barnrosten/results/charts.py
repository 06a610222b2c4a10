"""Altair charts for the dashboards and the board report: one look everywhere.

Colour-blind-safe colours (Okabe and Ito), Swedish number and date formats,
text large enough for a projector. Charts take rows that have already passed
the privacy rules; a hidden value (None) is simply not drawn. The same chart
objects are rendered in the app (st.altair_chart) and to PNG for the PDF
(vl-convert), so what the board sees is what staff see.
"""

from __future__ import annotations

import altair as alt

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
SENTIMENT_COLOURS = {"positive": "#009E73", "mixed": "#E69F00", "neutral": "#56B4E9", "negative": "#D55E00",
                     "hidden": "#c8c8c8"}
OWN_COLOUR = "#0072B2"
PEER_COLOUR = "#9a9a9a"

SWEDISH = alt.Locale(
    number=alt.NumberLocale(decimal=",", thousands="\u00a0", grouping=[3], currency=["", "\u00a0kr"],
                            percent="\u00a0%", minus="\u2212"),
    time=alt.TimeLocale(
        dateTime="%A den %d %B %Y %X", date="%Y-%m-%d", time="%H:%M:%S", periods=["fm", "em"],
        days=["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
        shortDays=["sön", "mån", "tis", "ons", "tor", "fre", "lör"],
        months=["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
                "oktober", "november", "december"],
        shortMonths=["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    ),
)
ENGLISH = alt.Locale(number=alt.NumberLocale(decimal=".", thousands=",", grouping=[3], currency=["", ""]))
# Readable from the back of a meeting room.
FONT_SIZE = 14
# A legend of many series (eleven themes) in columns wide enough for the longest label, so none is cut off.
LEGEND_COLUMNS = 2
LEGEND_LABEL_LIMIT = 420


def finish(chart: alt.Chart, language: str, width: int | str = "container") -> alt.Chart:
    """Locale, palette and sizes shared by every chart."""
    return chart.properties(width=width).configure(
        locale=SWEDISH if language == "sv" else ENGLISH,
        range=alt.RangeConfig(category=OKABE_ITO),
        font="DejaVu Sans, Source Sans Pro, sans-serif",
    ).configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelLimit=360).configure_legend(
        labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, orient="bottom",
    ).configure_view(strokeWidth=0)


def share_bars(rows: list[dict], label: str, value_title: str, previous_title: str, language: str) -> alt.Chart:
    """Horizontal bars of `share` (0-1) per `label`, with a tick at `previous`. Rows: label, share, previous."""
    data = alt.Data(values=[r for r in rows if r.get("share") is not None])
    y = alt.Y(f"{label}:N", title=None, sort=None)
    bars = alt.Chart(data).mark_bar(color=OWN_COLOUR, height={"band": 0.7}).encode(
        x=alt.X("share:Q", title=value_title, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="~%")),
        y=y, tooltip=[alt.Tooltip(f"{label}:N"), alt.Tooltip("share:Q", format=".0%", title=value_title)],
    )
    ticks = alt.Chart(data).mark_tick(color="#000000", thickness=3, size=24).encode(
        x="previous:Q", y=y, tooltip=[alt.Tooltip("previous:Q", format=".0%", title=previous_title)],
    )
    return (bars + ticks).properties(height=alt.Step(34))


def sentiment_bars(rows: list[dict], labels: dict[str, str], title: str, language: str) -> alt.Chart:
    """Stacked bars of comments per theme by sentiment. Rows: theme_label, sentiment, comments."""
    data = alt.Data(values=[r for r in rows if r.get("comments")])
    order = list(SENTIMENT_COLOURS)
    return alt.Chart(data).mark_bar(height={"band": 0.7}).encode(
        x=alt.X("comments:Q", title=title, stack="zero", axis=alt.Axis(format="d", tickMinStep=1)),
        y=alt.Y("theme_label:N", title=None, sort=None),
        color=alt.Color("sentiment_label:N", title=None, legend=alt.Legend(columns=3),
                        scale=alt.Scale(domain=[labels[s] for s in order], range=[SENTIMENT_COLOURS[s] for s in order])),
        order=alt.Order("sentiment_order:Q"),
        tooltip=["theme_label:N", "sentiment_label:N", alt.Tooltip("comments:Q", format="d")],
    ).properties(height=alt.Step(34))


def trend_lines(rows: list[dict], x: str, y: str, series: str | None, x_title: str, y_title: str,
                y_format: str = "d") -> alt.Chart:
    """Lines over time (points too, so a lone value is visible). Rows: x, y[, series], in time order.

    A hidden value (None) breaks the line there: no line is drawn across a period nobody may see,
    and the period keeps its place on the axis. A series' legend wraps into columns so no label is cut.
    """
    data = alt.Data(values=rows)
    encoding = dict(
        x=alt.X(f"{x}:O", title=x_title, sort=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format=y_format, tickMinStep=1)),
        tooltip=[f"{x}:O", alt.Tooltip(f"{y}:Q", format=y_format)] + ([f"{series}:N"] if series else []),
    )
    if series:
        # More series than colours (eleven themes, eight colours): the line's dashes tell them apart too.
        legend = alt.Legend(columns=LEGEND_COLUMNS, labelLimit=LEGEND_LABEL_LIMIT, symbolType="stroke",
                            symbolStrokeWidth=3, symbolSize=400)
        encoding["color"] = alt.Color(f"{series}:N", title=None, sort=None, legend=legend)
        encoding["strokeDash"] = alt.StrokeDash(f"{series}:N", title=None, sort=None, legend=legend)
    else:
        encoding["color"] = alt.value(OWN_COLOUR)
    return alt.Chart(data).mark_line(point=alt.OverlayMarkDef(size=70), strokeWidth=3,
                                     invalid="break-paths-show-domains").encode(**encoding).properties(height=260)


def peer_ranges(rows: list[dict], x_title: str, own_title: str, peers_title: str, value_format: str) -> alt.Chart:
    """Per metric: the others' range (low-high line, q1-q3 bar, median tick) and the own value as a dot.

    Rows: metric_label, low, q1, median, q3, high, own (any may be None).
    """
    data = alt.Data(values=rows)
    y = alt.Y("metric_label:N", title=None, sort=None)
    tip = [alt.Tooltip("metric_label:N", title=" ")]
    whisker = alt.Chart(data).mark_rule(color=PEER_COLOUR, strokeWidth=2).encode(
        x=alt.X("low:Q", title=x_title, axis=alt.Axis(format=value_format)), x2="high:Q", y=y)
    box = alt.Chart(data).mark_bar(color="#d9d9d9", height=22).encode(
        x="q1:Q", x2="q3:Q", y=y,
        tooltip=tip + [alt.Tooltip(f"{c}:Q", format=value_format, title=f"{peers_title}: {c}") for c in ("median", "q1", "q3")])
    median = alt.Chart(data).mark_tick(color="#000000", thickness=3, size=26).encode(x="median:Q", y=y)
    own = alt.Chart(data).mark_point(filled=True, size=220, color=OWN_COLOUR, shape="diamond").encode(
        x="own:Q", y=y, tooltip=tip + [alt.Tooltip("own:Q", format=value_format, title=own_title)])
    return (whisker + box + median + own).properties(height=alt.Step(48))


def index_bars(rows: list[dict], label: str, value_title: str) -> alt.Chart:
    """Vertical bars of an index 0-100 per group. Rows: label, value (None skipped)."""
    data = alt.Data(values=[r for r in rows if r.get("value") is not None])
    return alt.Chart(data).mark_bar(color=OWN_COLOUR, size=56).encode(
        x=alt.X(f"{label}:N", title=None, sort=None, axis=alt.Axis(labelAngle=0), scale=alt.Scale(paddingInner=0.3)),
        y=alt.Y("value:Q", title=value_title, scale=alt.Scale(domain=[0, 100])),
        tooltip=[f"{label}:N", alt.Tooltip("value:Q", format=".1f")],
    ).properties(height=240)
