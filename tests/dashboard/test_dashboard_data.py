"""The data module against the built warehouse: marts only, the marts' definitions, reconnects."""

from __future__ import annotations

import ast
import re
from datetime import date

import pandas as pd
import pytest
import streamlit as st
from psycopg import sql

from dashboard import data
from dashboard.queries import connection
from shoplens.settings import PROJECT_ROOT
from shoplens.warehouse import Warehouse
from tests.dashboard.dashboard_support import owner_rows

# The data module and the query modules behind it: every file that may hold SQL.
DATA_MODULES = [
    PROJECT_ROOT / "dashboard" / "data.py",
    *sorted((PROJECT_ROOT / "dashboard" / "queries").glob("*.py")),
]

ALL_TIME = (date(2000, 1, 1), date(2100, 1, 1), ())


def _sql_texts() -> list[str]:
    """The text of every sql.SQL(...) literal in the data module and its query modules."""
    texts = []
    for module in DATA_MODULES:
        tree = ast.parse(module.read_text())
        calls = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "SQL"
        ]
        texts += [
            "".join(part.value for part in ast.walk(call.args[0]) if isinstance(part, ast.Constant))
            for call in calls
            if call.args
        ]
    return texts


def _relations(text: str) -> list[tuple[str, str]]:
    """(schema, table) after every from/join, leaving out the query's own CTEs and extract(... from x)."""
    ctes = set(re.findall(r"\b([a-z_]+) as \(\s*select", text))
    text = re.sub(r"extract\([^)]*\)", "", text)
    found = re.findall(r"\b(?:from|join)\s+([a-z_]+)(\.[a-z_]+)?", text)
    return [(schema, table) for schema, table in found if not (schema in ctes and not table)]


def test_every_query_reads_only_marts() -> None:
    relations = [relation for text in _sql_texts() for relation in _relations(text)]
    assert len(relations) >= 20, "the queries were not found"
    assert all(schema == "marts" and table for schema, table in relations), relations


def test_dashboard_connects_as_the_read_only_role(dashboard_warehouse: Warehouse) -> None:
    who = connection.read(
        sql.SQL("select current_user as who, current_setting('transaction_read_only') as ro")
    )
    assert who["who"][0] == dashboard_warehouse.dashboard.user
    assert who["ro"][0] == "on"


def test_state_figures_follow_the_definitions_of_mart_geo_revenue(dashboard_warehouse: Warehouse) -> None:
    mine = data.state_performance(*ALL_TIME).set_index("customer_state").sort_index()
    columns = [
        "revenue",
        "orders",
        "customers",
        "avg_delivery_days",
        "delivered_orders",
        "late_orders",
        "late_share",
    ]
    query = sql.SQL("select customer_state, {} from marts.mart_geo_revenue").format(
        sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    rows = owner_rows(dashboard_warehouse, query)
    mart = pd.DataFrame(rows, columns=["customer_state", *columns]).set_index("customer_state").sort_index()
    exact = ["revenue", "orders", "customers", "delivered_orders", "late_orders"]
    pd.testing.assert_frame_equal(mine[exact], mart[exact].astype(float), check_dtype=False, atol=1e-9)
    # The mart stores averages rounded to the cent; the dashboard rounds only for display.
    rounded = ["avg_delivery_days", "late_share"]
    pd.testing.assert_frame_equal(mine[rounded], mart[rounded].astype(float), check_dtype=False, atol=0.005)


def test_monthly_figures_follow_mart_sales_monthly_with_empty_months_as_zero(
    dashboard_warehouse: Warehouse,
) -> None:
    mine = data.monthly_sales(*ALL_TIME)
    rows = owner_rows(
        dashboard_warehouse, "select order_month, orders, revenue, customers from marts.mart_sales_monthly"
    )
    mart = pd.DataFrame(rows, columns=["month", "orders", "revenue", "customers"])
    mart["month"] = pd.to_datetime(mart["month"])
    mart = mart.set_index("month").sort_index()
    # Every calendar month from the first to the last, in order; months absent from the mart had no orders.
    assert mine["month"].tolist() == pd.date_range(mart.index.min(), mart.index.max(), freq="MS").tolist()
    mine = mine.set_index("month")
    assert mine.loc[~mine.index.isin(mart.index), "orders"].eq(0).all()
    assert mine.loc[mart.index, "orders"].tolist() == mart["orders"].tolist()
    assert mine.loc[mart.index, "customers"].tolist() == mart["customers"].tolist()
    assert mine.loc[mart.index, "revenue"].round(2).tolist() == [float(v) for v in mart["revenue"]]


def test_top_categories_count_each_order_once_per_category(dashboard_warehouse: Warehouse) -> None:
    mine = data.top_categories(*ALL_TIME, limit=100).set_index("product_category")
    rows = owner_rows(
        dashboard_warehouse,
        "select product_category, count(distinct order_id) from marts.fct_order_items group by 1",
    )
    assert {category: int(mine.loc[category, "orders"]) for category, _ in rows} == dict(rows)


def test_a_broken_connection_is_replaced_on_the_next_query(dashboard_warehouse: Warehouse) -> None:
    first = connection.read(sql.SQL("select pg_backend_pid() as pid"))["pid"][0]
    with dashboard_warehouse.owner.connect(autocommit=True) as owner:
        owner.execute("select pg_terminate_backend(%s)", (int(first),))
    second = connection.read(sql.SQL("select pg_backend_pid() as pid"))["pid"][0]
    assert second != first


def test_missing_marts_give_a_message_that_says_what_to_run(
    warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(data.DATABASE_URL_ENV, warehouse.dashboard.url)
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        with pytest.raises(data.DashboardDataError, match="shoplens build"):
            data.filter_options()
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


def test_without_a_dashboard_url_the_configured_server_is_used_as_the_dashboard_role(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(data.DATABASE_URL_ENV, raising=False)
    monkeypatch.setenv("SHOPLENS_DATABASE_URL", "postgresql://owner:owner-secret@db.internal:5433/shop")
    monkeypatch.setenv("SHOPLENS_DASHBOARD_ROLE", "shop_reader")
    monkeypatch.setenv("SHOPLENS_DASHBOARD_PASSWORD", "reader-secret")
    assert data.connection_params() == {
        "host": "db.internal",
        "port": 5433,
        "user": "shop_reader",
        "dbname": "shop",
        "password": "reader-secret",
    }


def test_a_statement_timeout_says_to_narrow_the_filters_and_is_not_retried(
    dashboard_warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A real timeout on the real server: a 50 ms limit on the dashboard's session, and a query that sleeps.
    monkeypatch.setattr(connection, "STATEMENT_TIMEOUT_MS", 50)
    connection._connection.clear()
    first = connection._connection()
    with pytest.raises(data.DashboardDataError, match="took longer than"):
        connection.read(sql.SQL("select pg_sleep(2)"))
    # Not mistaken for a lost connection: the same connection stays cached, nothing was reconnected.
    assert connection._connection() is first
    connection._connection.clear()
