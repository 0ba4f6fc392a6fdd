"""Charts of the carts and products page: abandonment by dimension, the most abandoned and most removed
products, and revenue by the traffic source of the session that bought it."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard import formatting as fmt
from dashboard.charts.base import figure
from dashboard.charts.sessions import rate_hover, rate_label, sample_colours


def abandonment_by(frame: pd.DataFrame, title: str) -> go.Figure:
    """Cart abandonment rate per `label`, labelled with its cart count; the hover adds the value left."""
    ordered = frame.sort_values(
        "cart_sessions"
    )  # plotly draws the first bar at the bottom: most carts on top
    hover = [
        rate_hover(r, n, a, "carts", "abandoned") + f"<br>left in them: {fmt.brl(v)}"
        for r, n, a, v in zip(
            ordered["cart_abandonment_rate"],
            ordered["cart_sessions"],
            ordered["abandoned_carts"],
            ordered["abandoned_value"],
            strict=True,
        )
    ]
    fig = figure(
        title,
        xaxis={
            "tickformat": fmt.PERCENT_TICKS,
            "range": [0, 1.35],
            "title": {"text": "Abandoned carts / carts"},
        },
        yaxis={"type": "category"},
        height=max(260, 28 * len(ordered) + 110),
    )
    fig.add_bar(
        x=ordered["cart_abandonment_rate"],
        y=ordered["label"],
        orientation="h",
        marker_color=sample_colours(ordered["cart_sessions"], fmt.DROPPED),
        text=[
            rate_label(r, n)
            for r, n in zip(ordered["cart_abandonment_rate"], ordered["cart_sessions"], strict=True)
        ],
        textposition="outside",
        cliponaxis=False,
        customdata=hover,
        hovertemplate="<b>%{y}</b><br>%{customdata}<extra></extra>",
    )
    return fig


def top_products(frame: pd.DataFrame, lines: str, title: str) -> go.Figure:
    """Products by `lines` (abandoned_cart_lines or removed_cart_lines), most on top; each bar shows the
    count, the cart lines it is out of and, for abandonment, the value left."""
    ordered = frame.iloc[::-1]
    names = [_product_name(row) for row in ordered.itertuples()]
    if len(set(names)) < len(names):  # two ids cut to the same prefix: bars must not merge
        names = [_product_name(row, cut=False) for row in ordered.itertuples()]
    labels = [
        f"{fmt.count(getattr(row, lines))} of {fmt.count(row.cart_lines)} cart lines"
        + (f" · {fmt.brl(row.abandoned_value)}" if lines == "abandoned_cart_lines" else "")
        for row in ordered.itertuples()
    ]
    largest = float(ordered[lines].max()) if not ordered.empty else 1.0
    fig = figure(
        title,
        xaxis={
            "title": {"text": "Cart lines (a product added in a session)"},
            "tickformat": ",d",
            "dtick": max(1, math.ceil(largest / 5)),  # whole numbers: these are counts
            "range": [0, largest * 2.2],  # room for the labels outside the bars
        },
        yaxis={"type": "category"},
        height=max(260, 28 * len(ordered) + 110),
    )
    fig.add_bar(
        x=ordered[lines],
        y=names,
        orientation="h",
        marker_color=fmt.DROPPED if lines == "abandoned_cart_lines" else fmt.SECONDARY,
        text=labels,
        textposition="outside",
        cliponaxis=False,
        customdata=[row.product_id for row in ordered.itertuples()],
        hovertemplate="<b>%{y}</b><br>product %{customdata}<br>%{text}<extra></extra>",
    )
    return fig


def _product_name(row: object, *, cut: bool = True) -> str:
    """'electronics · 1005115': the category tells more than an id; ids are cut to 8 characters (the
    hover and the table have them whole)."""
    product = str(row.product_id)
    short = product if len(product) <= 8 or not cut else product[:8] + "…"
    return f"{row.category or 'unknown'} · {short}"


def traffic_source_revenue(frame: pd.DataFrame) -> go.Figure:
    """Revenue per traffic source of the buying session, largest on top, labelled with orders and share;
    orders with no web session are grey (they came through other channels)."""
    ordered = frame.sort_values("revenue")
    labels = [
        f"{fmt.brl_compact(r)} · {fmt.count(o)} orders · {fmt.percent(s)} of revenue"
        for r, o, s in zip(ordered["revenue"], ordered["orders"], ordered["revenue_share"], strict=True)
    ]
    fig = figure(
        "Revenue by traffic source of the session that bought it",
        xaxis={"tickprefix": fmt.CURRENCY_PREFIX, "title": {"text": "Revenue (order grain)"}},
        yaxis={"type": "category"},
        height=max(280, 30 * len(ordered) + 110),
    )
    fig.add_bar(
        x=ordered["revenue"],
        y=ordered["traffic_source"],
        orientation="h",
        marker_color=[fmt.ACCENT if web else fmt.MUTED for web in ordered["has_web_session"]],
        text=labels,
        textposition="auto",
        hovertemplate="<b>%{y}</b><br>%{text}<extra></extra>",
    )
    return fig
