"""Charts of the Data health page: rows per source, the volume of each load, the slowest models."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import formatting as fmt
from dashboard.charts.base import figure

SLOWEST_MODELS = 15


def rows_by_source(frame: pd.DataFrame) -> go.Figure:
    """Rows loaded and rejected by all loads of each source, as stacked horizontal bars."""
    ordered = frame.sort_values("rows_loaded_total")
    fig = figure("Rows loaded and rejected by source", barmode="stack", height=120 + 28 * len(ordered))
    fig.add_bar(
        x=ordered["rows_loaded_total"],
        y=ordered["source_table"],
        orientation="h",
        name="loaded",
        marker_color=fmt.ACCENT,
        hovertemplate="%{y}<br>%{x:,} rows loaded<extra></extra>",
    )
    fig.add_bar(
        x=ordered["rows_rejected_total"],
        y=ordered["source_table"],
        orientation="h",
        name="rejected",
        marker_color=fmt.DROPPED,
        hovertemplate="%{y}<br>%{x:,} rows rejected<extra></extra>",
    )
    fig.update_xaxes(title_text="rows (all loads)", tickformat=",d", rangemode="tozero")
    fig.update_layout(legend={"orientation": "h", "y": -0.15})
    return fig


def load_volume(frame: pd.DataFrame) -> go.Figure:
    """Rows of each load over time, one trace per source, the flagged loads drawn large and red.

    A log axis: sources load from tens to millions of rows, and a ×5 outlier is the same distance
    above its source's usual level whatever that level is.
    """
    fig = figure("Rows per load (outliers in red)", height=380)
    for source, loads in frame.groupby("source_table", sort=True):
        fig.add_scatter(
            x=loads["load_time"],
            y=loads["rows_loaded"],
            mode="lines+markers",
            name=str(source),
            customdata=loads[["file_name", "median_previous_rows"]],
            hovertemplate=(
                f"{source}<br>%{{x|%Y-%m-%d %H:%M}}<br>%{{y:,}} rows<br>%{{customdata[0]}}"
                "<br>median of previous loads: %{customdata[1]:,}<extra></extra>"
            ),
        )
    outliers = frame[frame["is_volume_outlier"]]
    fig.add_scatter(
        x=outliers["load_time"],
        y=outliers["rows_loaded"],
        mode="markers",
        name="outside the usual range",
        marker={"color": fmt.DROPPED, "size": 14, "symbol": "circle-open", "line": {"width": 3}},
        hoverinfo="skip",
    )
    fig.update_xaxes(title_text="load time (UTC)")
    fig.update_yaxes(title_text="rows loaded (log scale)", type="log")
    return fig


def slowest_models(frame: pd.DataFrame, top: int = SLOWEST_MODELS) -> go.Figure:
    """The models of the last build that took longest, as horizontal bars in seconds."""
    models = frame[frame["resource_type"] == "model"].nlargest(top, "execution_seconds")
    ordered = models.sort_values("execution_seconds")
    fig = figure(f"Slowest models of the last build (top {top})", height=120 + 26 * len(ordered))
    colours = [fmt.DROPPED if failed else fmt.ACCENT for failed in ordered["is_failure"]]
    fig.add_bar(
        x=ordered["execution_seconds"],
        y=ordered["node_name"],
        orientation="h",
        marker_color=colours,
        text=[f"{seconds:,.1f} s" for seconds in ordered["execution_seconds"]],
        textposition="auto",
        hovertemplate="%{y}<br>%{x:,.2f} s<extra></extra>",
    )
    fig.update_xaxes(title_text="run time (s)", rangemode="tozero")
    return fig
