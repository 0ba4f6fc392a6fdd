"""Queries of the carts and products page: abandonment, products, categories, revenue by traffic source.

Abandonment reads `marts.fct_session_funnel` (every session filter applies, as on the funnel page)
with the definitions of `mart_cart_abandonment`: a cart session added a product, an abandoned cart is
a cart session without a purchase, its value is what was left in it. Products and categories come
from their marts (totals per source), attribution from `mart_traffic_source_revenue` (order grain).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from psycopg import sql

from dashboard import metrics
from dashboard.filters import SessionFilters
from dashboard.queries import connection
from dashboard.queries.connection import CACHE_TTL_SECONDS
from dashboard.queries.session_scope import ATTRIBUTION, CATALOG, FUNNEL

# Breakdowns of abandonment: the total and two dimensions a shop acts on.
_CART_GROUPS = {"total": None, "device": "device_type", "traffic_source": "traffic_source"}


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def cart_abandonment(filters: SessionFilters) -> pd.DataFrame:
    """Cart sessions, abandoned carts and their rate and value, in total and by device and traffic source.

    Columns: breakdown ('total', 'device', 'traffic_source'), label, cart_sessions, abandoned_carts,
    cart_abandonment_rate, emptied_carts, abandoned_value, cart_lines, abandoned_cart_lines.
    """
    where, params = FUNNEL.where(filters)
    query = sql.SQL(
        """
        with scoped as (
            select
                coalesce(device_type, 'unknown') as device,
                coalesce(traffic_source, 'unknown') as traffic_source,
                is_cart_abandoned,
                emptied_cart,
                abandoned_value,
                cart_lines,
                abandoned_cart_lines
            from marts.fct_session_funnel
            where has_cart and {where}
        )

        select
            grouping(device, traffic_source) as grouping_id,
            device,
            traffic_source,
            count(*) as cart_sessions,
            count(*) filter (where is_cart_abandoned) as abandoned_carts,
            (count(*) filter (where is_cart_abandoned))::float / nullif(count(*), 0) as cart_abandonment_rate,
            count(*) filter (where is_cart_abandoned and emptied_cart) as emptied_carts,
            coalesce(sum(abandoned_value) filter (where is_cart_abandoned), 0) as abandoned_value,
            coalesce(sum(cart_lines), 0) as cart_lines,
            coalesce(sum(abandoned_cart_lines), 0) as abandoned_cart_lines
        from scoped
        group by grouping sets ((), (device), (traffic_source))
        having count(*) > 0
        order by grouping_id desc, cart_sessions desc, device, traffic_source
        """
    ).format(where=where)
    frame = connection.read(query, params)
    # grouping(): bit 1 = device aggregated away, bit 0 = traffic source aggregated away.
    breakdown = frame["grouping_id"].map({3: "total", 1: "device", 2: "traffic_source"})
    label = (
        frame["device"]
        .where(breakdown == "device", frame["traffic_source"])
        .where(breakdown != "total", "all")
    )
    return frame.drop(columns=["grouping_id", "device", "traffic_source"]).assign(
        breakdown=breakdown.to_numpy(), label=label.to_numpy()
    )


_RANKS = {
    "abandoned": "abandoned_cart_lines desc, abandoned_value desc",
    "removed": "removed_cart_lines desc, removals desc",
    "viewed": "product_views desc, purchases desc",
}


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def product_rankings(filters: SessionFilters, top: int = 10, table_rows: int = 100) -> pd.DataFrame:
    """The products of three rankings in one query: the `top` most abandoned and most removed (with
    any at all), and the `table_rows` most viewed. Rank columns: abandoned_rank, removed_rank,
    viewed_rank (NULL outside the ranking)."""
    where, params = CATALOG.where(filters)
    ranks = sql.SQL(", ").join(
        sql.SQL("row_number() over (order by {order}, source, product_id) as {name}").format(
            order=sql.SQL(order), name=sql.Identifier(f"{name}_rank")
        )
        for name, order in _RANKS.items()
    )
    query = sql.SQL(
        """
        with ranked as (
            select
                source, product_id, category, brand, product_views, view_sessions, cart_lines,
                view_to_cart_rate, removals, removed_cart_lines, removal_rate, purchases, purchase_sessions,
                units_purchased, revenue, purchased_cart_lines, cart_to_purchase_rate, abandoned_cart_lines,
                cart_abandonment_rate, abandoned_units, abandoned_value,
                {ranks}
            from marts.mart_product_performance
            where {where}
        )

        select * from ranked
        where
            (abandoned_rank <= %(top)s and abandoned_cart_lines > 0)
            or (removed_rank <= %(top)s and removed_cart_lines > 0)
            or viewed_rank <= %(table_rows)s
        order by viewed_rank
        """
    ).format(ranks=ranks, where=where)
    return connection.read(query, {**params, "top": top, "table_rows": table_rows})


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def category_performance(filters: SessionFilters) -> pd.DataFrame:
    """Views, carts, purchases, revenue and the rates between them per category and source."""
    where, params = CATALOG.where(filters)
    query = sql.SQL(
        """
        select
            source, category, products, product_views, view_sessions, cart_lines, view_to_cart_rate,
            removed_cart_lines, removal_rate, purchase_sessions, units_purchased, revenue,
            purchased_cart_lines, cart_to_purchase_rate, abandoned_cart_lines, cart_abandonment_rate,
            abandoned_value
        from marts.mart_category_funnel
        where {where}
        order by revenue desc nulls last, product_views desc, source, category
        """
    ).format(where=where)
    return connection.read(query, params)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def traffic_source_revenue(filters: SessionFilters) -> pd.DataFrame:
    """Orders and revenue per traffic source of the session that bought them ('no web session' for the
    rest), at order grain, with AOV over orders with items and each source's share of revenue."""
    where, params = ATTRIBUTION.where(filters)
    query = sql.SQL(
        """
        select
            traffic_source,
            bool_or(has_web_session) as has_web_session,
            sum(orders) as orders,
            sum(orders_with_items) as orders_with_items,
            sum(sessions) as sessions,
            sum(revenue) as revenue,
            sum(revenue)::float / nullif(sum(sum(revenue)) over (), 0) as revenue_share
        from marts.mart_traffic_source_revenue
        where {where}
        group by traffic_source
        having sum(orders) > 0
        order by revenue desc, traffic_source
        """
    ).format(where=where)
    return metrics.with_ratios(connection.read(query, params), "mart_traffic_source_revenue")
