"""The data module against the built warehouse: marts only, the marts' definitions, reconnects."""

from __future__ import annotations

import ast
import re
from datetime import date

import pandas as pd
import pytest
import streamlit as st
import yaml
from psycopg import sql

from dashboard import data
from dashboard.queries import connection
from shoplens.settings import PROJECT_ROOT
from shoplens.warehouse import Warehouse
from tests.dashboard.dashboard_support import owner_rows
from tests.dbt import olist_sample_frames as sample_frames

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


def _ctes(texts: list[str]) -> set[str]:
    """The names the queries define in `with` (a query may be composed of several literals)."""
    return {name for text in texts for name in re.findall(r"\b([a-z_]+) as \(\s*select", text)}


def _relations(text: str, ctes: set[str]) -> list[tuple[str, str]]:
    """(schema, table) after every from/join, leaving out the queries' CTEs and extract(... from x)."""
    text = re.sub(r"extract\([^)]*\)", "", text)
    found = re.findall(r"\b(?:from|join)\s+([a-z_]+)(\.[a-z_]+)?", text)
    return [(schema, table) for schema, table in found if not (schema in ctes and not table)]


def test_every_query_reads_only_marts() -> None:
    texts = _sql_texts()
    ctes = _ctes(texts)
    relations = [relation for text in texts for relation in _relations(text, ctes)]
    assert len(relations) >= 20, "the queries were not found"
    assert all(schema == "marts" and table for schema, table in relations), relations


def test_dashboard_connects_as_the_read_only_role(dashboard_warehouse: Warehouse) -> None:
    who = connection.read(
        sql.SQL("select current_user as who, current_setting('transaction_read_only') as ro")
    )
    assert who["who"][0] == dashboard_warehouse.dashboard.user
    assert who["ro"][0] == "on"


# --- the orders queries against the Olist sample files (pandas, independent of dbt and of the SQL) ----

EVERY_STATUS = (
    "created",
    "approved",
    "invoiced",
    "processing",
    "shipped",
    "delivered",
    "unavailable",
    "canceled",
)


@pytest.fixture(scope="module")
def sample_orders(samples_dir) -> pd.DataFrame:
    return sample_frames.orders(samples_dir / "olist")


def _placed(sample: pd.DataFrame) -> pd.DataFrame:
    return sample[sample["order_status_group"] == "placed"]


def test_order_kpis_are_the_headline_of_the_sample(dashboard_warehouse: Warehouse, sample_orders) -> None:
    kpis = data.order_kpis(*ALL_TIME).iloc[0]
    placed = _placed(sample_orders)
    with_items = placed[placed["has_items"]]
    delivered = placed[placed["is_delivered"]]
    reviewed = placed["review_score"].dropna()
    assert int(kpis["orders"]) == len(placed) < len(sample_orders)
    assert round(float(kpis["revenue"]), 2) == round(placed["revenue"].sum(), 2)
    assert int(kpis["orders_with_items"]) == len(with_items)
    assert kpis["aov"] == pytest.approx(with_items["revenue"].sum() / len(with_items), abs=1e-9)
    assert int(kpis["customers"]) == placed["customer_unique_id"].nunique()
    assert int(kpis["reviewed_orders"]) == len(reviewed)
    assert kpis["avg_review_score"] == pytest.approx(reviewed.mean(), abs=1e-9)
    assert int(kpis["delivered_orders"]) == len(delivered)
    assert kpis["late_share"] == pytest.approx(delivered["is_late"].mean(), abs=1e-9)


def test_every_status_chosen_gives_back_the_reference_figures(
    dashboard_warehouse: Warehouse, sample_orders
) -> None:
    kpis = data.order_kpis(*ALL_TIME, statuses=EVERY_STATUS).iloc[0]
    assert int(kpis["orders"]) == len(sample_orders) == 2000
    assert float(kpis["revenue"]) == pytest.approx(302792.03, abs=0.005)
    assert int(kpis["customers"]) == sample_orders["customer_unique_id"].nunique()
    lost = data.order_kpis(*ALL_TIME, statuses=("canceled", "unavailable")).iloc[0]
    assert int(lost["orders"]) + int(data.order_kpis(*ALL_TIME).iloc[0]["orders"]) == len(sample_orders)
    options = data.order_dimension_options()
    statuses = options.loc[options["dimension"] == "statuses", "value"].tolist()
    assert set(statuses) == set(sample_orders["order_status"])
    # The placed statuses come first, the canceled and unavailable ones (off the headline) last.
    off_headline = {"canceled", "unavailable"} & set(statuses)
    assert set(statuses[-len(off_headline) :]) == off_headline


