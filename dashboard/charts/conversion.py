"""Charts of the conversion page: conversion by one dimension, two-way heatmaps, new vs returning by
month, and the engagement of converted vs other sessions (each on its own scale)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import formatting as fmt
from dashboard.charts.base import LAYOUT, figure
from dashboard.charts.sessions import (
    add_rate_heatmap,
    month_panels,
    rate_hover,
    rate_label,
    sample_colours,
    small_sample_errors,
)


def conversion_bars(frame: pd.DataFrame, title: str, *, vertical: bool = False) -> go.Figure:
    """Conversion rate per `label`, each bar labelled with the rate and its session count.

    `vertical` keeps the frame's order left to right (calendar breakdowns); otherwise bars are
    horizontal with the most sessions on top (categories), which keeps long labels readable.
    """
    # Vertical bars are narrow: the rate and its count go on two lines.
    labels = [
        rate_label(r, n).replace(" · ", "<br>" if vertical else " · ")
        for r, n in zip(frame["conversion_rate"], frame["sessions"], strict=True)
    ]
    hover = [
        rate_hover(r, n, c, "sessions", "converted")
        for r, n, c in zip(
            frame["conversion_rate"], frame["sessions"], frame["converted_sessions"], strict=True
        )
    ]
    largest = float(frame["conversion_rate"].max()) if not frame.empty else 0.0
    rate_axis = {
        "tickformat": fmt.PERCENT_TICKS,
        "range": [0, max(largest, 0.01) * 1.35],
        "title": {"text": "Conversion rate"},
    }
    if vertical:
        fig = figure(title, yaxis=rate_axis, xaxis={"type": "category"})
        x, y, orientation = frame["label"], frame["conversion_rate"], "v"
    else:
        fig = figure(title, xaxis=rate_axis, height=max(300, 26 * len(frame) + 110))
        frame = frame.iloc[::-1]  # plotly draws the first bar at the bottom: most sessions on top
        labels, hover = labels[::-1], hover[::-1]
        x, y, orientation = frame["conversion_rate"], frame["label"].astype(str), "h"
    errors = small_sample_errors(frame["conversion_rate"], frame["converted_sessions"], frame["sessions"])
    fig.add_bar(
        x=x,
        y=y,
        orientation=orientation,
        **({"error_y": errors} if vertical else {"error_x": errors}),
        marker_color=sample_colours(frame["sessions"]),
        text=labels,
        textposition="outside",
        cliponaxis=False,
        customdata=hover,
        hovertemplate="<b>%{" + ("x" if vertical else "y") + "}</b><br>%{customdata}<extra></extra>",
    )
    if not vertical:
        fig.update_yaxes(type="category")
    return fig


def conversion_heatmap(frame: pd.DataFrame, title: str, rows_title: str, columns_title: str) -> go.Figure:
    """Conversion rate by `label` (rows, in the frame's order) and `label_2` (columns, most sessions
    first); every cell shows its rate and session count, small samples grey, empty ones blank."""
    rows = list(dict.fromkeys(frame["label"]))
    columns = frame.groupby("label_2")["sessions"].sum().sort_values(ascending=False).index.tolist()
    fig = figure(
        title,
        xaxis={"title": {"text": columns_title}, "type": "category", "tickangle": -45},
        yaxis={"title": {"text": rows_title}, "type": "category", "autorange": "reversed"},
        height=max(340, 34 * len(rows) + 200),
    )
    return add_rate_heatmap(fig, frame, rows, columns, ("label", "label_2"), "Conversion")


def visitors_monthly(frame: pd.DataFrame) -> go.Figure:
    """Sessions per month stacked by visitor type (new, returning, UCI's other), with each type's
    conversion rate and session count in the hover; UCI months (no year) in a panel of their own."""
    panels = month_panels(frame)
    fig = make_subplots(
        rows=1,
        cols=len(panels),
        subplot_titles=[title for title, _, _ in panels],
        column_widths=[3, 1] if len(panels) == 2 else None,
    )
    in_legend: set[str] = set()
    for col, (_, rows, months) in enumerate(panels, start=1):
        for visitor_type, colour in fmt.VISITOR_COLOURS.items():
            part = rows[rows["visitor_type"] == visitor_type]
            if part.empty:
                continue
            hover = [
                f"{fmt.count(n)} {visitor_type} sessions<br>converted: "
                + rate_hover(r, n, c, "sessions", "converted")
                for n, r, c in zip(
                    part["sessions"], part["conversion_rate"], part["converted_sessions"], strict=True
                )
            ]
            fig.add_bar(
                x=part["x"],
                y=part["sessions"],
                name=visitor_type,
                legendgroup=visitor_type,
                showlegend=visitor_type not in in_legend,
                marker_color=colour,
                customdata=hover,
                hovertemplate="%{x}<br>%{customdata}<extra></extra>",
                row=1,
                col=col,
            )
            in_legend.add(visitor_type)
        # Calendar order for every trace: a month missing from the first one must not go last.
        fig.update_xaxes(
            type="category",
            categoryorder="array",
            categoryarray=months,
            row=1,
            col=col,
        )
        fig.update_yaxes(title={"text": "Sessions"} if col == 1 else None, tickformat=",d", row=1, col=col)
    fig.update_layout(
        **LAYOUT,
        title={"text": "New vs returning sessions by month"},
        barmode="stack",
        legend={"orientation": "h", "y": -0.2},
    )
    return fig


# The engagement measures, each panel's title.
_MEASURES = {
    "duration": "Session duration",
    "page_views": "Page views per session",
    "product_time": "Time on product pages",
    "bounce_rate": "Bounce rate",
}


def engagement_by_outcome(frame: pd.DataFrame) -> go.Figure:
    """A 2 x 2 grid, one panel per measure: how converted and other sessions spread over the measure's
    bands (each band's share of the outcome's sessions, side by side), and the bounce rate of each.

    Shares, not counts: converted sessions are few, and their spread is what compares. The legend
    gives each outcome's sessions, the hover each bar's count; a share from a small sample is greyed,
    with its 95% interval.
    """
    measures = [m for m in _MEASURES if m in set(frame["measure"])]
    fig = make_subplots(
        rows=2,
        cols=2,
        subplot_titles=[_MEASURES[m] for m in measures],
        vertical_spacing=0.2,
        horizontal_spacing=0.1,
    )
    for outcome, rows in frame.groupby("outcome", sort=False):
        colour = fmt.CONVERTED if outcome == "Converted" else fmt.NOT_CONVERTED
        name = f"{outcome} (n={fmt.count(rows['sessions'].iloc[0])})"
        for index, measure in enumerate(measures):
            bars = rows[rows["measure"] == measure]
            verb = "bounced" if measure == "bounce_rate" else "in the band"
            shares, sizes, hits = bars["session_share"], bars["sessions"], bars["band_sessions"]
            hover = [
                rate_hover(*values, "sessions", verb) for values in zip(shares, sizes, hits, strict=True)
            ]
            fig.add_bar(
                x=bars["band"] if measure != "bounce_rate" else [outcome],
                y=bars["session_share"],
                name=name,
                legendgroup=outcome,
                showlegend=index == 0,
                marker_color=sample_colours(sizes, colour),
                error_y=small_sample_errors(shares, hits, sizes),
                customdata=hover,
                hovertemplate="%{x}: %{customdata}<extra>" + outcome + "</extra>",
                row=index // 2 + 1,
                col=index % 2 + 1,
            )
    fig.update_yaxes(tickformat=fmt.PERCENT_TICKS, rangemode="tozero", title_text="% of sessions")
    fig.update_layout(
        **{**LAYOUT, "margin": {**LAYOUT["margin"], "t": 70}},
        title={"text": "Engagement of converted vs other sessions (share of each outcome's sessions)"},
        barmode="group",
        legend={"orientation": "h", "y": -0.12},
        height=620,
    )
    fig.update_annotations(font_size=12)
    return fig


_PAGE_GROUPS = {
    "administrative": "Administrative (account, cart, checkout)",
    "informational": "Informational (home, help)",
    "product_related": "Product related (product, category, search)",
}


def page_group_conversion(frame: pd.DataFrame) -> go.Figure:
    """Conversion of the sessions that visited each page group, with how many did."""
    bars = frame.assign(
        label=frame["page_group"].map(lambda g: _PAGE_GROUPS.get(g, g)),
        conversion_rate=frame["visiting_conversion_rate"],
        sessions=frame["visiting_sessions"],
        converted_sessions=frame["converted_visiting_sessions"],
    ).sort_values("sessions", ascending=False)
    return conversion_bars(bars, "Conversion of sessions that visited each page type")
