"""Charts of the orders pages: monthly revenue, categories, payments, cohorts, RFM and the state maps.

No chart fetches anything from the internet (no geo base maps, no tiles): the Brazil map is a tile
grid drawn as a heatmap.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard import formatting as fmt
from dashboard.charts.base import LAYOUT, add_labelled_bars, figure
from dashboard.state_grid import GRID_COLUMNS, GRID_ROWS, STATE_NAMES, STATE_TILES


def monthly_revenue(frame: pd.DataFrame) -> go.Figure:
    """Revenue bars per purchase month with the order count as a line on its own axis."""
    fig = figure(
        "Revenue and orders per month",
        yaxis={"title": {"text": "Revenue (R$)"}, "tickprefix": fmt.CURRENCY_PREFIX, "rangemode": "tozero"},
        yaxis2={
            "title": {"text": "Orders"},
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "rangemode": "tozero",
            "tickformat": ",d",
        },
        legend={"orientation": "h", "y": -0.15},
    )
    # Months the data covers only in part (the first and last, usually) are paler and say so.
    complete = frame["is_complete_month"]
    hover_revenue = [
        fmt.brl(value) + ("" if whole else " (partial month: the data does not cover all of it)")
        for value, whole in zip(frame["revenue"], complete, strict=True)
    ]
    fig.add_bar(
        x=frame["month"],
        y=frame["revenue"],
        name="Revenue",
        marker_color=[fmt.ACCENT if whole else fmt.PARTIAL for whole in complete],
        customdata=hover_revenue,
        hovertemplate="%{x|%b %Y}<br>Revenue %{customdata}<extra></extra>",
    )
    fig.add_scatter(
        x=frame["month"],
        y=frame["orders"],
        name="Orders",
        yaxis="y2",
        mode="lines+markers",
        line={"color": fmt.SECONDARY},
        hovertemplate="%{x|%b %Y}<br>%{y:,} orders<extra></extra>",
    )
    fig.update_xaxes(dtick="M1", tickformat="%b\n%Y")
    return fig


def top_categories(frame: pd.DataFrame) -> go.Figure:
    """Categories by revenue, largest on top, each labelled with its distinct order count."""
    ordered = frame.sort_values("revenue")
    fig = figure("Top categories by revenue", xaxis={"tickprefix": fmt.CURRENCY_PREFIX})
    return add_labelled_bars(fig, ordered["revenue"], ordered["product_category"], _revenue_labels(ordered))


def payment_methods(frame: pd.DataFrame) -> go.Figure:
    """Orders per main payment type, each bar showing its share and the total it is a share of."""
    total = int(frame["orders"].sum())
    labels = [
        f"{fmt.count(orders)} · {fmt.rate_with_count(share, total, 'orders')}"
        for orders, share in zip(frame["orders"], frame["order_share"], strict=True)
    ]
    fig = figure("Orders by main payment type", xaxis={"title": {"text": "Orders"}})
    # Largest on top: plotly draws the first bar at the bottom.
    return add_labelled_bars(fig, frame["orders"][::-1], frame["payment_type"][::-1], labels[::-1])


def cohort_heatmap(frame: pd.DataFrame) -> go.Figure:
    """Retention by first-purchase month (rows) and months since (columns); each cell shows % and n.

    Month 0 is 100% by definition, so the colour scale is set by the later months, where the signal is.
    """
    frame = frame.sort_values(["cohort_month", "months_since_first"])
    sizes = frame.groupby("cohort_month")["customers"].max()
    row_labels = {month: f"{fmt.month_label(month)} · {fmt.count(n)} customers" for month, n in sizes.items()}
    rates = frame.pivot(index="cohort_month", columns="months_since_first", values="retention_rate")
    retained = frame.pivot(index="cohort_month", columns="months_since_first", values="retained_customers")
    # Activity months the data covers only in part: marked and greyed, not read as a drop in retention.
    partial = ~frame.pivot(
        index="cohort_month", columns="months_since_first", values="is_complete_period"
    ).fillna(True).astype(bool)
    text = [
        [
            ""
            if fmt.is_missing(rate)
            else f"{_cell_percent(rate)}<br>n={fmt.count(n)}" + ("<br>partial" if cut else "")
            for rate, n, cut in zip(rate_row, n_row, cut_row, strict=True)
        ]
        for rate_row, n_row, cut_row in zip(
            rates.to_numpy(), retained.to_numpy(), partial.to_numpy(), strict=True
        )
    ]
    # The colour scale: later months (month 0 is 100% by definition) of cohorts with enough people,
    # so one 4-person cohort cannot wash every real retention out to white. Small cohorts are grey.
    small = sizes[sizes < fmt.SMALL_SAMPLE].index
    scaled = rates.mask(partial).drop(columns=[0], errors="ignore").drop(index=small, errors="ignore").stack()
    zmax = float(scaled.max()) if not scaled.empty and scaled.max() > 0 else 1.0
    fig = figure(
        "Share of each first-purchase cohort ordering again, by months since the first purchase (columns)",
        xaxis={"dtick": 1, "side": "top", "title": {"text": "Months since the first purchase"}},
        margin={**LAYOUT["margin"], "t": 110},  # room for the title above the top axis
        yaxis={"autorange": "reversed", "type": "category"},
        height=max(360, 28 * len(rates.index) + 140),
    )
    labels = [row_labels[month] for month in rates.index]
    common = {
        "x": list(rates.columns),
        "y": labels,
        "text": text,
        "texttemplate": "%{text}",
        "textfont": {"size": 9},
        "xgap": 1,
        "ygap": 1,
        "hovertemplate": "%{y}<br>month %{x}: %{text}<extra></extra>",
    }
    fig.add_heatmap(
        z=rates.where(
            ~rates.index.isin(small)[:, None] & (rates.columns != 0)[None, :] & ~partial
        ).to_numpy(),
        colorscale=fmt.HEATMAP_SCALE,
        zmin=0,
        zmax=zmax,
        colorbar={"title": {"text": "Retention"}, "tickformat": fmt.PERCENT_TICKS},
        **common,
    )
    # Month 0, the cohorts under fmt.SMALL_SAMPLE people and partial months: a flat grey, numbers shown.
    greyed = rates.notna() & (rates.index.isin(small)[:, None] | (rates.columns == 0)[None, :] | partial)
    fig.add_heatmap(
        z=greyed.where(greyed).astype(float).to_numpy(),
        colorscale=[[0, fmt.NO_DATA], [1, fmt.NO_DATA]],
        showscale=False,
        **common,
    )
    return fig


def _cell_percent(rate: float) -> str:
    """Cohort cells are small: whole numbers for exactly 0% and 100%, one decimal otherwise."""
    return f"{rate:.0%}" if rate in (0, 1) else fmt.percent(rate)


def rfm_segments(frame: pd.DataFrame) -> go.Figure:
    """Customers per RFM segment, each bar labelled with the segment's revenue."""
    ordered = frame.sort_values("customers")
    labels = [
        f"{fmt.count(n)} customers · {fmt.brl_compact(revenue)}"
        for n, revenue in zip(ordered["customers"], ordered["revenue"], strict=True)
    ]
    fig = figure("Customers per RFM segment", xaxis={"title": {"text": "Customers"}})
    return add_labelled_bars(fig, ordered["customers"], ordered["rfm_segment"], labels)


