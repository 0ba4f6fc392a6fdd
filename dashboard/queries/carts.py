"""Queries of the carts and products page: abandonment, products, categories, revenue by traffic source.

Abandonment sums `marts.mart_funnel_cube` (every session filter applies, by whole months, as on the
funnel page): a cart session added a product, an abandoned cart is a cart session without a purchase,
its value is what was left in it. Products and categories come from their marts (totals per source),
attribution from `mart_traffic_source_revenue` (order grain).
"""

from __future__ import annotations

import pandas as pd
from psycopg import sql

from dashboard import metrics
from dashboard.filters import SessionFilters
from dashboard.queries import connection
from dashboard.queries.session_scope import ATTRIBUTION, CATALOG, FUNNEL_CUBE, cached_query


@cached_query(FUNNEL_CUBE)
def cart_abandonment(filters: SessionFilters) -> pd.DataFrame:
    """Cart sessions, abandoned carts and their rate and value, in total and by device and traffic source.

    Columns: breakdown ('total', 'device', 'traffic_source'), label, cart_sessions, abandoned_carts,
    cart_abandonment_rate, emptied_carts, abandoned_value, cart_lines, abandoned_cart_lines.
    """
    where, params = FUNNEL_CUBE.where(filters)
    query = sql.SQL(
        """
        select
            grouping(device_type, traffic_source) as grouping_id,
            device_type as device,
            traffic_source,
            sum(cart_sessions) as cart_sessions,
            sum(abandoned_carts) as abandoned_carts,
            sum(emptied_carts) as emptied_carts,
            sum(abandoned_cart_value) as abandoned_value,
            sum(cart_lines) as cart_lines,
            sum(abandoned_cart_lines) as abandoned_cart_lines
        from marts.mart_funnel_cube
        where {where}
        group by grouping sets ((), (device_type), (traffic_source))
        having sum(cart_sessions) > 0
        order by grouping_id desc, cart_sessions desc, device, traffic_source
        """
    ).format(where=where)
    frame = metrics.with_ratios(connection.read(query, params), "mart_funnel_cube")
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


@cached_query(CATALOG)
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


@cached_query(CATALOG)
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


@cached_query(ATTRIBUTION)
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