def test_monthly_sales_match_the_sample_in_calendar_order(
    dashboard_warehouse: Warehouse, sample_orders
) -> None:
    mine = data.monthly_sales(*ALL_TIME)
    placed = _placed(sample_orders)
    months = pd.date_range(placed["order_month"].min(), placed["order_month"].max(), freq="MS")
    assert mine["month"].tolist() == months.tolist()
    mine = mine.set_index("month")
    orders = placed.groupby("order_month").size().reindex(months, fill_value=0)
    revenue = placed.groupby("order_month")["revenue"].sum().reindex(months, fill_value=0)
    assert mine["orders"].astype(int).tolist() == orders.tolist()
    assert mine["revenue"].astype(float).round(2).tolist() == revenue.round(2).tolist()
    # The first and last months of the data are partial: marked, not drawn as a drop.
    first, last = sample_orders["order_date"].min(), sample_orders["order_date"].max()
    covered = [first <= m and last >= m + pd.offsets.MonthEnd(0) for m in months]
    assert mine["is_complete_month"].tolist() == covered and not covered[0]


def test_top_categories_count_each_order_once_per_category(
    dashboard_warehouse: Warehouse, samples_dir
) -> None:
    mine = data.top_categories(*ALL_TIME, limit=100).set_index("product_category")
    items = sample_frames.item_lines(samples_dir / "olist")
    statuses = sample_frames.orders(samples_dir / "olist").set_index("order_id")["order_status_group"]
    items = items[items["order_id"].map(statuses) == "placed"]
    expected = items.groupby("product_category")["order_id"].nunique()
    assert (expected < items.groupby("product_category").size()).any(), (
        "the sample must tell orders from items"
    )
    assert mine["orders"].astype(int).to_dict() == expected.to_dict()


def test_payment_order_shares_count_each_order_once(dashboard_warehouse: Warehouse, sample_orders) -> None:
    mine = data.payment_methods(*ALL_TIME).set_index("payment_type")
    placed = _placed(sample_orders)
    expected = placed.groupby("main_payment_type").size()
    assert mine["orders"].astype(int).to_dict() == expected.to_dict()
    assert mine["order_share"].to_dict() == pytest.approx((expected / len(placed)).to_dict(), abs=1e-12)
    assert mine["order_share"].sum() == pytest.approx(1.0)


def test_state_figures_match_the_sample(dashboard_warehouse: Warehouse, sample_orders) -> None:
    mine = data.state_performance(*ALL_TIME).set_index("customer_state").sort_index()
    placed = _placed(sample_orders)
    delivered = placed[placed["is_delivered"]]
    expected = (
        pd.DataFrame(
            {
                "orders": placed.groupby("customer_state").size(),
                "revenue": placed.groupby("customer_state")["revenue"].sum().round(2),
                "delivered_orders": delivered.groupby("customer_state").size(),
                "late_orders": delivered.groupby("customer_state")["is_late"].sum(),
                "late_share": delivered.groupby("customer_state")["is_late"].mean(),
                "avg_delivery_days": delivered.groupby("customer_state")["delivery_days"].mean(),
            }
        )
        .fillna({"delivered_orders": 0, "late_orders": 0})
        .sort_index()
    )
    mine = mine[expected.columns].astype(float)
    mine["revenue"] = mine["revenue"].round(2)
    pd.testing.assert_frame_equal(
        mine, expected.astype(float), check_dtype=False, check_names=False, atol=1e-9
    )


def test_rfm_segment_averages_are_over_people(dashboard_warehouse: Warehouse, sample_orders) -> None:
    mine = data.rfm_segments(*ALL_TIME).set_index("rfm_segment")
    segment_of = dict(
        owner_rows(dashboard_warehouse, "select customer_unique_id, rfm_segment from marts.mart_customer_rfm")
    )
    as_of = sample_orders["order_date"].max() + pd.Timedelta(days=1)
    people = sample_orders.groupby("customer_unique_id").agg(
        last_order=("order_date", "max"), frequency=("order_id", "size"), monetary=("revenue", "sum")
    )
    people["recency_days"] = (as_of - people["last_order"]).dt.days
    people = people.loc[_placed(sample_orders)["customer_unique_id"].unique()]  # people in the headline
    people["rfm_segment"] = people.index.map(segment_of)
    expected = people.groupby("rfm_segment").agg(
        customers=("frequency", "size"),
        avg_recency_days=("recency_days", "mean"),
        avg_frequency=("frequency", "mean"),
        avg_monetary=("monetary", "mean"),
    )
    expected["share_of_customers"] = expected["customers"] / len(people)
    mine = mine.loc[expected.index, expected.columns].astype(float)
    pd.testing.assert_frame_equal(mine, expected.astype(float), check_dtype=False, atol=1e-6)