def rfm_profile(frame: pd.DataFrame) -> go.Figure:
    """Each segment's average recency (x) and spend (y), bubble area by customers, frequency in the hover."""
    largest = float(frame["customers"].max()) if not frame.empty else 0.0
    sizes = [12 + 38 * math.sqrt(float(n) / largest) if largest > 0 else 12 for n in frame["customers"]]
    hover = [
        f"<b>{row.rfm_segment}</b><br>{fmt.count(row.customers)} customers<br>"
        f"avg {fmt.number(row.avg_recency_days, 0)} days since last order<br>"
        f"avg {fmt.number(row.avg_frequency, 2)} orders · avg {fmt.brl(row.avg_monetary)}"
        for row in frame.itertuples()
    ]
    fig = figure(
        "Segment profiles (bubble area: customers)",
        xaxis={"title": {"text": "Average days since last order"}, "autorange": "reversed"},
        yaxis={"title": {"text": "Average spend per customer (R$)"}, "tickprefix": fmt.CURRENCY_PREFIX},
        showlegend=False,
    )
    fig.add_scatter(
        x=frame["avg_recency_days"],
        y=frame["avg_monetary"],
        mode="markers+text",
        text=frame["rfm_segment"],
        textposition="top center",
        marker={"size": sizes, "color": fmt.ACCENT, "opacity": 0.6, "line": {"width": 1, "color": "white"}},
        customdata=hover,
        hovertemplate="%{customdata}<extra></extra>",
    )
    return fig


