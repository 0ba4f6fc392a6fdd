"""Overview: the headline KPIs with the counts behind them, monthly revenue, top categories, payments,
and the insights panel (short factual statements from mart_insights)."""

import pandas as pd
import streamlit as st

from dashboard import charts, components, data, filters, insight_rows, sidebar
from dashboard import formatting as fmt
from dashboard.chart_catalog import ORDERS
from dashboard.filters import FilterScope

active = filters.active()


def _of(chart: str) -> tuple:
    """The orders query arguments as the filters aimed at this chart select them."""
    return active.for_chart(chart).orders_scope()


st.title("Overview")
sidebar.show_active(active)


def _kpi_cards(kpis: pd.Series) -> None:
    columns = [*st.columns(3), *st.columns(3)]
    with columns[0]:
        components.kpi("Orders", fmt.count(kpis["orders"]), "purchased in the selection")
    with columns[1]:
        components.kpi("Revenue", fmt.brl(kpis["revenue"]), "item price + freight")
    with columns[2]:
        components.kpi(
            "Average order value",
            fmt.brl(kpis["aov"]),
            f"over {fmt.count(kpis['orders_with_items'])} orders with items",
            help_text="Revenue / distinct orders that have at least one item.",
        )
    with columns[3]:
        components.kpi("Customers", fmt.count(kpis["customers"]), "distinct people (customer_unique_id)")
    with columns[4]:
        components.kpi(
            "Average review score",
            fmt.number(kpis["avg_review_score"], 2),
            fmt.mean_with_count(kpis["avg_review_score"], kpis["reviewed_orders"], "reviewed orders"),
        )
    with columns[5]:
        components.kpi(
            "Late share",
            fmt.percent(kpis["late_share"]),
            fmt.rate_with_count(kpis["late_share"], kpis["delivered_orders"], "delivered orders"),
            help_text="Delivered orders that arrived after the estimated delivery date.",
        )


if not components.kpis_blocked(ORDERS, active):  # else the charts below still show what they apply
    kpis = data.order_kpis(*active.for_kpis().orders_scope()).iloc[0]
    if int(kpis["orders"]) == 0:
        st.info(components.EMPTY_MESSAGE)
    else:
        _kpi_cards(kpis)

components.chart_panel(
    "monthly_revenue",
    data.monthly_sales(*_of("monthly_revenue")),
    charts.monthly_revenue,
    filters=active,
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
