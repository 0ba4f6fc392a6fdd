"""The dashboard's only door to the warehouse: every SQL query, each a parameterised select on `marts.*`.

It connects as the read-only dashboard role (the database, not a convention, keeps it to `marts`),
keeps one connection per process (`st.cache_resource`, replaced when it breaks) and caches every
result (`st.cache_data`), so a rerun costs a handful of small queries at most. Pages never build SQL.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from typing import Any

import pandas as pd
import psycopg
import streamlit as st
from psycopg import sql
from psycopg.types.numeric import FloatLoader

from shoplens.errors import ShoplensError
from shoplens.settings import load_settings
from shoplens.warehouse import server_conninfo

DATABASE_URL_ENV = "SHOPLENS_DASHBOARD_DATABASE_URL"
CACHE_TTL_SECONDS = 600
STATEMENT_TIMEOUT_MS = 30_000


class DashboardDataError(ShoplensError):
    """The dashboard cannot read the marts: the message says what to run or fix."""


# --- connection -------------------------------------------------------------------------------------


def connection_params() -> dict[str, Any]:
    """The read-only login: SHOPLENS_DASHBOARD_DATABASE_URL, else the configured server as the dashboard role.

    Never `ensure_warehouse` here: creating databases and roles is the owner's job, not the dashboard's.
    """
    url = os.environ.get(DATABASE_URL_ENV)
    if url:
        return {"conninfo": url}
    settings = load_settings()
    owner = server_conninfo(settings)
    login = replace(owner, user=settings.dashboard_role, password=settings.dashboard_password)
    return dict(login.kwargs())


def _is_usable(conn: psycopg.Connection) -> bool:
    return not conn.closed and not conn.broken


@st.cache_resource(validate=_is_usable, show_spinner=False)
def _connection() -> psycopg.Connection:
    try:
        conn = psycopg.connect(
            **connection_params(),
            autocommit=True,
            connect_timeout=10,
            application_name="shoplens-dashboard",
            # Read-only by session default too, and no query may hang a page.
            options=f"-c default_transaction_read_only=on -c statement_timeout={STATEMENT_TIMEOUT_MS}",
        )
    except psycopg.ProgrammingError as exc:  # a malformed URL: retrying or starting a server won't help
        raise DashboardDataError(
            f"{DATABASE_URL_ENV} is not a valid PostgreSQL URL ({exc}). "
            "Fix it, e.g. postgresql://shoplens_dashboard@localhost:5432/shoplens."
        ) from exc
    except psycopg.Error as exc:
        raise DashboardDataError(
            f"Cannot connect to the warehouse as the dashboard role: {exc}. "
            f"Start it with `uv run shoplens db start` (or check {DATABASE_URL_ENV})."
        ) from exc
    # numeric -> float: pandas works with floats; money is rounded for display, never summed again here.
    conn.adapters.register_loader("numeric", FloatLoader)
    return conn


def _read(query: sql.Composable, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run one select; a broken connection is replaced once before giving up with a clear message."""
    for attempt in (1, 2):
        conn = _connection()
        try:
            with conn.cursor() as cur:
                cur.execute(query, params)
                columns = [column.name for column in cur.description or []]
                return pd.DataFrame(cur.fetchall(), columns=columns)
        except psycopg.errors.UndefinedTable as exc:
            raise DashboardDataError(
                f"The marts are not built yet ({exc.diag.message_primary}). Run `uv run shoplens build`."
            ) from exc
        except psycopg.errors.InsufficientPrivilege as exc:
            raise DashboardDataError(
                f"The dashboard role may not read this ({exc.diag.message_primary}). "
                "Run `uv run shoplens build` so the warehouse grants it read access to marts."
            ) from exc
        except psycopg.errors.QueryCanceled as exc:
            # A subclass of OperationalError: caught first, so a statement timeout is not retried as a
            # lost connection (the same query would only time out again).
            raise DashboardDataError(
                f"The query took longer than {STATEMENT_TIMEOUT_MS // 1000} s; narrow the filters "
                "(a shorter date range or fewer states) and try again."
            ) from exc
        except psycopg.OperationalError as exc:
            _connection.clear()
            if attempt == 2:
                raise DashboardDataError(
                    f"Lost the connection to the warehouse: {exc}. Reload the page."
                ) from exc
    raise AssertionError("unreachable")


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
    return _read(
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
    return _read(query, _scope_params(start, end, states))


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
    frame = _read(query, _scope_params(start, end, states))
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
    return _read(query, {**_scope_params(start, end, states), "limit": limit})


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
    return _read(query, _scope_params(start, end, states))


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
    frame = _read(query, {"start": start, "end": end})
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
    return _read(query, _scope_params(start, end, states))


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
    return _read(query, _scope_params(start, end, states))


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
    return _read(query, _scope_params(start, end, states))