def state_tile_map(frame: pd.DataFrame, value: str = "revenue") -> go.Figure:
    """Brazil as a tile grid (one square per state, see `state_grid`), coloured by `value`.

    States without rows in `frame` stay grey, so "no orders" is never mistaken for a low figure.
    """
    by_state = frame.set_index("customer_state")
    base = _grid(lambda code: 0.0)
    base_text = _grid(lambda code: code if code not in by_state.index else "", empty="")
    values = _grid(lambda code: _float(by_state[value].get(code)) if code in by_state.index else math.nan)
    labels = _grid(lambda code: _tile_label(code, by_state, value), empty="")
    hover = _grid(lambda code: _tile_hover(code, by_state), empty="")
    fig = figure(
        f"{value.replace('_', ' ').capitalize()} by customer state",
        xaxis={"visible": False, "range": [-0.5, GRID_COLUMNS - 0.5]},
        yaxis={"visible": False, "autorange": "reversed", "scaleanchor": "x", "scaleratio": 1},
        height=560,
    )
    fig.add_heatmap(
        z=base,
        text=base_text,
        texttemplate="%{text}",
        colorscale=[[0, fmt.NO_DATA], [1, fmt.NO_DATA]],
        showscale=False,
        hoverinfo="skip",
        xgap=4,
        ygap=4,
    )
    fig.add_heatmap(
        z=values,
        text=labels,
        customdata=hover,
        texttemplate="%{text}",
        textfont={"size": 11},
        colorscale=fmt.SEQUENTIAL_SCALE,
        colorbar={"title": {"text": "R$" if value == "revenue" else value}},
        hovertemplate="%{customdata}<extra></extra>",
        xgap=4,
        ygap=4,
    )
    return fig


def state_revenue_bars(frame: pd.DataFrame) -> go.Figure:
    """Revenue per state, largest on top, labelled with orders."""
    ordered = frame.sort_values("revenue")
    fig = figure(
        "Revenue by customer state",
        xaxis={"tickprefix": fmt.CURRENCY_PREFIX},
        height=max(360, 22 * len(ordered) + 100),
    )
    return add_labelled_bars(fig, ordered["revenue"], ordered["customer_state"], _revenue_labels(ordered))


def _revenue_labels(frame: pd.DataFrame) -> list[str]:
    """'R$ 12.3k · 45 orders': revenue is never shown without the order count behind it."""
    return [
        f"{fmt.brl_compact(revenue)} · {fmt.count(orders)} orders"
        for revenue, orders in zip(frame["revenue"], frame["orders"], strict=True)
    ]


def state_late_share(frame: pd.DataFrame) -> go.Figure:
    """Late share per state with the delivered-order count beside it; small samples are drawn muted."""
    ordered = frame[frame["delivered_orders"] > 0].sort_values(["late_share", "delivered_orders"])
    labels = [
        fmt.rate_with_count(share, n, "delivered")
        for share, n in zip(ordered["late_share"], ordered["delivered_orders"], strict=True)
    ]
    colours = [fmt.MUTED if fmt.is_small_sample(n) else fmt.ACCENT for n in ordered["delivered_orders"]]
    largest = float(ordered["late_share"].max()) if not ordered.empty else 0.0
    fig = figure(
        "Late deliveries by customer state",
        xaxis={
            "tickformat": fmt.PERCENT_TICKS,
            "title": {"text": "Share of delivered orders that arrived late"},
            # Room on the right for the labels, which sit outside the bars so 0% still shows its count.
            "range": [0, max(largest, 0.01) * 1.9],
        },
        height=max(360, 22 * len(ordered) + 100),
    )
    fig.add_bar(
        x=ordered["late_share"],
        y=ordered["customer_state"],
        orientation="h",
        marker_color=colours,
        text=labels,
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}<br>%{text}<extra></extra>",
    )
    return fig


# Above this many zip prefixes, dots are summed into grid cells: 17k SVG markers took ~13 s to draw.
MAX_DOTS = 1500
GRID_DEGREES = 0.5


