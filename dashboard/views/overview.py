"""Overview: the headline KPIs with the counts behind them, monthly revenue, top categories, payments,
and the insights panel (short factual statements from mart_insights)."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import charts, components, data, filters, insight_rows, period_change, sidebar
from dashboard import formatting as fmt
from dashboard.chart_catalog import ORDERS
from dashboard.filters import FilterScope

active = filters.active()


def _of(chart: str) -> tuple:
    """The orders query arguments as the filters aimed at this chart select them."""
    return active.for_chart(chart).orders_scope()


def _kpi_cards(kpis: pd.Series, previous: pd.Series | None, since: str | None) -> None:
    """The six cards, each with its change against the previous period when there is one."""

    def change(column: str, how=period_change.relative) -> str | None:
        return None if previous is None else how(kpis[column], previous[column])

    columns = [*st.columns(3), *st.columns(3)]
    with columns[0]:
        components.kpi(
            "Orders",
            fmt.count(kpis["orders"]),
            "purchased in the selection",
            change=change("orders"),
            since=since,
        )
    with columns[1]:
        components.kpi(
            "Revenue", fmt.brl(kpis["revenue"]), "item price + freight", change=change("revenue"), since=since
        )
    with columns[2]:
        components.kpi(
            "Average order value",
            fmt.brl(kpis["aov"]),
            f"over {fmt.count(kpis['orders_with_items'])} orders with items",
            help_text="Revenue / distinct orders that have at least one item.",
            change=change("aov"),
            since=since,
        )
    with columns[3]:
        components.kpi(
            "Customers",
            fmt.count(kpis["customers"]),
            "distinct people (customer_unique_id)",
            change=change("customers"),
            since=since,
        )
    with columns[4]:
        components.kpi(
            "Average review score",
            fmt.number(kpis["avg_review_score"], 2),
            fmt.mean_with_count(kpis["avg_review_score"], kpis["reviewed_orders"], "reviewed orders"),
            change=change("avg_review_score", period_change.difference),
            since=since,
        )
    with columns[5]:
        components.kpi(
            "Late share",
            fmt.percent(kpis["late_share"]),
            fmt.rate_with_count(kpis["late_share"], kpis["delivered_orders"], "delivered orders"),
            help_text="Delivered orders that arrived after the estimated delivery date.",
            change=change("late_share", period_change.points),
            since=since,
            lower_is_better=True,
        )


st.title("Overview")
sidebar.show_active(active)

if not components.kpis_blocked(ORDERS, active):  # else the charts below still show what they apply
    seen = active.for_kpis()
    kpis = data.order_kpis(*seen.orders_scope()).iloc[0]
    if int(kpis["orders"]) == 0:
        st.info(components.EMPTY_MESSAGE)
    else:
        before = period_change.previous_period(seen.start, seen.end, seen.first_date)
        previous = None
        if before is not None:
            previous = data.order_kpis(
                *replace(seen, start=before.start, end=before.end).orders_scope()
            ).iloc[0]
        _kpi_cards(kpis, previous, None if before is None else before.description)
        if before is None and seen.narrows_dates:
            st.caption("No change shown: the data does not cover a whole previous period of this length.")

components.chart_panel(
    "monthly_revenue",
    data.monthly_sales(*_of("monthly_revenue")),
    charts.monthly_revenue,
    filters=active,
    caption="Paler bars: months the data covers only in part (at its edges), so not a drop in sales.",
)
left, right = st.columns(2)
with left:
    components.chart_panel(
        "top_categories",
        data.top_categories(*_of("top_categories"), active.for_chart("top_categories").categories),
        charts.top_categories,
        filters=active,
        caption="An order with items from two categories counts once in each.",
    )
with right:
    components.chart_panel(
        "payment_methods",
        data.payment_methods(*_of("payment_methods")),
        charts.payment_methods,
        filters=active,
        caption="Each order counted once, under the payment type that paid most of it.",
    )

# --- insights (marts.mart_insights): short statements computed in dbt, each with its number ----------

st.subheader("Insights")
components.table_panel(
    "insights",
    "What stands out",
    insight_rows.table(data.insights()),
    filters=active,
    scope=FilterScope.of_no_selection("each statement is computed in dbt over all the shop's data."),
    caption="Each statement is recomputed from its source mart by the tests; count = the rows behind it.",
    empty_message="No insights yet: run `uv run shoplens build` (the segment one needs `shoplens score`).",
)
