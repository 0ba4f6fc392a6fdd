"""Attribution on the real Olist sample, on the external PostgreSQL server: two of its orders are bought
in web sessions (canonical events), and mart_traffic_source_revenue credits them to their sessions'
traffic with their real order revenue, while every other order is 'no web session', so the mart adds
up to fct_orders and to the sample's reference figures.

The expected revenue of each order is computed here from the sample's item file (csv + Decimal,
price + freight), independently of the loader and of dbt.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from funnel_build import build_funnel, drop_database, failing_nodes
from warehouse_marts import BuildOutcome, query

from ingestion.loader import LOADED, load_paths
from ingestion.raw_tables import EVENT_TABLES
from shoplens.warehouse import Warehouse, ensure_warehouse
from tests.conftest import make_settings

# The sample README's figures (olist/): 2,000 orders, price + freight 302,792.03.
README_ORDERS = 2000
README_ITEMS_TOTAL = Decimal("302792.03")


@dataclass(frozen=True)
class WebOrders:
    """Two sample orders with items: one bought in an email session, one in a social session."""

    email_order: str
    social_order: str
    revenue: dict[str, Decimal]  # order_id -> price + freight of its items, from the sample file


@dataclass(frozen=True)
class AttributedWarehouse:
    warehouse: Warehouse
    build: BuildOutcome
    orders: WebOrders


def _web_orders(olist_dir: Path) -> WebOrders:
    revenue: dict[str, Decimal] = defaultdict(Decimal)
    items: dict[str, int] = defaultdict(int)
    with (olist_dir / "olist_order_items_dataset.csv").open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            revenue[row["order_id"]] += Decimal(row["price"]) + Decimal(row["freight_value"])
            items[row["order_id"]] += 1
    # One order with two items (two purchase lines that must count as one order), one with one.
    two_items = min(order for order, n in items.items() if n == 2)
    one_item = min(order for order, n in items.items() if n == 1)
    return WebOrders(email_order=two_items, social_order=one_item, revenue=dict(revenue))


def _write_events(path: Path, orders: WebOrders) -> Path:
    """A canonical events CSV: an email session that buys the two-item order (one purchase event per
    line), a social session that buys the one-item order, and a later session that replays the
    first order's purchase (it must stay with the email session)."""
    header = EVENT_TABLES["events"].column_names
    base = {"country": "BR", "region": "SP", "browser": "Chrome", "os": "Android"}
    email = {**base, "user_id": "web-1", "session_id": "w1", "traffic_source": "email"}
    email |= {"utm_campaign": "spring-sale", "device_type": "mobile"}
    social = {**base, "user_id": "web-2", "session_id": "w2", "traffic_source": "social"}
    social |= {"device_type": "desktop"}
    replay = {**social, "session_id": "w3"}
    buy_email = {"event_type": "purchase", "order_id": orders.email_order, "price": "1.00", "quantity": "1"}
    buy_social = {"event_type": "purchase", "order_id": orders.social_order}
    rows = [
        {**email, "event_time": "2018-03-05T10:00:00Z", "event_type": "product_view", "product_id": "x1"},
        {**email, "event_time": "2018-03-05T10:01:00Z", "event_type": "add_to_cart", "product_id": "x1"},
        {**email, "event_time": "2018-03-05T10:02:00Z", "event_type": "page_view", "page_type": "cart"},
        {**email, "event_time": "2018-03-05T10:03:00Z", "event_type": "begin_checkout"},
        {**email, "event_time": "2018-03-05T10:04:00Z", **buy_email, "product_id": "x1"},
        {**email, "event_time": "2018-03-05T10:04:00Z", **buy_email, "product_id": "x2"},
        {**social, "event_time": "2018-03-06T09:00:00Z", **buy_social},
        {**replay, "event_time": "2018-03-09T09:00:00Z", **buy_email, "product_id": "x1"},
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in header})
    return path


@pytest.fixture(scope="module")
def attributed(
    shoplens_home: Path, samples_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AttributedWarehouse]:
    """The Olist sample and the events on the external server, then the funnel marts built."""
    orders = _web_orders(samples_dir / "olist")
    events = _write_events(tmp_path_factory.mktemp("events") / "web_orders.csv", orders)
    warehouse = ensure_warehouse(make_settings("external", shoplens_home))
    try:
        results = load_paths(warehouse.owner, [samples_dir / "olist", events])
        assert [r.status for r in results] == [LOADED] * 10, [(r.file_name, r.message) for r in results]
        build = build_funnel(warehouse, tmp_path_factory.mktemp("dbt_attribution"))
        yield AttributedWarehouse(warehouse, build, orders)
    finally:
        drop_database(warehouse)


def test_attribution_builds_and_passes_its_tests(attributed: AttributedWarehouse) -> None:
    assert not failing_nodes(attributed.build)
    # A data test's unique id is test.<project>.<name>.<hash>.
    tests = {node.split(".")[2] for node in attributed.build.of_kind("test.")}
    assert {
        "sum_equals_mart_traffic_source_revenue_revenue__revenue__ref_fct_orders_",
        "sum_equals_row_count_mart_traffic_source_revenue_orders__ref_fct_orders_",
    } <= tests


def test_revenue_and_orders_add_up_to_fct_orders_and_the_sample(attributed: AttributedWarehouse) -> None:
    mart_totals = "select sum(orders), sum(revenue) from marts.mart_traffic_source_revenue"
    mart = query(attributed.warehouse, mart_totals)
    orders = query(attributed.warehouse, "select count(*), sum(revenue) from marts.fct_orders")
    assert mart == orders == [(README_ORDERS, README_ITEMS_TOTAL)]


def test_web_orders_take_their_sessions_traffic_and_order_revenue(attributed: AttributedWarehouse) -> None:
    rows = query(
        attributed.warehouse,
        "select traffic_source, utm_campaign, device_type, sum(orders), sum(sessions), sum(revenue)"
        " from marts.mart_traffic_source_revenue group by 1, 2, 3",
    )
    web = attributed.orders
    email_revenue, social_revenue = web.revenue[web.email_order], web.revenue[web.social_order]
    offline_revenue = README_ITEMS_TOTAL - email_revenue - social_revenue
    assert {row[0]: tuple(row[1:]) for row in rows} == {
        # The two-item order is one order with its item revenue, not two purchase events at 1.00.
        "email": ("spring-sale", "mobile", 1, 1, email_revenue),
        "social": ("(none)", "desktop", 1, 1, social_revenue),
        "no web session": ("(none)", "(none)", README_ORDERS - 2, 0, offline_revenue),
    }
