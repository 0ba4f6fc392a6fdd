"""Queries of the orders pages (overview, customers, geography): the order marts, selected, filtered, summed.

Every function is a parameterised select on `marts.*`, cached with `st.cache_data`. The sidebar's
purchase-date range, customer states and order statuses arrive as plain arguments. The SQL only
selects, filters and sums additive mart columns; a ratio (AOV, late share, ...) is returned with its
summed numerator and denominator and divided by `dashboard.metrics`, from the definition the mart's
yml gives in `meta.metric` (read from marts.mart_metric_glossary at run time).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from psycopg import sql

from dashboard import metrics
from dashboard.queries import connection
from dashboard.queries.connection import CACHE_TTL_SECONDS

# --- filters ----------------------------------------------------------------------------------------

# The headline counts placed orders only (marts docs: order_status_group). No status chosen means
# the headline; choosing statuses (canceled, unavailable, ...) puts exactly those back.
HEADLINE_STATUS_GROUP = "placed"

# The rows the sidebar filters keep, in every order mart with order_date, customer_state, order_status,
# order_status_group and rfm_segment (and in fct_orders joined to mart_customer_rfm, whose missing
# state reads 'unknown' as in the marts).
_ORDERS_IN_SCOPE = sql.SQL(
    "order_date >= %(start)s and order_date <= %(end)s"
    " and (cardinality(%(states)s::text[]) = 0"
    " or coalesce(customer_state, 'unknown') = any(%(states)s::text[]))"
    " and ((cardinality(%(statuses)s::text[]) = 0 and order_status_group = %(headline)s)"
    " or order_status = any(%(statuses)s::text[]))"
    " and (cardinality(%(segments)s::text[]) = 0 or rfm_segment = any(%(segments)s::text[]))"
)

# Product categories exist at item grain only: mart_sales_daily (top categories) takes this filter.
_CATEGORIES_IN_SCOPE = sql.SQL(
    "(cardinality(%(categories)s::text[]) = 0 or product_category = any(%(categories)s::text[]))"
)


def _scope_params(
    start: date,
    end: date,
    states: tuple[str, ...],
    statuses: tuple[str, ...] = (),
    segments: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Inclusive purchase-date range [start, end] (shop-local dates); no states means every state; no
    statuses means the headline (placed orders); no segments means every RFM segment."""
    return {
        "start": start,
        "end": end,
        "states": list(states),
        "statuses": list(statuses),
        "headline": HEADLINE_STATUS_GROUP,
        "segments": list(segments),
    }


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def filter_options() -> pd.DataFrame:
    """One row per customer state with its first and last purchase date: the sidebar's choices."""
    return connection.read(
        sql.SQL(
            "select customer_state, min(order_date) as first_date,"
            " max(order_date) as last_date, sum(orders) as orders"
            " from marts.mart_orders_daily where customer_state <> 'unknown'"
            " group by customer_state order by customer_state"
        )
    )


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def order_dimension_options() -> pd.DataFrame:
    """(dimension, value) rows, named like the Filters fields: the statuses (placed ones first, most
    orders first), the RFM segments and the product categories the marts hold."""
    return connection.read(
        sql.SQL(
            """
            select dimension, value
            from (
                select 'statuses' as dimension, order_status as value,
                    row_number() over (order by order_status_group = %(headline)s desc, sum(orders) desc,
                        order_status) as position
                from marts.mart_orders_daily
                group by order_status, order_status_group
                union all
                select distinct 'segments', rfm_segment, 0
                from marts.mart_orders_daily
                where rfm_segment is not null
                union all
                select distinct 'categories', product_category, 0
                from marts.mart_sales_daily
            ) as options
            order by dimension, position, value
            """
        ),
        {"headline": HEADLINE_STATUS_GROUP},
    )


