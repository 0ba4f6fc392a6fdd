"""Carts and products: what visitors leave in their carts, which products they abandon or remove, how
products and categories convert, and which traffic sources bring the revenue."""

from functools import partial

import streamlit as st

from dashboard import charts, components, data, filters, sidebar
from dashboard import formatting as fmt

active = filters.active_sessions()
st.title("Carts and products")
sidebar.show_active(active)
NO_CARTS = "No carts in the selection: no event session added a product to its cart. " + (
    "Widen the session date range or clear a filter in the sidebar."
)

carts = data.cart_abandonment(active.for_kpis())
total = carts[carts["breakdown"] == "total"]
if total.empty:
    st.info(NO_CARTS)
else:
    total = total.iloc[0]
    columns = st.columns(4)
    with columns[0]:
        components.kpi("Carts", fmt.count(total["cart_sessions"]), "sessions that added a product")
    with columns[1]:
        components.kpi(
            "Cart abandonment",
            fmt.percent(total["cart_abandonment_rate"], 2),
            f"{fmt.count(total['abandoned_carts'])} of {fmt.count(total['cart_sessions'])} carts not bought",
            help_text="Abandoned carts / carts: a cart session that bought nothing.",
        )
    with columns[2]:
        components.kpi(
            "Abandoned value",
            fmt.brl(total["abandoned_value"]),
            f"left in {fmt.count(total['abandoned_carts'])} abandoned carts",
            help_text="Units left in the cart x the price seen when adding them; unknown prices count 0.",
        )
    with columns[3]:
        components.kpi(
            "Emptied carts",
            fmt.count(total["emptied_carts"]),
            f"of {fmt.count(total['abandoned_carts'])} abandoned carts: everything added was removed",
        )
    left, right = st.columns(2)
    for column, breakdown, title in (
        (left, "device", "By device"),
        (right, "traffic_source", "By traffic source"),
    ):
        by = data.cart_abandonment(active.for_chart(f"abandonment_{breakdown}"))
        rows = by[by["breakdown"] == breakdown]
        with column:
            components.chart_panel(
                f"abandonment_{breakdown}",
                rows,
                partial(charts.abandonment_by, title=f"Cart abandonment {title.lower()}"),
                filters=active,
                table=rows.drop(columns=["breakdown"]).round(
                    {"cart_abandonment_rate": 4, "abandoned_value": 2}
                ),
                empty_message=NO_CARTS,
            )

st.subheader("Products")
left, right = st.columns(2)
for column, rank, lines, title in (
    (left, "abandoned_rank", "abandoned_cart_lines", "Most abandoned products"),
    (right, "removed_rank", "removed_cart_lines", "Most removed products"),
):
    products = data.product_rankings(active.for_chart(rank.removesuffix("_rank")))
    top = products[products[lines] > 0].sort_values(rank).head(10)
    with column:
        components.chart_panel(
            rank.removesuffix("_rank"),
            top,
            partial(charts.top_products, lines=lines, title=title),
            filters=active,
            table=top.drop(columns=["abandoned_rank", "removed_rank", "viewed_rank"]).round(4),
            empty_message="No product was " + rank.removesuffix("_rank") + " in the selection.",
        )
products = data.product_rankings(active.for_chart("product_performance"))
viewed = products[products["viewed_rank"] <= 100].drop(
    columns=["abandoned_rank", "removed_rank", "viewed_rank"]
)
components.table_panel(
    "product_performance",
    "Product performance (the 100 most viewed)",
    viewed.round(4),
    filters=active,
    caption=(
        "Rates are of cart lines (a product added in a session); revenue is the purchase events' "
        "price x quantity."
    ),
    empty_message="No product events in the selection.",
)
components.table_panel(
    "category_performance",
    "Category performance",
    data.category_performance(active.for_chart("category_performance")).round(4),
    filters=active,
    caption="A session counts once per category, however many of its products it viewed or added.",
    empty_message="No product events in the selection.",
)

st.subheader("Revenue by traffic source")
attribution = data.traffic_source_revenue(active.for_chart("traffic_source_revenue"))
components.chart_panel(
    "traffic_source_revenue",
    attribution,
    charts.traffic_source_revenue,
    filters=active,
    caption=(
        "Each order counts once, with its order value (items + freight), under the traffic source of the "
        "first session that bought it; orders without a web session are grey."
    ),
    table=attribution.round({"revenue": 2, "aov": 2, "revenue_share": 4}),
    empty_message="No orders in the selection.",
)
