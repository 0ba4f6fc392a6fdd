"""What every chart shares: the layout, an empty titled figure, horizontal bars that carry their labels."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard import formatting as fmt

# Every chart's template, as plotly's default: a figure then takes it when it is serialized, once.
# Named in each layout, plotly copied and validated the whole template per figure: 19 ms of the
# 21 ms a small bar chart took, about half of a cached rerun of the conversion page's 14 charts.
pio.templates.default = "plotly_white"

LAYOUT = {
    "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
    "hoverlabel": {"align": "left"},
}


def figure(title: str, **layout: object) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(title={"text": title}, **{**LAYOUT, **layout})
    return fig


def add_labelled_bars(fig: go.Figure, values: pd.Series, names: pd.Series, labels: list[str]) -> go.Figure:
    """Horizontal bars, each carrying its label: the labels are long and read better along the bars."""
    fig.add_bar(
        x=values,
        y=names,
        orientation="h",
        marker_color=fmt.ACCENT,
        text=labels,
        textposition="auto",
        hovertemplate="%{y}<br>%{text}<extra></extra>",
    )
    return fig