# --- overview ---------------------------------------------------------------------------------------


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def order_kpis(
    start: date,
    end: date,
    states: tuple[str, ...],
    statuses: tuple[str, ...] = (),
    segments: tuple[str, ...] = (),
) -> pd.DataFrame:
    """One row of KPIs, each with the count behind it; ratios from their summed numerators and denominators.

    `customers` is exact: distinct people, as the number of RFM rows (one per person) with an order
    in scope.
    """
    query = sql.SQL(
        """
        select
            coalesce(sum(orders), 0) as orders,
            coalesce(sum(revenue), 0) as revenue,
            coalesce(sum(orders_with_items), 0) as orders_with_items,
            (
                select coalesce(sum(rfm.customers), 0)
                from marts.mart_customer_rfm as rfm
                where exists (
                    select 1
                    from marts.fct_orders as orders
                    where orders.customer_unique_id = rfm.customer_unique_id and {scope}
                )
            ) as customers,
            coalesce(sum(reviewed_orders), 0) as reviewed_orders,
            coalesce(sum(review_score_total), 0) as review_score_total,
            coalesce(sum(delivered_orders), 0) as delivered_orders,
            coalesce(sum(late_orders), 0) as late_orders
        from marts.mart_orders_daily
        where {scope}
        """
    ).format(scope=_ORDERS_IN_SCOPE)
    frame = connection.read(query, _scope_params(start, end, states, statuses, segments))
    return metrics.with_ratios(frame, "mart_orders_daily")


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def monthly_sales(
    start: date,
    end: date,
    states: tuple[str, ...],
    statuses: tuple[str, ...] = (),
    segments: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Revenue and orders per purchase month, in calendar order, with whether the data covers the month."""
    query = sql.SQL(
        """
        select
            order_month as month,
            sum(orders) as orders,
            sum(orders_with_items) as orders_with_items,
            coalesce(sum(revenue), 0) as revenue,
            is_complete_month
        from marts.mart_orders_daily
        where {scope}
        -- is_complete_month is a property of the month: grouping by it keeps one row per month.
        group by order_month, is_complete_month
        order by order_month
        """
    ).format(scope=_ORDERS_IN_SCOPE)
    frame = connection.read(query, _scope_params(start, end, states, statuses, segments))
    frame["month"] = pd.to_datetime(frame["month"])
    return _with_every_month(frame)


def _with_every_month(frame: pd.DataFrame) -> pd.DataFrame:
    """Months without orders appear with zeros, so a gap in sales shows as a gap, not a line across it.

    A month between two months of data is covered by the data: its zero is real, so it is complete.
    """
    if frame.empty:
        return frame
    months = pd.date_range(frame["month"].min(), frame["month"].max(), freq="MS", name="month")
    measures = frame.set_index("month")
    covered = measures.pop("is_complete_month").astype(bool)
    filled = measures.reindex(months, fill_value=0)
    filled["is_complete_month"] = covered.reindex(months, fill_value=True)
    return filled.reset_index()


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def top_categories(
    start: date,
    end: date,
    states: tuple[str, ...],
    statuses: tuple[str, ...] = (),
    segments: tuple[str, ...] = (),
    categories: tuple[str, ...] = (),
    limit: int = 10,
) -> pd.DataFrame:
    """The categories with most revenue; an order counts once per category (distinct orders)."""
    query = sql.SQL(
        """
        select
            product_category,
            sum(orders) as orders,
            sum(items) as items,
            sum(revenue) as revenue
        from marts.mart_sales_daily
        where {scope} and {categories}
        group by product_category
        order by revenue desc, product_category
        limit %(limit)s
        """
    ).format(scope=_ORDERS_IN_SCOPE, categories=_CATEGORIES_IN_SCOPE)
    params = {**_scope_params(start, end, states, statuses, segments), "categories": list(categories)}
    return connection.read(query, {**params, "limit": limit})


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def payment_methods(
    start: date,
    end: date,
    states: tuple[str, ...],
    statuses: tuple[str, ...] = (),
    segments: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Orders and payment value by each order's main payment type, with its order share (marts docs:
    payment_type_shares; each order counts once, so the shares add up to 1)."""
    query = sql.SQL(
        """
        select
            main_payment_type as payment_type,
            sum(orders) as orders,
            coalesce(sum(payment_value), 0) as payment_value
        from marts.mart_orders_daily
        where {scope}
        group by main_payment_type
        order by orders desc, payment_type
        """
    ).format(scope=_ORDERS_IN_SCOPE)
    frame = connection.read(query, _scope_params(start, end, states, statuses, segments))
    return metrics.with_share(frame, "order_share", "orders")


# --- customers --------------------------------------------------------------------------------------


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def cohort_retention(start: date, end: date) -> pd.DataFrame:
    """Retention per first-purchase month and months since, for the cohort months the date range touches.

    Each cell is one mart row (nothing is re-aggregated); `is_complete_period` is false where the data
    does not cover the whole activity month, so the page can mark it instead of showing a drop.
    """
    query = sql.SQL(
        """
        select
            cohort_month,
            months_since_first,
            customers,
            retained_customers,
            retention_rate,
            revenue,
            is_complete_period
        from marts.mart_cohort_retention
        where cohort_month >= date_trunc('month', %(start)s::date) and cohort_month <= %(end)s
        order by cohort_month, months_since_first
        """
    )
    frame = connection.read(query, {"start": start, "end": end})
    frame["cohort_month"] = pd.to_datetime(frame["cohort_month"])
    return frame


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def rfm_segments(
    start: date,
    end: date,
    states: tuple[str, ...],
    statuses: tuple[str, ...] = (),
    segments: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Per RFM segment: customers, their share, revenue and average recency, frequency and monetary value.

    The filters pick the people (those with an order in scope); their scores stay the mart's, computed
    over each person's whole history.
    """
    query = sql.SQL(
        """
        select
            rfm.rfm_segment,
            sum(rfm.customers) as customers,
            sum(rfm.monetary) as revenue,
            sum(rfm.recency_days) as recency_days,
            sum(rfm.frequency) as frequency,
            sum(rfm.monetary) as monetary
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
    frame = connection.read(query, _scope_params(start, end, states, statuses, segments))
    frame = metrics.with_share(frame, "share_of_customers", "customers")
    return metrics.with_ratios(frame, "mart_customer_rfm")


# --- geography --------------------------------------------------------------------------------------


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def state_performance(
    start: date,
    end: date,
    states: tuple[str, ...],
    statuses: tuple[str, ...] = (),
    segments: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Per customer state: revenue, orders, customers, delivery days and late share, ratios with counts.

    `customers` is exact: the people (one RFM row each) with an order to the state in scope; a person
    who ordered to two states counts in both, as in mart_geo_revenue.
    """
    query = sql.SQL(
        """
        with

        people_in_states as (
            select
                rfm.customer_unique_id,
                coalesce(orders.customer_state, 'unknown') as customer_state,
                rfm.customers
            from marts.fct_orders as orders
            inner join marts.mart_customer_rfm as rfm
                on orders.customer_unique_id = rfm.customer_unique_id
            where {scope}
            group by rfm.customer_unique_id, coalesce(orders.customer_state, 'unknown'), rfm.customers
        ),

        state_people as (
            select
                customer_state,
                sum(customers) as customers
            from people_in_states
            group by customer_state
        ),

        state_sums as (
            select
                customer_state,
                coalesce(sum(revenue), 0) as revenue,
                sum(orders) as orders,
                sum(orders_with_items) as orders_with_items,
                sum(delivery_days_total) as delivery_days_total,
                sum(delivered_orders) as delivered_orders,
                sum(late_orders) as late_orders
            from marts.mart_orders_daily
            where {scope} and customer_state <> 'unknown'
            group by customer_state
        )

        select
            state_sums.*,
            coalesce(state_people.customers, 0) as customers
        from state_sums
        left join state_people
            on state_sums.customer_state = state_people.customer_state
        order by state_sums.revenue desc, state_sums.customer_state
        """
    ).format(scope=_ORDERS_IN_SCOPE)
    frame = connection.read(query, _scope_params(start, end, states, statuses, segments))
    return metrics.with_ratios(frame, "mart_orders_daily")


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def zip_prefix_points(
    start: date,
    end: date,
    states: tuple[str, ...],
    statuses: tuple[str, ...] = (),
    segments: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Orders and revenue per customer zip prefix, at the prefix's centre (mart_zip_prefix_orders).

    Orders whose prefix has no located centre are not in that mart; the page says how many.
    """
    query = sql.SQL(
        """
        select
            zip_code_prefix,
            city,
            state,
            latitude,
            longitude,
            sum(orders) as orders,
            coalesce(sum(revenue), 0) as revenue
        from marts.mart_zip_prefix_orders
        where {scope}
        group by zip_code_prefix, city, state, latitude, longitude
        order by revenue desc, zip_code_prefix
        """
    ).format(scope=_ORDERS_IN_SCOPE)
    return connection.read(query, _scope_params(start, end, states, statuses, segments))
