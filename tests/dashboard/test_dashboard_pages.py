"""The orders pages through Streamlit's AppTest, on the warehouse built from the Olist sample (plus the
clickstream, which the orders pages do not read); the visitors pages are in test_dashboard_visitor_pages.

Expected figures come from the raw tables through the owner login (or the sample README), never from
the dashboard's own queries.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
import streamlit as st
from psycopg import sql
from streamlit.testing.v1 import AppTest

from dashboard import formatting as fmt
from dashboard.components import EMPTY_MESSAGE
from dashboard.data import DATABASE_URL_ENV
from dashboard.queries import connection
from shoplens.warehouse import Warehouse
from tests.dashboard.dashboard_support import (
    APP_PATH,
    ORDER_PAGES,
    PAGES,
    assert_clean,
    captions,
    chart_specs,
    chips,
    metrics,
    owner_rows,
)

# The sample README's reference figures for olist/ (computed there from the raw files with pandas).
README_ORDERS = 2000
README_REVENUE = Decimal("302792.03")
README_CUSTOMERS = 1991

# The headline counts placed orders: canceled and unavailable orders are left out (marts docs:
# order_status_group), written here straight on the raw orders table `o`.
PLACED = sql.SQL("lower(trim(o.order_status)) not in ('canceled', 'unavailable')")


def headline(statement: str) -> sql.Composed:
    """A raw-table statement whose {placed} keeps the headline orders."""
    return sql.SQL(statement).format(placed=PLACED)


def test_overview_kpis_equal_the_sample_reference_figures(
    app: AppTest, dashboard_warehouse: Warehouse
) -> None:
    at = app.run()
    assert_clean(at)
    shown = metrics(at)
    ((all_orders, all_revenue, all_customers),) = owner_rows(
        dashboard_warehouse,
        "select count(distinct o.order_id), (select sum(price + freight_value) from raw.olist_order_items),"
        " count(distinct c.customer_unique_id)"
        " from raw.olist_orders as o join raw.olist_customers as c using (customer_id)",
    )
    assert (all_orders, all_revenue, all_customers) == (README_ORDERS, README_REVENUE, README_CUSTOMERS)
    ((orders, customers),) = owner_rows(
        dashboard_warehouse,
        headline(
            "select count(distinct o.order_id), count(distinct c.customer_unique_id)"
            " from raw.olist_orders as o join raw.olist_customers as c using (customer_id) where {placed}"
        ),
    )
    ((revenue, orders_with_items),) = owner_rows(
        dashboard_warehouse,
        headline(
            "select sum(i.price + i.freight_value), count(distinct i.order_id)"
            " from raw.olist_order_items as i join raw.olist_orders as o using (order_id) where {placed}"
        ),
    )
    # The headline leaves canceled and unavailable orders out, so it is below the reference figures.
    assert orders < all_orders and revenue < all_revenue
    assert shown["Orders"] == fmt.count(orders)
    assert shown["Revenue"] == fmt.brl(revenue)
    assert shown["Customers"] == fmt.count(customers)
    assert shown["Average order value"] == fmt.brl(revenue / orders_with_items)
    assert f"over {fmt.count(orders_with_items)} orders with items" in captions(at)


def test_overview_late_share_and_review_score_show_the_counts_behind_them(
    app: AppTest, dashboard_warehouse: Warehouse
) -> None:
    at = app.run()
    assert_clean(at)
    ((late, delivered),) = owner_rows(
        dashboard_warehouse,
        headline(
            "select count(*) filter"
            " (where order_delivered_customer_date::date > order_estimated_delivery_date::date),"
            " count(*) filter (where order_delivered_customer_date is not null"
            " and order_estimated_delivery_date is not null) from raw.olist_orders as o where {placed}"
        ),
    )
    # fct_orders keeps each order's latest review; the same rule, written here straight on raw.
    ((score, reviewed),) = owner_rows(
        dashboard_warehouse,
        headline(
            "select avg(review_score), count(*) from (select distinct on (order_id) order_id, review_score"
            " from raw.olist_order_reviews order by order_id, review_creation_date desc nulls last,"
            " review_answer_timestamp desc nulls last, review_id desc) as latest"
            " join raw.olist_orders as o using (order_id) where {placed}"
        ),
    )
    shown = metrics(at)
    assert shown["Late share"] == fmt.percent(late / delivered)
    assert f"{fmt.percent(late / delivered)} of {fmt.count(delivered)} delivered orders" in captions(at)
    assert shown["Average review score"] == fmt.number(score, 2)
    assert f"{fmt.number(score, 2)} from {fmt.count(reviewed)} reviewed orders" in captions(at)


def test_overview_monthly_chart_counts_the_2017_orders_of_the_raw_files(
    app: AppTest, dashboard_warehouse: Warehouse
) -> None:
    at = app.run()
    monthly = chart_specs(at)[0]
    orders_line = next(trace for trace in monthly["data"] if trace["type"] == "scatter")
    by_month = dict(zip((x[:7] for x in orders_line["x"]), orders_line["y"], strict=True))
    expected = owner_rows(
        dashboard_warehouse,
        headline(
            "select to_char(order_purchase_timestamp, 'YYYY-MM'), count(*) from raw.olist_orders as o"
            " where extract(year from order_purchase_timestamp) = 2017 and {placed} group by 1 order by 1"
        ),
    )
    assert [by_month[month] for month, _ in expected] == [n for _, n in expected]
    assert list(by_month) == sorted(by_month)  # calendar order


def test_every_overview_chart_has_a_data_table_and_a_csv_download(app: AppTest) -> None:
    at = app.run()
    assert_clean(at)
    charts = at.get("plotly_chart")
    downloads = at.download_button
    assert len(charts) == 3
    # One download per chart, plus the insights panel's (a table that is the finding itself, shown open).
    chart_names = {chart.key.removeprefix("chart_") for chart in charts}
    assert {button.key.removeprefix("download_") for button in downloads} == chart_names | {"insights"}
    assert all(button.label == "Download CSV" for button in downloads)
    assert len(at.expander) == len(charts) and len(at.dataframe) == len(charts) + 1


def test_active_filters_are_shown_at_the_top_of_every_orders_page(app: AppTest) -> None:
    at = app.run()
    at.multiselect(key="filter_customer_state").set_value(["SP", "RJ"]).run()
    for page in ORDER_PAGES:
        at.switch_page(page).run()
        assert_clean(at)
        assert "customer state: SP, RJ" in chips(at), page
        assert at.button(key="chip_customer_state")  # removable


def test_state_filter_narrows_the_kpis_to_that_state(app: AppTest, dashboard_warehouse: Warehouse) -> None:
    ((state, orders, revenue),) = owner_rows(
        dashboard_warehouse,
        headline(
            "select c.customer_state, count(distinct o.order_id),"
            " coalesce(sum(i.price + i.freight_value), 0)"
            " from raw.olist_orders as o join raw.olist_customers as c using (customer_id)"
            " left join raw.olist_order_items as i using (order_id)"
            " where c.customer_state = 'RJ' and {placed} group by 1"
        ),
    )
    at = app.run()
    at.multiselect(key="filter_customer_state").set_value([state]).run()
    assert_clean(at)
    assert metrics(at)["Orders"] == fmt.count(orders)
    assert metrics(at)["Revenue"] == fmt.brl(revenue)


def _day_without_orders(warehouse: Warehouse) -> date:
    ((day,),) = owner_rows(
        warehouse,
        "select day::date from generate_series("
        " (select min(order_purchase_timestamp)::date from raw.olist_orders),"
        " (select max(order_purchase_timestamp)::date from raw.olist_orders), interval '1 day') as day"
        " where not exists (select 1 from raw.olist_orders where order_purchase_timestamp::date = day::date)"
        " order by day desc limit 1",
    )
    return day


@pytest.mark.parametrize("page", ORDER_PAGES)
def test_a_selection_without_orders_gives_a_message_not_a_traceback(
    app: AppTest, dashboard_warehouse: Warehouse, page: str
) -> None:
    day = _day_without_orders(dashboard_warehouse)
    at = app.run()
    at.switch_page(page).run()
    at.date_input(key="filter_purchase_date").set_value((day, day)).run()
    assert_clean(at)
    assert EMPTY_MESSAGE in [info.value for info in at.info]
    assert f"purchase date: {day:%Y-%m-%d} – {day:%Y-%m-%d}" in chips(at)


def test_customers_page_shows_cohorts_with_counts_and_percentages(
    app: AppTest, dashboard_warehouse: Warehouse
) -> None:
    at = app.run()
    at.switch_page("views/customers.py").run()
    assert_clean(at)
    specs = chart_specs(at)
    assert len(specs) == 3 and len(at.download_button) == 3
    heatmap = specs[0]["data"][0]
    assert heatmap["type"] == "heatmap"
    cells = [cell for row in heatmap["text"] for cell in row if cell]
    assert cells and all(re.fullmatch(r"\d+(\.\d)?%<br>n=[\d,]+(<br>partial)?", cell) for cell in cells), (
        cells[:5]
    )
    # The last cohort month is at the edge of the data: its cells say partial (not a drop).
    assert [cell for cell in heatmap["text"][-1] if cell.endswith("<br>partial")]
    # Cohort sizes are on the row labels; together they are every person who ever ordered.
    sizes = [
        int(re.search(r"· ([\d,]+) customers", label).group(1).replace(",", "")) for label in heatmap["y"]
    ]
    ((people,),) = owner_rows(
        dashboard_warehouse,
        "select count(distinct c.customer_unique_id)"
        " from raw.olist_orders as o join raw.olist_customers as c using (customer_id)",
    )
    assert sum(sizes) == people


def test_customers_page_rfm_segments_cover_every_person(app: AppTest, dashboard_warehouse: Warehouse) -> None:
    at = app.run()
    at.switch_page("views/customers.py").run()
    assert_clean(at)
    bars = chart_specs(at)[1]["data"][0]
    # Every person with a placed order (the headline; a person whose orders were all canceled is not).
    ((people,),) = owner_rows(
        dashboard_warehouse,
        headline(
            "select count(distinct c.customer_unique_id)"
            " from raw.olist_orders as o join raw.olist_customers as c using (customer_id) where {placed}"
        ),
    )
    assert people < README_CUSTOMERS
    assert sum(bars["x"]) == people
    assert not [caption for caption in captions(at) if caption.startswith("Not filtered by")]


def test_customers_page_dims_the_chart_that_cannot_apply_a_filter(app: AppTest) -> None:
    at = app.run()
    at.switch_page("views/customers.py").run()
    at.multiselect(key="filter_customer_state").set_value(["SP"]).run()
    assert_clean(at)
    banners = [w.value for w in at.warning if w.value.startswith("This chart cannot be filtered by")]
    assert len(banners) == 1 and "customer state" in banners[0]  # retention follows people across states
    # Aimed at the RFM chart only, the state filter no longer blocks the cohorts.
    at.selectbox(key="target_customer_state").set_value("rfm_segments").run()
    assert not [w for w in at.warning if w.value.startswith("This chart cannot be filtered by")]


def test_geography_page_maps_every_state_revenue_offline(
    app: AppTest, dashboard_warehouse: Warehouse
) -> None:
    at = app.run()
    at.switch_page("views/geography.py").run()
    assert_clean(at)
    specs = chart_specs(at)
    assert len(specs) == 4 and len(at.download_button) == 4
    assert all("geo" not in spec["layout"] and "mapbox" not in spec["layout"] for spec in specs)
    tiles = specs[0]["data"][1]
    mapped = {}
    for row, text_row in zip(tiles["z"], tiles["text"], strict=True):
        for value, text in zip(row, text_row, strict=True):
            if value is not None:
                mapped[re.search(r"<b>(\w\w)</b>", text).group(1)] = Decimal(str(value))
    expected = owner_rows(
        dashboard_warehouse,
        headline(
            "select c.customer_state, sum(i.price + i.freight_value)"
            " from raw.olist_orders as o join raw.olist_customers as c using (customer_id)"
            " join raw.olist_order_items as i using (order_id) where {placed} group by 1"
        ),
    )
    assert {state: round(value, 2) for state, value in mapped.items() if value} == {
        state: revenue for state, revenue in expected
    }


def test_unreachable_warehouse_gives_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:

    # Port 1 on localhost: nothing listens there, so the connection is refused at once.
    monkeypatch.setenv(DATABASE_URL_ENV, "postgresql://shoplens_dashboard@127.0.0.1:1/shoplens")
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP_PATH, default_timeout=60).run()
    assert not at.exception
    assert "Cannot connect to the warehouse" in at.error[0].value
    st.cache_resource.clear()


@pytest.mark.parametrize(
    ("env", "url", "message"),
    [
        (DATABASE_URL_ENV, "not a url at all", f"{DATABASE_URL_ENV} is not a valid PostgreSQL URL"),
        ("SHOPLENS_DATABASE_URL", "postgresql://x@h/db?bogus=1", "SHOPLENS_DATABASE_URL is not a valid"),
    ],
)
def test_a_malformed_database_url_gives_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, env: str, url: str, message: str
) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    monkeypatch.setenv(env, url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP_PATH, default_timeout=60).run()
    assert not at.exception, [e.message for e in at.exception]
    assert [error.value for error in at.error if message in error.value], [e.value for e in at.error]
    st.cache_resource.clear()


@pytest.mark.parametrize("page", PAGES)
def test_a_page_costs_a_handful_of_queries_and_a_rerun_none(
    app: AppTest, page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    queries: list[str] = []
    real_read = connection.read

    def counting_read(query, params=None):  # the real query still runs: this only counts them
        queries.append(str(query))
        return real_read(query, params)

    monkeypatch.setattr(connection, "read", counting_read)
    at = app.run()  # the default page (overview) and its filters
    if page != ORDER_PAGES[0]:
        queries.clear()  # count only the page's own queries (and its section's filters)
        at.switch_page(page).run()
    first = len(queries)
    at.run()
    assert_clean(at)
    assert 1 <= first <= 8
    assert len(queries) == first  # the rerun is served from the cache
