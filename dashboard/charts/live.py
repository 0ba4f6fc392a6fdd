"""Charts of the Live page: one measure of the last hour, minute by minute."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import formatting as fmt
from dashboard.charts.base import figure


def minute_bars(frame: pd.DataFrame, value: str, title: str, axis_title: str) -> go.Figure:
    """Bars per minute (UTC) of `value`, with every minute of the window on the axis."""
    fig = figure(title, height=260, showlegend=False, bargap=0.15)
    fig.add_bar(
        x=frame["minute_start"],
        y=frame[value],
        marker_color=fmt.ACCENT,
        hovertemplate="%{x|%H:%M} UTC<br>%{y:,}<extra></extra>",
    )
    fig.update_xaxes(title_text="minute (UTC)", tickformat="%H:%M")
    fig.update_yaxes(title_text=axis_title, rangemode="tozero")
    return fig