def test_zip_prefix_points_hold_the_located_orders(
    dashboard_warehouse: Warehouse, samples_dir, sample_orders
) -> None:
    mine = data.zip_prefix_points(*ALL_TIME)
    placed = _placed(sample_orders)
    located = placed[
        placed["customer_zip_code_prefix"].isin(sample_frames.located_zip_prefixes(samples_dir / "olist"))
    ]
    assert int(mine["orders"].sum()) == len(located) < len(placed)
    assert round(float(mine["revenue"].sum()), 2) == round(located["revenue"].sum(), 2)


def test_segment_and_category_filters_narrow_to_the_sample(
    dashboard_warehouse: Warehouse, samples_dir, sample_orders
) -> None:
    segment_of = dict(
        owner_rows(dashboard_warehouse, "select customer_unique_id, rfm_segment from marts.mart_customer_rfm")
    )
    placed = _placed(sample_orders).assign(rfm_segment=lambda f: f["customer_unique_id"].map(segment_of))
    segment = placed["rfm_segment"].value_counts().index[1]  # not the largest: a real narrowing
    chosen = placed[placed["rfm_segment"] == segment]
    kpis = data.order_kpis(*ALL_TIME, segments=(segment,)).iloc[0]
    assert (int(kpis["orders"]), int(kpis["customers"])) == (
        len(chosen),
        chosen["customer_unique_id"].nunique(),
    )
    assert round(float(kpis["revenue"]), 2) == round(chosen["revenue"].sum(), 2)
    states = data.state_performance(*ALL_TIME, segments=(segment,))
    assert int(states["orders"].sum()) == len(chosen[chosen["customer_state"] != "unknown"])
    assert (
        int(states["customers"].sum())
        == chosen.groupby("customer_state")["customer_unique_id"].nunique().sum()
    )
    points = data.zip_prefix_points(*ALL_TIME, segments=(segment,))
    located = chosen["customer_zip_code_prefix"].isin(
        sample_frames.located_zip_prefixes(samples_dir / "olist")
    )
    assert int(points["orders"].sum()) == int(located.sum())
    people = data.rfm_segments(*ALL_TIME, segments=(segment,))
    assert people["rfm_segment"].tolist() == [segment] and people["share_of_customers"].tolist() == [1.0]
    # Categories: only the chosen ones, each counting its distinct placed orders.
    items = sample_frames.item_lines(samples_dir / "olist")
    items = items[items["order_id"].isin(placed["order_id"])]
    two = items["product_category"].value_counts().index[:2].tolist()
    mine = data.top_categories(*ALL_TIME, categories=tuple(two)).set_index("product_category")
    expected = items[items["product_category"].isin(two)].groupby("product_category")["order_id"].nunique()
    assert mine["orders"].astype(int).to_dict() == expected.to_dict()


def test_cohort_cells_mark_the_periods_the_data_does_not_cover(
    dashboard_warehouse: Warehouse, sample_orders
) -> None:
    cohorts = data.cohort_retention(*ALL_TIME[:2])
    index = (
        cohorts["cohort_month"].dt.year * 12
        + cohorts["cohort_month"].dt.month
        - 1
        + cohorts["months_since_first"]
    )
    activity = pd.to_datetime({"year": index // 12, "month": index % 12 + 1, "day": 1})
    first, last = sample_orders["order_date"].min(), sample_orders["order_date"].max()
    covered = (activity >= first) & (activity + pd.offsets.MonthEnd(0) <= last)
    assert cohorts["is_complete_period"].tolist() == covered.tolist()
    # The last month of the sample is partial: its cells are marked, not shown as a drop to 0%.
    assert not cohorts.loc[activity == activity.max(), "is_complete_period"].any()


# --- the ratio definitions and the no-formula rule ------------------------------------------------------


def _metric_definitions() -> dict[tuple[str, str], dict]:
    """(mart, column) -> meta.metric, from the marts' yml."""
    found = {}
    for path in (PROJECT_ROOT / "dbt_project" / "models" / "marts").rglob("*.yml"):
        for model in yaml.safe_load(path.read_text()).get("models", []):
            for column in model.get("columns", []):
                metric = column.get("config", {}).get("meta", {}).get("metric")
                if metric:
                    found[(model["name"], column["name"])] = metric
    return found


def test_the_orders_queries_hold_no_metric_formula() -> None:
    tree = ast.parse((PROJECT_ROOT / "dashboard" / "queries" / "orders.py").read_text())
    texts = [
        "".join(part.value for part in ast.walk(node.args[0]) if isinstance(part, ast.Constant))
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "SQL"
        and node.args
    ]
    assert len(texts) >= 9
    for text in texts:
        lowered = text.lower()
        assert "avg(" not in lowered and "/" not in lowered and "count(" not in lowered, text


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
