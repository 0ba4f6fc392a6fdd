"""Geography: revenue and delivery performance by customer state, drawn offline as a tile-grid map."""

import pandas as pd
import streamlit as st

from dashboard import charts, components, data, filters, sidebar
from dashboard import formatting as fmt
from dashboard.filters import Filter

active = filters.active()
st.title("Geography")
sidebar.show_active(active)


def _of(chart: str) -> tuple:
    """The orders query arguments as the filters aimed at this chart select them."""
    return active.for_chart(chart).orders_scope()


states = data.state_performance(*_of("state_map"))


def _table(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.round({"revenue": 2, "avg_delivery_days": 1, "late_share": 4})


components.chart_panel(
    "state_map",
    states,
    charts.state_tile_map,
    filters=active,
    caption="One equal tile per state, placed roughly where it lies; grey: no orders in the selection.",
    table=_table(states),
)
left, right = st.columns(2)
with left:
    revenue_states = data.state_performance(*_of("state_revenue"))
    components.chart_panel(
        "state_revenue",
        revenue_states,
        charts.state_revenue_bars,
        filters=active,
        **components.filter_by(Filter.CUSTOMER_STATE),
        table=_table(revenue_states),
    )
with right:
    late_states = data.state_performance(*_of("state_late_share"))
    components.chart_panel(
        "state_late_share",
        late_states,
        charts.state_late_share,
        filters=active,
        **components.filter_by(Filter.CUSTOMER_STATE),
        caption=(
            "Late = delivered on a day after the estimated delivery date; undelivered orders are not "
            f"counted. Grey bars: fewer than {fmt.SMALL_SAMPLE} delivered orders."
        ),
        table=_table(late_states),
    )

points = data.zip_prefix_points(*_of("zip_prefix_dots"))
located = int(points["orders"].sum()) if not points.empty else 0
total = int(states["orders"].sum()) if not states.empty else 0
components.chart_panel(
    "zip_prefix_dots",
    points,
    charts.zip_prefix_dots,
    filters=active,
    caption=(
        f"Dots cover {fmt.count(located)} of {fmt.count(total)} orders; the other "
        f"{fmt.count(total - located)} have a zip prefix with no known location. Plain axes, no base map."
    ),
    table=points.round({"revenue": 2}),
)
