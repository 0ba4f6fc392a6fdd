"""Queries of the orders pages (overview, customers, geography): `fct_orders` and the order marts.

Every function is a parameterised select on `marts.*`, cached with `st.cache_data`; the sidebar's
purchase-date range and customer states arrive as plain arguments.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from psycopg import sql

from dashboard.queries import connection
from dashboard.queries.connection import CACHE_TTL_SECONDS

# --- filters ----------------------------------------------------------------------------------------

# The rows the sidebar filters keep, in fct_orders and in every mart with order_date and customer_state
# (mart_sales_daily too).
_ORDERS_IN_SCOPE = sql.SQL(
    "order_date >= %(start)s and order_date <= %(end)s"
    " and (cardinality(%(states)s::text[]) = 0 or customer_state = any(%(states)s::text[]))"
)


def _scope_params(start: date, end: date, states: tuple[str, ...]) -> dict[str, Any]:
    """Inclusive purchase-date range [start, end] (shop-local dates); no states means every state."""
    return {"start": start, "end": end, "states": list(states)}


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def filter_options() -> pd.DataFrame:
    """One row per customer state with its first and last purchase date: the sidebar's choices."""
    return connection.read(
        sql.SQL(
            "select customer_state, min(order_date) as first_date,"
            " max(order_date) as last_date, count(*) as orders"
            " from marts.fct_orders where customer_state is not null"
            " group by customer_state order by customer_state"
        )
    )


# --- overview ---------------------------------------------------------------------------------------


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def order_kpis(start: date, end: date, states: tuple[str, ...]) -> pd.DataFrame:
    """One row of KPIs, each with the count behind it (AOV and late share as defined in the marts' docs)."""
    query = sql.SQL(
        """
        select
            count(*) as orders,
            coalesce(sum(revenue), 0) as revenue,
            count(*) filter (where item_count > 0) as orders_with_items,
            sum(revenue) filter (where item_count > 0)
                / nullif(count(*) filter (where item_count > 0), 0) as aov,
            count(distinct customer_unique_id) as customers,
            count(review_score) as reviewed_orders,
            avg(review_score) as avg_review_score,
            count(is_late) as delivered_orders,
            count(*) filter (where is_late) as late_orders,
            avg(is_late::int) as late_share
        from marts.fct_orders
        where {scope}
        """
    ).format(scope=_ORDERS_IN_SCOPE)
    return connection.read(query, _scope_params(start, end, states))


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def monthly_sales(start: date, end: date, states: tuple[str, ...]) -> pd.DataFrame:
    """Revenue, orders and customers per purchase month, in calendar order."""
    query = sql.SQL(
        """
        select
            order_month as month,
            count(*) as orders,
            coalesce(sum(revenue), 0) as revenue,
            count(distinct customer_unique_id) as customers
        from marts.fct_orders
        where {scope}
        group by 1
        order by 1
        """
    ).format(scope=_ORDERS_IN_SCOPE)
    frame = connection.read(query, _scope_params(start, end, states))
    frame["month"] = pd.to_datetime(frame["month"])
    return _with_every_month(frame)


def _with_every_month(frame: pd.DataFrame) -> pd.DataFrame:
    """Months without orders appear with zeros, so a gap in sales shows as a gap, not a line across it."""
    if frame.empty:
        return frame
    months = pd.date_range(frame["month"].min(), frame["month"].max(), freq="MS", name="month")
    return frame.set_index("month").reindex(months, fill_value=0).reset_index()


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def top_categories(start: date, end: date, states: tuple[str, ...], limit: int = 10) -> pd.DataFrame:
    """The categories with most revenue; an order counts once per category (distinct orders)."""
    query = sql.SQL(
        """
        select
            product_category,
            sum(orders) as orders,
            sum(items) as items,
            sum(revenue) as revenue
        from marts.mart_sales_daily
        where {scope}
        group by product_category
        order by revenue desc, product_category
        limit %(limit)s
        """
    ).format(scope=_ORDERS_IN_SCOPE)
    return connection.read(query, {**_scope_params(start, end, states), "limit": limit})


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def payment_methods(start: date, end: date, states: tuple[str, ...]) -> pd.DataFrame:
    """Orders and payment value by each order's main payment type, with its share of orders."""
    query = sql.SQL(
        """
        select
            coalesce(payment_type, 'no payment recorded') as payment_type,
            count(*) as orders,
            coalesce(sum(payment_value), 0) as payment_value,
            count(*)::float / sum(count(*)) over () as order_share
        from marts.fct_orders
        where {scope}
        group by 1
        order by orders desc, payment_type
        """
    ).format(scope=_ORDERS_IN_SCOPE)
    return connection.read(query, _scope_params(start, end, states))


