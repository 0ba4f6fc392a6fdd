"""Charts of the time patterns page: hour x weekday heatmaps and the daily and monthly trends."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import formatting as fmt
from dashboard.charts.base import LAYOUT, figure
from dashboard.charts.sessions import add_rate_heatmap, add_rate_line, month_panels

_HOURS = list(range(24))


def hour_weekday_heatmap(frame: pd.DataFrame, value: str = "sessions") -> go.Figure:
    """Weekdays (rows, Monday first) by hour of the start (columns): `value` 'sessions' (activity) or
    'conversion_rate' (small samples grey; the hover gives every cell's session count)."""
    frame = frame.assign(weekday=frame["day_of_week"].map(fmt.weekday_name))
    weekdays = list(fmt.WEEKDAY_NAMES)
    fig = figure(
        "Conversion by weekday and hour of the start"
        if value == "conversion_rate"
        else "Sessions by weekday and hour of the start",
        xaxis={"title": {"text": "Hour (shop time)"}, "dtick": 1, "range": [-0.5, 23.5]},
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": weekdays,
            "autorange": "reversed",
        },
        height=340,
    )
    if value == "conversion_rate":
        return add_rate_heatmap(
            fig, frame, weekdays, _HOURS, ("weekday", "hour_of_day"), "Conversion", show_text=False
        )
    cells = frame.set_index(["weekday", "hour_of_day"])
    z = [[_cell(cells, (day, hour), "sessions") for hour in _HOURS] for day in weekdays]
    hover = [
        [
            f"{fmt.count(cells.loc[(day, hour), 'sessions'])} sessions · "
            f"{fmt.count(cells.loc[(day, hour), 'events'])} events"
            if (day, hour) in cells.index
            else "no sessions"
            for hour in _HOURS
        ]
        for day in weekdays
    ]
    fig.add_heatmap(
        z=z,
        x=_HOURS,
        y=weekdays,
        customdata=hover,
        colorscale=fmt.HEATMAP_SCALE,
        zmin=0,
        colorbar={"title": {"text": "Sessions"}, "tickformat": ",d"},
        xgap=1,
        ygap=1,
        hovertemplate="%{y} %{x}:00<br>%{customdata}<extra></extra>",
    )
    return fig


def _cell(cells: pd.DataFrame, key: tuple, column: str) -> float | None:
    return float(cells.loc[key, column]) if key in cells.index else None


def daily_trend(frame: pd.DataFrame) -> go.Figure:
    """Sessions per day (a filled line: years of days make bars too thin to see) and the conversion
    rate on its own axis, grey where the day has few sessions; every hover names the counts."""
    days = frame.assign(x=frame["session_date"].dt.strftime("%Y-%m-%d"))
    fig = figure(
        "Sessions and conversion per day",
        xaxis={"type": "date"},
        yaxis={"title": {"text": "Sessions"}, "tickformat": ",d", "rangemode": "tozero"},
        yaxis2={
            "title": {"text": "Conversion rate"},
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "tickformat": fmt.PERCENT_TICKS,
            "rangemode": "tozero",
        },
        legend={"orientation": "h", "y": -0.2},
    )
    fig.add_scatter(
        x=days["x"],
        y=days["sessions"],
        name="Sessions",
        mode="lines",
        fill="tozeroy",
        line={"color": fmt.ACCENT, "width": 1},
        hovertemplate="%{x|%a %Y-%m-%d}<br>%{y:,} sessions<extra></extra>",
    )
    return add_rate_line(fig, days["x"].tolist(), days, yaxis="y2")


def monthly_trend(frame: pd.DataFrame) -> go.Figure:
    """Sessions per month (bars) and conversion rate (line, own axis), event and UCI months apart."""
    panels = month_panels(frame)
    specs = [[{"secondary_y": True} for _ in panels]]
    fig = make_subplots(
        rows=1,
        cols=len(panels),
        specs=specs,
        subplot_titles=[title for title, _, _ in panels],
        column_widths=[3, 1] if len(panels) == 2 else None,
    )
    for col, (_, rows, months) in enumerate(panels, start=1):
        fig.add_bar(
            x=rows["x"],
            y=rows["sessions"],
            name="Sessions",
            showlegend=col == 1,
            marker_color=fmt.ACCENT,
            hovertemplate="%{x}<br>%{y:,} sessions<extra></extra>",
            row=1,
            col=col,
        )
        add_rate_line(fig, months, rows, showlegend=col == 1, row=1, col=col, secondary_y=True)
        # Calendar order for every trace: a month missing from the first one must not go last.
        fig.update_xaxes(type="category", categoryorder="array", categoryarray=months, row=1, col=col)
        fig.update_yaxes(tickformat=",d", rangemode="tozero", row=1, col=col, secondary_y=False)
        fig.update_yaxes(
            tickformat=fmt.PERCENT_TICKS, rangemode="tozero", showgrid=False, row=1, col=col, secondary_y=True
        )
    fig.update_layout(
        **LAYOUT, title={"text": "Sessions and conversion per month"}, legend={"orientation": "h", "y": -0.2}
    )
    return fig