def _grid_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Zip prefixes summed into GRID_DEGREES cells: revenue and orders added, at the orders' centre,
    named after the cell's prefix with the most revenue."""
    cells = frame.assign(
        cell_x=(frame["longitude"] // GRID_DEGREES).astype(int),
        cell_y=(frame["latitude"] // GRID_DEGREES).astype(int),
        weighted_x=frame["longitude"] * frame["orders"],
        weighted_y=frame["latitude"] * frame["orders"],
    )
    top = cells.sort_values("revenue", ascending=False).drop_duplicates(["cell_x", "cell_y"])
    summed = cells.groupby(["cell_x", "cell_y"], as_index=False).agg(
        revenue=("revenue", "sum"),
        orders=("orders", "sum"),
        prefixes=("zip_code_prefix", "size"),
        weighted_x=("weighted_x", "sum"),
        weighted_y=("weighted_y", "sum"),
    )
    summed = summed.merge(
        top[["cell_x", "cell_y", "zip_code_prefix", "city", "state"]], on=["cell_x", "cell_y"]
    )
    return summed.assign(
        longitude=summed["weighted_x"] / summed["orders"], latitude=summed["weighted_y"] / summed["orders"]
    )


def zip_prefix_dots(frame: pd.DataFrame) -> go.Figure:
    """A dot per customer zip prefix at its centroid, on plain longitude/latitude axes (no base map).

    Dot area follows revenue; state codes sit at the mean position of each state's dots.
    """
    points = _grid_cells(frame) if len(frame) > MAX_DOTS else frame.assign(prefixes=1)
    largest = float(points["revenue"].max()) if not points.empty else 0.0
    sizes = [
        4 + 26 * math.sqrt(max(float(r), 0.0) / largest) if largest > 0 else 6 for r in points["revenue"]
    ]
    hover = [
        (
            f"<b>{row.zip_code_prefix}</b> {row.city} ({row.state})"
            if row.prefixes == 1
            else f"<b>{fmt.count(row.prefixes)} zip prefixes</b> around {row.city} ({row.state})"
        )
        + f"<br>{fmt.brl(row.revenue)} · {fmt.count(row.orders)} orders"
        for row in points.itertuples()
    ]
    fig = figure(
        "Revenue by customer zip prefix",
        xaxis={"title": {"text": "Longitude"}, "showgrid": False, "zeroline": False},
        yaxis={"title": {"text": "Latitude"}, "showgrid": False, "zeroline": False, "scaleanchor": "x"},
        height=560,
        showlegend=False,
    )
    fig.add_scatter(
        x=points["longitude"],
        y=points["latitude"],
        mode="markers",
        marker={
            "size": sizes,
            "color": points["revenue"],
            "colorscale": fmt.SEQUENTIAL_SCALE,
            "cmin": 0,
            "line": {"width": 0.5, "color": "white"},
            "opacity": 0.8,
            "colorbar": {"title": {"text": "R$"}},
        },
        customdata=hover,
        hovertemplate="%{customdata}<extra></extra>",
    )
    centres = frame.groupby("state")[["longitude", "latitude"]].mean().reset_index()
    fig.add_scatter(
        x=centres["longitude"],
        y=centres["latitude"],
        mode="text",
        text=centres["state"],
        textfont={"size": 11, "color": "#334155"},
        hoverinfo="skip",
    )
    return fig


def _grid(cell: object, empty: object = None) -> list[list[object]]:
    """A GRID_ROWS x GRID_COLUMNS matrix with `cell(state)` on each state's tile and `empty` elsewhere."""
    matrix: list[list[object]] = [[empty] * GRID_COLUMNS for _ in range(GRID_ROWS)]
    for code, (col, row) in STATE_TILES.items():
        matrix[row][col] = cell(code)  # type: ignore[operator]
    return matrix


def _tile_label(code: str, by_state: pd.DataFrame, value: str) -> str:
    if code not in by_state.index:
        return ""
    return f"<b>{code}</b><br>{fmt.brl_compact(by_state[value][code])}"


def _tile_hover(code: str, by_state: pd.DataFrame) -> str:
    name = f"<b>{STATE_NAMES[code]} ({code})</b>"
    if code not in by_state.index:
        return f"{name}<br>no orders in the selection"
    row = by_state.loc[code]
    return "<br>".join(
        [
            name,
            f"Revenue {fmt.brl(row['revenue'])}",
            f"{fmt.count(row['orders'])} orders · {fmt.count(row['customers'])} customers",
            f"Late {fmt.rate_with_count(row['late_share'], row['delivered_orders'], 'delivered orders')}",
        ]
    )


def _float(value: object) -> float:
    return math.nan if fmt.is_missing(value) else float(value)  # type: ignore[arg-type]