# --- customers --------------------------------------------------------------------------------------


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def cohort_retention(start: date, end: date) -> pd.DataFrame:
    """Retention per first-purchase month and months since, for the cohort months the date range touches."""
    query = sql.SQL(
        """
        select
            cohort_month,
            months_since_first,
            customers,
            retained_customers,
            retention_rate,
            revenue
        from marts.mart_cohort_retention
        where cohort_month >= date_trunc('month', %(start)s::date) and cohort_month <= %(end)s
        order by cohort_month, months_since_first
        """
    )
    frame = connection.read(query, {"start": start, "end": end})
    frame["cohort_month"] = pd.to_datetime(frame["cohort_month"])
    return frame


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def rfm_segments(start: date, end: date, states: tuple[str, ...]) -> pd.DataFrame:
    """Per RFM segment: customers, revenue and average recency, frequency and monetary value.

    The filters pick the people (those with an order in the dates and states); their scores stay
    the mart's, computed over each person's whole history.
    """
    query = sql.SQL(
        """
        select
            rfm.rfm_segment,
            count(*) as customers,
            count(*)::float / sum(count(*)) over () as share_of_customers,
            sum(rfm.monetary) as revenue,
            avg(rfm.recency_days) as avg_recency_days,
            avg(rfm.frequency) as avg_frequency,
            avg(rfm.monetary) as avg_monetary
        from marts.mart_customer_rfm as rfm
        where exists (
            select 1
            from marts.fct_orders as orders
            where orders.customer_unique_id = rfm.customer_unique_id and {scope}
        )
        group by rfm.rfm_segment
        order by customers desc, rfm.rfm_segment
        """
    ).format(scope=_ORDERS_IN_SCOPE)
    return connection.read(query, _scope_params(start, end, states))


# --- geography --------------------------------------------------------------------------------------


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def state_performance(start: date, end: date, states: tuple[str, ...]) -> pd.DataFrame:
    """Per customer state: revenue, orders, customers, delivery days and late share with its count."""
    query = sql.SQL(
        """
        select
            customer_state,
            coalesce(sum(revenue), 0) as revenue,
            count(*) as orders,
            count(distinct customer_unique_id) as customers,
            -- Same definitions as marts.mart_geo_revenue (a test holds them equal), plus the filters.
            avg(delivery_days) filter (where is_late is not null) as avg_delivery_days,
            count(is_late) as delivered_orders,
            count(*) filter (where is_late) as late_orders,
            avg(is_late::int) as late_share
        from marts.fct_orders
        where {scope} and customer_state is not null
        group by customer_state
        order by revenue desc, customer_state
        """
    ).format(scope=_ORDERS_IN_SCOPE)
    return connection.read(query, _scope_params(start, end, states))


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def zip_prefix_points(start: date, end: date, states: tuple[str, ...]) -> pd.DataFrame:
    """Orders and revenue per customer zip prefix, at the prefix's centroid from dim_geography.

    Orders whose prefix has no located centroid are left out here; the page says how many.
    """
    query = sql.SQL(
        """
        select
            geography.zip_code_prefix,
            geography.city,
            geography.state,
            geography.latitude,
            geography.longitude,
            count(*) as orders,
            coalesce(sum(orders.revenue), 0) as revenue
        from marts.fct_orders as orders
        inner join marts.dim_geography as geography
            on orders.customer_zip_code_prefix = geography.zip_code_prefix
        where {scope} and geography.latitude is not null and geography.longitude is not null
        group by 1, 2, 3, 4, 5
        order by revenue desc, geography.zip_code_prefix
        """
    ).format(scope=_ORDERS_IN_SCOPE)
    return connection.read(query, _scope_params(start, end, states))
