"""Charts of the funnel page: the ordered steps, why sessions dropped out, and one session's timeline."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import formatting as fmt
from dashboard.charts.base import figure


def funnel_steps(frame: pd.DataFrame, level: str = "sessions") -> go.Figure:
    """The five steps in order for `level` ('sessions' or 'users'): how many reached each step, the
    step conversion from the step before (with its count), and how many dropped after it."""
    text = [
        f"{fmt.count(row[f'{level}_reached'])} · {fmt.percent(row[f'{level}_step_conversion_rate'])} "
        f"of {fmt.count(row[f'previous_step_{level}'])}"
        for _, row in frame.iterrows()
    ]
    hover = [_step_hover(row, level) for _, row in frame.iterrows()]
    fig = figure(f"Funnel by {level[:-1]} (of {fmt.count(frame[level].iloc[0])} {level})", height=360)
    fig.add_funnel(
        y=frame["step_label"],
        x=frame[f"{level}_reached"],
        text=text,
        textinfo="text",
        customdata=hover,
        hovertemplate="%{customdata}<extra></extra>",
        marker={"color": fmt.ACCENT if level == "sessions" else fmt.SECONDARY},
        connector={"line": {"color": fmt.MUTED}},
    )
    return fig


def _step_hover(row: pd.Series, level: str) -> str:
    """Every rate of the step with the count it is a share of."""
    reached, previous = row[f"{level}_reached"], row[f"previous_step_{level}"]
    before = "before it" if row["step_number"] > 1 else "in all"
    dropped, drop_rate = row[f"{level}_dropped"], row[f"{level}_drop_off_rate"]
    return (
        f"<b>{row['step_label']}</b><br>{fmt.count(reached)} {level} reached it: "
        f"{fmt.percent(row[f'{level}_step_conversion_rate'], 2)} of {fmt.count(previous)} {before}<br>"
        f"{fmt.percent(row[f'{level}_reach_rate'], 2)} of all {fmt.count(row[level])} {level}<br>"
        f"dropped after it: {fmt.count(dropped)} ({fmt.percent(drop_rate)} of {fmt.count(reached)})"
    )


def drop_off_reasons(frame: pd.DataFrame) -> go.Figure:
    """Dropped sessions per step they stopped after (in funnel order), stacked by reason."""
    by_reason = frame.groupby(
        ["dropped_after_step_number", "dropped_after_step", "drop_off_reason"], as_index=False
    )["dropped_sessions"].sum()
    steps = by_reason.drop_duplicates("dropped_after_step_number").sort_values("dropped_after_step_number")
    step_labels = [f"after {fmt.step_label(step).lower()}" for step in steps["dropped_after_step"]]
    totals = by_reason.groupby("dropped_after_step_number")["dropped_sessions"].sum()
    fig = figure(
        "Why sessions dropped out, as a share of each step's dropped sessions",
        barmode="stack",
        # Each step's reasons as shares of that step (plotly normalises the stack): a step with few
        # drops, such as checkout, reads as clearly as the one with most.
        barnorm="percent",
        xaxis={"title": {"text": "Share of the step's dropped sessions (%)"}, "ticksuffix": "%"},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": step_labels[::-1]},
        legend={"orientation": "h", "y": -0.2},
        height=max(300, 60 * len(step_labels) + 140),
    )
    for reason in sorted(by_reason["drop_off_reason"].unique(), key=_reason_order):
        rows = by_reason[by_reason["drop_off_reason"] == reason].set_index("dropped_after_step_number")
        counts = [int(rows["dropped_sessions"].get(n, 0)) for n in steps["dropped_after_step_number"]]
        hover = [
            f"{fmt.count(c)} of {fmt.count(totals[n])} dropped sessions"
            for c, n in zip(counts, steps["dropped_after_step_number"], strict=True)
        ]
        fig.add_bar(
            y=step_labels,
            x=counts,
            orientation="h",
            name=reason,
            marker_color=fmt.REASON_COLOURS.get(reason, fmt.MUTED),
            text=[fmt.count(c) if c else "" for c in counts],
            textposition="inside",
            customdata=hover,
            hovertemplate="%{y} · " + reason + "<br>%{x:.1f}%: %{customdata}<extra></extra>",
        )
    return fig


def _reason_order(reason: str) -> int:
    order = list(fmt.REASON_COLOURS)
    return order.index(reason) if reason in order else len(order)


def session_timeline(events: pd.DataFrame) -> go.Figure:
    """One session's events top to bottom at their second since the start; the events that reached a
    funnel step are marked, errors are red."""
    labels = [f"{row.event_seq} · {row.event_type}" for row in events.itertuples()]
    colours = [
        fmt.DROPPED
        if row.event_type == "error"
        else fmt.ACCENT
        if pd.notna(row.reached_step_number)
        else fmt.MUTED
        for row in events.itertuples()
    ]
    notes = [_event_note(row) for row in events.itertuples()]
    fig = figure(
        "The session's events, in order",
        xaxis={"title": {"text": "Seconds since the session started"}, "rangemode": "tozero"},
        yaxis={"type": "category", "autorange": "reversed"},
        height=max(260, 28 * len(events) + 120),
        showlegend=False,
    )
    fig.add_scatter(
        x=events["seconds_since_start"],
        y=labels,
        mode="markers+text",
        marker={"size": 12, "color": colours},
        text=notes,
        textposition="middle right",
        cliponaxis=False,
        hovertemplate="%{y}<br>%{x} s after the start<br>%{text}<extra></extra>",
    )
    fig.update_xaxes(range=[0, max(float(events["seconds_since_start"].max()), 1.0) * 1.6])
    return fig


def _event_note(row: object) -> str:
    """What the event was about: the step it reached, the page, the product or the message."""
    parts = []
    if pd.notna(getattr(row, "reached_step_number", None)):
        parts.append(f"→ {fmt.step_label(fmt.FUNNEL_STEPS[int(row.reached_step_number) - 1])}")
    for field in ("element_text", "search_query", "product_id", "page_path"):
        value = getattr(row, field, None)
        if isinstance(value, str) and value:
            parts.append(value)
            break
    return " · ".join(parts)
