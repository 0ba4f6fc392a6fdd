"""The orders pages' status, segment and category filters, through the real app (AppTest).

Expected figures come from the marts through the owner login (fct_orders, mart_customer_rfm), never
from the dashboard's own queries: a status filter puts exactly the chosen orders in the headline, a
segment filter keeps that segment's people, and a category filter can only apply where there are items.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard import formatting as fmt
from tests.dashboard.dashboard_support import (
    APP_PATH,
    assert_clean,
    chart_titled,
    chips,
    metrics,
    owner_rows,
    warnings,
)

OVERVIEW = "views/overview.py"
MONTHLY, CATEGORIES, PAYMENTS = (
    "Revenue and orders per month",
    "Top categories by revenue",
    "Orders by main payment type",
)


def _overview(app: AppTest) -> AppTest:
    at = app.run()
    at.switch_page(OVERVIEW).run()
    assert_clean(at)
    return at


def _chart_or_none(at: AppTest, title: str):
    try:
        return chart_titled(at, title)["data"]
    except AssertionError:
        return None


def test_a_status_filter_puts_exactly_those_orders_in_the_headline(dashboard_warehouse, app: AppTest) -> None:
    at = _overview(app)
    ((placed,),) = owner_rows(
        dashboard_warehouse, "select count(*) from marts.fct_orders where order_status_group = 'placed'"
    )
    assert metrics(at)["Orders"] == fmt.count(placed)
    ((lost, lost_revenue),) = owner_rows(
        dashboard_warehouse,
        "select count(*), sum(revenue) from marts.fct_orders"
        " where order_status in ('canceled', 'unavailable')",
    )
    assert lost, "the sample has canceled or unavailable orders"
    at.multiselect(key="filter_order_status").set_value(["canceled", "unavailable"]).run()
    assert_clean(at)
    assert metrics(at)["Orders"] == fmt.count(lost)
    assert metrics(at)["Revenue"] == fmt.brl(lost_revenue)
    assert "order status: canceled, unavailable" in chips(at)
    assert at.query_params["order_status"] == ["canceled", "unavailable"]


def test_a_segment_filter_keeps_that_segments_people(dashboard_warehouse, app: AppTest) -> None:
    ((segment, people),) = owner_rows(
        dashboard_warehouse,
        "select rfm.rfm_segment, count(distinct rfm.customer_unique_id)"
        " from marts.mart_customer_rfm as rfm join marts.fct_orders as orders using (customer_unique_id)"
        " where orders.order_status_group = 'placed'"
        " group by rfm.rfm_segment order by 2 desc, 1 limit 1",
    )
    at = _overview(app)
    at.multiselect(key="filter_customer_segment").set_value([segment]).run()
    assert_clean(at)
    assert metrics(at)["Customers"] == fmt.count(people)
    assert f"customer segment: {segment}" in chips(at)


def test_a_category_filter_aimed_at_its_chart_changes_only_that_chart(
    dashboard_warehouse, app: AppTest
) -> None:
    at = _overview(app)
    before = {
        "kpis": metrics(at),
        "monthly": _chart_or_none(at, MONTHLY),
        "payments": _chart_or_none(at, PAYMENTS),
    }
    category = chart_titled(at, CATEGORIES)["data"][0]["y"][-1]  # the top category (largest bar on top)
    # No KPI card has items: the category filter cannot target them.
    at.multiselect(key="filter_product_category").set_value([category]).run()
    assert "kpis" not in at.selectbox(key="target_product_category").options
    at.selectbox(key="target_product_category").set_value("top_categories").run()
    assert_clean(at)
    after = {
        "kpis": metrics(at),
        "monthly": _chart_or_none(at, MONTHLY),
        "payments": _chart_or_none(at, PAYMENTS),
    }
    assert after == before
    assert list(chart_titled(at, CATEGORIES)["data"][0]["y"]) == [category]
    assert f"product category: {category} (only: Overview: Top categories)" in chips(at)


def test_a_category_filter_on_all_charts_dims_what_has_no_items(dashboard_warehouse, app: AppTest) -> None:
    at = _overview(app)
    category = chart_titled(at, CATEGORIES)["data"][0]["y"][-1]
    at.multiselect(key="filter_product_category").set_value([category]).run()
    assert_clean(at)
    notes = warnings(at)
    assert [note for note in notes if note.startswith("These KPIs cannot be filtered by product category")], (
        notes
    )
    assert len([note for note in notes if note.startswith("This chart cannot be filtered by product")]) == 2
    assert metrics(at) == {}  # no card drawn unfiltered
    assert _chart_or_none(at, MONTHLY) is None and _chart_or_none(at, PAYMENTS) is None
    assert list(chart_titled(at, CATEGORIES)["data"][0]["y"]) == [category]


def test_a_shared_orders_link_opens_the_same_view(dashboard_warehouse, app: AppTest) -> None:
    at = _overview(app)
    at.multiselect(key="filter_order_status").set_value(["delivered"]).run()
    at.selectbox(key="target_order_status").set_value("kpis").run()
    shown = metrics(at)
    link = dict(at.query_params)
    assert link["order_status"] == "delivered" and link["order_status_target"] == "kpis"

    opened = AppTest.from_file(APP_PATH, default_timeout=120)
    opened.query_params = {**link, "customer_segment": "no such segment"}
    opened.run()  # the overview is the default page: the link is read on this first run
    assert_clean(opened)
    assert [note for note in warnings(opened) if note.startswith("Ignored customer segment")]
    assert opened.multiselect(key="filter_order_status").value == ["delivered"]
    assert opened.selectbox(key="target_order_status").value == "kpis"
    assert metrics(opened) == shown
