"""Pieces the visitors charts share: rate labels that carry their session count, and month panels.

A rate is never drawn without the count behind it: bar labels read '17.4% · n=2,868' and hovers
'17.40% of 2,868 sessions (499 converted)'; rates over fewer than fmt.SMALL_SAMPLE sessions are muted
and carry their 95% Wilson interval, so 100% of two sessions never looks like a finding.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from dashboard import formatting as fmt
from dashboard.metrics import wilson


def rate_label(rate: float | None, n: float | None) -> str:
    """'17.4% · n=2,868': short enough for a bar or a heatmap cell."""
    return f"{fmt.percent(rate)} · n={fmt.count(n)}"


def rate_hover(rate: float | None, n: float | None, hits: float | None, noun: str, verb: str) -> str:
    """'17.40% of 2,868 sessions (499 converted)', with the small-sample warning where it applies."""
    if fmt.is_missing(n) or int(n) == 0:
        return f"no {noun}"
    small = ""
    if fmt.is_small_sample(n):
        low, high = wilson(float(hits or 0), float(n))
        small = f" (small sample: 95% interval {fmt.percent(low)} – {fmt.percent(high)})"
    return f"{fmt.percent(rate, 2)} of {fmt.count(n)} {noun} ({fmt.count(hits)} {verb}){small}"


def small_sample_errors(rates: pd.Series, hits: pd.Series, counts: pd.Series) -> dict[str, object]:
    """Plotly error bars: the 95% Wilson interval around each rate from a small sample (none elsewhere)."""
    below, above = [], []
    for rate, k, n in zip(rates, hits, counts, strict=True):
        if fmt.is_small_sample(n) and not fmt.is_missing(rate) and n:
            low, high = wilson(float(k), float(n))
            below.append(rate - low)
            above.append(high - rate)
        else:
            below.append(0.0)
            above.append(0.0)
    return {"type": "data", "symmetric": False, "array": above, "arrayminus": below, "color": fmt.MUTED}


def sample_colours(counts: Iterable[float], colour: str = fmt.ACCENT) -> list[str]:
    """The bar colour, muted where the count behind the rate is a small sample."""
    return [fmt.MUTED if fmt.is_small_sample(n) else colour for n in counts]


def month_panels(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame, list[str]]]:
    """Split rows with `session_month` (dated sessions) from UCI rows (month of year only, no year).

    Each panel is (title, rows with an `x` label, every x in calendar order): '2017-11' for dated
    months, every month from the first to the last so a month without sessions shows as a gap; 'Nov'
    for UCI's. Both on one axis would read UCI's months as coming after the last dated one.
    """
    panels = []
    dated = frame[frame["session_month"].notna()]
    if not dated.empty:
        months = pd.to_datetime(dated["session_month"])
        every = pd.date_range(months.min(), months.max(), freq="MS").strftime("%Y-%m").tolist()
        panels.append(("Event sessions by month", dated.assign(x=months.dt.strftime("%Y-%m")), every))
    undated = frame[frame["session_month"].isna()].sort_values("month_of_year")
    if not undated.empty:
        undated = undated.assign(x=undated["month_of_year"].map(fmt.month_name))
        panels.append(("UCI sessions (month only)", undated, list(dict.fromkeys(undated["x"]))))
    return panels


def add_rate_heatmap(
    fig: go.Figure,
    frame: pd.DataFrame,
    rows: list,
    columns: list,
    keys: tuple[str, str],
    title: str,
    *,
    show_text: bool = True,
) -> go.Figure:
    """A heatmap of conversion_rate over (rows x columns), read from `frame` indexed by its `keys` columns.

    Every cell shows its rate and session count (in the hover only with `show_text=False`, for grids too
    dense to label). Cells with fewer than fmt.SMALL_SAMPLE sessions are
    drawn grey, not coloured by their rate: 100% of one session must not look like the best cell.
    """
    cells = frame.set_index(list(keys))
    solid, small, text, hover = [], [], [], []
    for row in rows:
        solid_row, small_row, text_row, hover_row = [], [], [], []
        for column in columns:
            cell = cells.loc[(row, column)] if (row, column) in cells.index else None
            if cell is None:
                solid_row.append(None)
                small_row.append(None)
                text_row.append("")
                hover_row.append("no sessions")
                continue
            rate, n = cell["conversion_rate"], cell["sessions"]
            is_small = fmt.is_small_sample(n)
            solid_row.append(None if is_small or fmt.is_missing(rate) else float(rate))
            small_row.append(0.0 if is_small else None)
            text_row.append(f"{fmt.percent(rate)}<br>n={fmt.count(n)}")
            hover_row.append(rate_hover(rate, n, cell["converted_sessions"], "sessions", "converted"))
        solid.append(solid_row)
        small.append(small_row)
        text.append(text_row)
        hover.append(hover_row)
    common = {"x": columns, "y": rows, "xgap": 1, "ygap": 1, "customdata": hover, "text": text}
    template = "%{text}" if show_text else ""
    hovertemplate = "%{y} · %{x}<br>%{customdata}<extra></extra>"
    fig.add_heatmap(
        z=small,
        colorscale=[[0, fmt.NO_DATA], [1, fmt.NO_DATA]],
        showscale=False,
        texttemplate=template,
        textfont={"size": 9, "color": fmt.MUTED},
        hovertemplate=hovertemplate,
        **common,
    )
    fig.add_heatmap(
        z=solid,
        colorscale=fmt.HEATMAP_SCALE,
        zmin=0,
        colorbar={"title": {"text": title}, "tickformat": fmt.PERCENT_TICKS},
        texttemplate=template,
        textfont={"size": 9},
        hovertemplate=hovertemplate,
        **common,
    )
    return fig


def add_rate_line(fig: go.Figure, x: list, rows: pd.DataFrame, **placement: object) -> go.Figure:
    """The conversion rate of `rows` (one per x, None where x has no row) as a line over the points with
    at least fmt.SMALL_SAMPLE sessions, and grey unconnected markers for the rest, so a day of three
    sessions at 33% does not draw a spike. `placement` is passed to both traces (yaxis, row, col ...)."""
    by_x = rows.set_index("x")
    solid, small, hover = [], [], []
    for key in x:
        if key not in by_x.index:
            solid.append(None)
            small.append(None)
            hover.append("no sessions")
            continue
        row = by_x.loc[key]
        rate, n = row["conversion_rate"], row["sessions"]
        solid.append(None if fmt.is_small_sample(n) else rate)
        small.append(rate if fmt.is_small_sample(n) else None)
        hover.append(rate_hover(rate, n, row["converted_sessions"], "sessions", "converted"))
    shown = {"showlegend": placement.pop("showlegend", True)}
    common = {"x": x, "customdata": hover, "hovertemplate": "%{x}<br>%{customdata}<extra></extra>"}
    fig.add_scatter(
        y=solid,
        name="Conversion rate",
        mode="lines+markers",
        line={"color": fmt.CONVERTED},
        connectgaps=False,
        **common,
        **shown,
        **placement,
    )
    fig.add_scatter(
        y=small,
        name=f"Conversion rate, fewer than {fmt.SMALL_SAMPLE} sessions",
        mode="markers",
        marker={"color": fmt.MUTED, "size": 6},
        **common,
        **shown,
        **placement,
    )
    return fig
