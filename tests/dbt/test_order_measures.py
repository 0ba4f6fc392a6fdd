"""Every orders measure a page shows, checked against the Olist sample files or tied to another mart.

The expected values come from `olist_sample_frames` (pandas over the raw CSV files, independent of
the loader and of dbt), so a mart that counts rows instead of orders, or averages rates, or drops a
status, fails here. Each test first asserts that the sample can tell the right rule from the likely
wrong one (e.g. that some order has two items of one category), so no test passes by accident.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from olist_sample_frames import item_lines, located_zip_prefixes, orders, payment_rows, review_records
from psycopg import sql
from warehouse_marts import query

from shoplens.warehouse import Warehouse


@pytest.fixture(scope="module")
def marts(built_sample_warehouse: Warehouse) -> Warehouse:
    return built_sample_warehouse


@pytest.fixture(scope="module")
def folder(samples_dir: Path) -> Path:
    return samples_dir / "olist"


def frame_of(warehouse: Warehouse, statement: str | sql.Composable, index: list[str]) -> pd.DataFrame:
    """A select as a frame indexed by `index`, measures as floats, dates as timestamps, sorted."""
    with warehouse.connect() as conn:
        cur = conn.execute(sql.SQL(statement) if isinstance(statement, str) else statement)  # type: ignore[arg-type]
        frame = pd.DataFrame(cur.fetchall(), columns=[d.name for d in cur.description])
    for column in frame.columns:
        if column not in index:
            frame[column] = frame[column].astype(float)
        elif frame[column].map(lambda value: hasattr(value, "isoformat")).all():
            frame[column] = pd.to_datetime(frame[column])
    return frame.set_index(index).sort_index()


# Ratios the marts store rounded (to this many decimals): pandas rounds half to even, PostgreSQL half
# away from zero, so they may differ by one unit in the last place. Every other measure is exact.
ROUNDED = {
    "aov": 2,
    "avg_delivery_days": 2,
    "avg_review_score": 4,
    "late_share": 6,
    "retention_rate": 6,
    "share_of_orders_using_type": 6,
    "avg_installments": 4,
}


def assert_same(mart: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Same rows, same columns, same values: sums exact (to the cent), stored ratios to their rounding."""
    expected = expected.sort_index()[list(mart.columns)].astype(float)
    assert list(mart.index) == list(expected.index)
    for column in mart.columns:
        tolerance = 1.01 * 10 ** -ROUNDED[column] if column in ROUNDED else 1e-6
        pd.testing.assert_series_equal(
            mart[column],
            expected[column],
            check_dtype=False,
            check_index_type=False,
            check_exact=False,
            rtol=0,
            atol=tolerance,
        )


def names(columns: object) -> sql.Composable:
    """Column names as identifiers, comma separated."""
    return sql.SQL(", ").join(sql.Identifier(column) for column in columns)  # type: ignore[attr-defined]


def sums(columns: object) -> sql.Composable:
    """sum(column) as column, for each column."""
    return sql.SQL(", ").join(
        sql.SQL("sum({0}) as {0}").format(sql.Identifier(column))
        for column in columns  # type: ignore[attr-defined]
    )


def close(left: pd.Series, right: pd.Series, decimals: int) -> bool:
    """Equal to the rounding of a stored ratio (one unit in its last place)."""
    return bool(((left - right).abs() <= 1.01 * 10**-decimals).all())


# --- mart_orders_daily: the cube behind the KPIs, the monthly chart, payments and states ---------------


CELL = ["order_date", "customer_state", "order_status", "main_payment_type"]


def test_orders_daily_cells_match_the_sample(marts: Warehouse, folder: Path) -> None:
    sample = orders(folder)
    expected = sample.groupby(CELL).agg(
        orders=("order_id", "size"),
        orders_with_items=("has_items", "sum"),
        revenue=("revenue", "sum"),
        payment_value=("payment_value", "sum"),
        new_customers=("is_first_order", "sum"),
        reviewed_orders=("review_score", "count"),
        review_score_total=("review_score", "sum"),
        delivered_orders=("is_delivered", "sum"),
        late_orders=("is_late", "sum"),
    )
    expected["delivery_days_total"] = (
        sample[sample["is_delivered"]]
        .groupby(CELL)["delivery_days"]
        .sum()
        .reindex(expected.index, fill_value=0)
    )
    statement = sql.SQL("select {cell}, {sums} from marts.mart_orders_daily group by {cell}").format(
        cell=names(CELL), sums=sums(expected.columns)
    )
    mart = frame_of(marts, statement, CELL)
    assert_same(mart.round(2), expected.round(2))


def test_orders_daily_ratios_are_their_numerators_over_denominators(marts: Warehouse, folder: Path) -> None:
    sample = orders(folder)
    rows = frame_of(
        marts,
        "select order_date, customer_state, order_status, main_payment_type, rfm_segment,"
        " revenue, orders_with_items, aov, late_orders, delivered_orders, late_share,"
        " review_score_total, reviewed_orders, avg_review_score, delivery_days_total, avg_delivery_days"
        " from marts.mart_orders_daily",
        [*CELL, "rfm_segment"],
    )
    with_items = rows[rows["orders_with_items"] > 0]
    assert close(with_items["revenue"] / with_items["orders_with_items"], with_items["aov"], 2)
    delivered = rows[rows["delivered_orders"] > 0]
    assert close(delivered["late_orders"] / delivered["delivered_orders"], delivered["late_share"], 6)
    assert close(
        delivered["delivery_days_total"] / delivered["delivered_orders"], delivered["avg_delivery_days"], 2
    )
    reviewed = rows[rows["reviewed_orders"] > 0]
    assert close(
        reviewed["review_score_total"] / reviewed["reviewed_orders"], reviewed["avg_review_score"], 4
    )
    # The whole sample's AOV, from the raw files: headline (placed orders with items).
    placed = sample[(sample["order_status_group"] == "placed") & sample["has_items"]]
    total = query(
        marts,
        "select sum(revenue), sum(orders_with_items) from marts.mart_orders_daily"
        " where order_status_group = 'placed'",
    )[0]
    assert abs(float(total[0]) / total[1] - placed["revenue"].sum() / len(placed)) < 1e-9


def test_headline_leaves_out_canceled_and_unavailable_orders(marts: Warehouse, folder: Path) -> None:
    sample = orders(folder)
    lost = sample[sample["order_status_group"] == "canceled_or_unavailable"]
    assert len(lost) > 0 and lost["revenue"].sum() > 0, "the sample must have canceled revenue to tell"
    rows = dict(
        query(marts, "select order_status_group, sum(revenue) from marts.mart_orders_daily group by 1")
    )
    assert round(float(rows["placed"]), 2) == round(sample["revenue"].sum() - lost["revenue"].sum(), 2)
    assert round(float(rows["canceled_or_unavailable"]), 2) == round(lost["revenue"].sum(), 2)


def test_orders_daily_segments_hold_each_persons_orders(marts: Warehouse) -> None:
    # Tied to mart_customer_rfm: a segment's orders are its people's frequencies, its revenue their monetary.
    daily = dict(query(marts, "select rfm_segment, sum(orders) from marts.mart_orders_daily group by 1"))
    rfm = dict(query(marts, "select rfm_segment, sum(frequency) from marts.mart_customer_rfm group by 1"))
    assert daily == rfm and len(daily) > 1


def test_completeness_flags_follow_the_first_and_last_purchase_date(marts: Warehouse, folder: Path) -> None:
    sample = orders(folder)
    first, last = sample["order_date"].min(), sample["order_date"].max()
    months = sorted(sample["order_month"].unique())
    expected = {
        pd.Timestamp(m): bool(first <= m and last >= pd.Timestamp(m) + pd.offsets.MonthEnd(0)) for m in months
    }
    assert not expected[months[0]] and not expected[months[-1]], "the sample's edge months are partial"
    for table in ("mart_sales_monthly", "mart_orders_daily"):
        statement = sql.SQL("select distinct order_month, is_complete_month from marts.{}").format(
            sql.Identifier(table)
        )
        with marts.connect() as conn:
            rows = conn.execute(statement).fetchall()
        assert {pd.Timestamp(m): flag for m, flag in rows} == expected, table
    cohort = query(
        marts, "select distinct activity_month, is_complete_period from marts.mart_cohort_retention"
    )
    assert all(flag == expected.get(pd.Timestamp(m), True) for m, flag in cohort)
    assert any(not flag for _, flag in cohort)


# --- monthly sales --------------------------------------------------------------------------------------


def test_sales_monthly_matches_the_sample_and_the_daily_cube(marts: Warehouse, folder: Path) -> None:
    sample = orders(folder)
    placed = sample[sample["order_status_group"] == "placed"]
    expected = pd.DataFrame(
        {
            "orders": placed.groupby("order_month").size(),
            "orders_with_items": placed.groupby("order_month")["has_items"].sum(),
            "revenue": placed.groupby("order_month")["revenue"].sum(),
            "customers": placed.groupby("order_month")["customer_unique_id"].nunique(),
            "orders_all_statuses": sample.groupby("order_month").size(),
            "revenue_all_statuses": sample.groupby("order_month")["revenue"].sum(),
            "customers_all_statuses": sample.groupby("order_month")["customer_unique_id"].nunique(),
            "new_customers": sample.groupby("order_month")["is_first_order"].sum(),
        }
    ).fillna(0)
    expected.index.name = "order_month"
    mart = frame_of(
        marts,
        sql.SQL("select order_month, {} from marts.mart_sales_monthly").format(names(expected.columns)),
        ["order_month"],
    )
    assert_same(mart.round(2), expected.round(2))
    # A month with only canceled orders has a headline of 0 (and stays in the mart for the spine).
    assert (mart["orders"] < mart["orders_all_statuses"]).any()
    # Tied to the daily cube: summing its days gives the month (the dashboard's monthly chart sums it).
    daily = frame_of(
        marts,
        "select order_month, sum(orders) filter (where order_status_group = 'placed') as orders,"
        " sum(orders) as orders_all_statuses, sum(revenue) as revenue_all_statuses"
        " from marts.mart_orders_daily group by 1",
        ["order_month"],
    )
    assert_same(daily.fillna(0), mart[daily.columns].astype(float))


# --- categories ---------------------------------------------------------------------------------------


def test_category_orders_are_distinct_orders(marts: Warehouse, folder: Path) -> None:
    items = item_lines(folder)
    status_group = orders(folder).set_index("order_id")["order_status_group"]
    items = items.assign(order_status_group=items["order_id"].map(status_group))
    placed = items[items["order_status_group"] == "placed"]
    expected = placed.groupby("product_category").agg(
        orders=("order_id", "nunique"), items=("order_id", "size"), revenue=("revenue", "sum")
    )
    every = items.groupby("product_category").agg(
        orders_all_statuses=("order_id", "nunique"), revenue_all_statuses=("revenue", "sum")
    )
    expected = every.join(expected).fillna(0)
    # The sample tells distinct orders from item rows: some order has two items of one category.
    assert (expected["orders"] < expected["items"]).any()
    performance = frame_of(
        marts,
        "select product_category, orders, items, revenue, orders_all_statuses, revenue_all_statuses"
        " from marts.mart_category_performance",
        ["product_category"],
    )
    assert_same(performance.round(2), expected.round(2))
    # mart_sales_daily by status: the placed rows are the headline, all rows every status.
    daily = frame_of(
        marts,
        "select product_category,"
        " sum(orders) filter (where order_status_group = 'placed') as orders,"
        " sum(items) filter (where order_status_group = 'placed') as items,"
        " sum(revenue) filter (where order_status_group = 'placed') as revenue,"
        " sum(orders) as orders_all_statuses, sum(revenue) as revenue_all_statuses"
        " from marts.mart_sales_daily group by 1",
        ["product_category"],
    )
    assert_same(daily.fillna(0).round(2), expected.round(2))
    # Invariant: over categories, orders are at least the distinct orders with items (an order can
    # count in two categories), and at most the item rows.
    assert items["order_id"].nunique() <= daily["orders_all_statuses"].sum() <= len(items)


def test_category_review_score_averages_review_records(marts: Warehouse, folder: Path) -> None:
    reviews = review_records(folder)
    placed = orders(folder).query("order_status_group == 'placed'")["order_id"]
    pairs = item_lines(folder)[["product_category", "order_id"]].drop_duplicates()
    joined = pairs[pairs["order_id"].isin(placed)].merge(reviews, on="order_id")
    expected = joined.groupby("product_category").agg(
        review_count=("review_score", "size"), review_score_total=("review_score", "sum")
    )
    expected["avg_review_score"] = (expected["review_score_total"] / expected["review_count"]).round(4)
    mart = frame_of(
        marts,
        "select product_category, review_count, review_score_total, avg_review_score"
        " from marts.mart_category_performance where review_count > 0",
        ["product_category"],
    )
    assert_same(mart, expected)


# --- payments ------------------------------------------------------------------------------------------


def test_orders_using_a_payment_type_count_orders_not_rows(marts: Warehouse, folder: Path) -> None:
    payments = payment_rows(folder)
    status_group = orders(folder).set_index("order_id")["order_status_group"]
    payments = payments.assign(
        placed=payments["order_id"].map(status_group) == "placed",
        payment_installments=payments["payment_installments"].astype(int),
    )
    placed = payments[payments["placed"]]
    per_type = placed.groupby("payment_type").agg(
        orders=("order_id", "nunique"),
        payment_rows=("order_id", "size"),
        installments_total=("payment_installments", "sum"),
    )
    # The sample tells them apart: some order pays with several rows of one type (vouchers).
    assert (per_type["orders"] < per_type["payment_rows"]).any()
    paid_orders = placed["order_id"].nunique()
    per_type["total_orders"] = paid_orders
    per_type["share_of_orders_using_type"] = (per_type["orders"] / paid_orders).round(6)
    per_type["avg_installments"] = (per_type["installments_total"] / per_type["payment_rows"]).round(4)
    every = payments.groupby("payment_type").agg(
        orders_all_statuses=("order_id", "nunique"), payment_rows_all_statuses=("order_id", "size")
    )
    per_type = every.join(per_type)
    mart = frame_of(
        marts,
        "select payment_type, orders, payment_rows, installments_total, avg_installments, total_orders,"
        " share_of_orders_using_type, orders_all_statuses, payment_rows_all_statuses"
        " from marts.mart_payment_methods",
        ["payment_type"],
    )
    assert_same(mart, per_type)
    # Orders with two types count in both: the shares of orders using a type add up to more than 1.
    assert mart["share_of_orders_using_type"].sum() > 1


def test_main_payment_type_counts_each_order_once(marts: Warehouse, folder: Path) -> None:
    sample = orders(folder)
    expected = sample.groupby("main_payment_type").agg(orders=("order_id", "size"))
    mart = frame_of(
        marts,
        "select main_payment_type, sum(orders) as orders from marts.mart_orders_daily group by 1",
        ["main_payment_type"],
    )
    assert_same(mart, expected)
    # Each order once: the main-type orders add up to all orders (so their shares add up to 1).
    assert mart["orders"].sum() == len(sample)


# --- states --------------------------------------------------------------------------------------------


def test_geo_revenue_matches_the_sample(marts: Warehouse, folder: Path) -> None:
    sample = orders(folder)
    placed = sample[sample["order_status_group"] == "placed"]
    delivered = sample[sample["is_delivered"]]
    by_state = pd.DataFrame(
        {
            "orders": placed.groupby("customer_state").size(),
            "orders_with_items": placed.groupby("customer_state")["has_items"].sum(),
            "customers": placed.groupby("customer_state")["customer_unique_id"].nunique(),
            "revenue": placed.groupby("customer_state")["revenue"].sum(),
            "orders_all_statuses": sample.groupby("customer_state").size(),
            "revenue_all_statuses": sample.groupby("customer_state")["revenue"].sum(),
            "delivered_orders": delivered.groupby("customer_state").size(),
            "late_orders": delivered.groupby("customer_state")["is_late"].sum(),
            "delivery_days_total": delivered.groupby("customer_state")["delivery_days"].sum(),
        }
    ).fillna(0)
    by_state["aov"] = (by_state["revenue"] / by_state["orders_with_items"]).round(2)
    by_state["late_share"] = (by_state["late_orders"] / by_state["delivered_orders"]).round(6)
    by_state["avg_delivery_days"] = (by_state["delivery_days_total"] / by_state["delivered_orders"]).round(2)
    assert by_state["late_orders"].sum() > 0 and (by_state["orders"] < by_state["orders_all_statuses"]).any()
    mart = frame_of(
        marts,
        sql.SQL("select customer_state, {} from marts.mart_geo_revenue").format(names(by_state.columns)),
        ["customer_state"],
    )
    assert_same(mart.round(6), by_state.round(6))
    # Tied to the daily cube: its sums per state are the state's figures.
    cube = frame_of(
        marts,
        "select customer_state, sum(orders) filter (where order_status_group = 'placed') as orders,"
        " sum(delivered_orders) as delivered_orders, sum(late_orders) as late_orders,"
        " sum(delivery_days_total) as delivery_days_total from marts.mart_orders_daily group by 1",
        ["customer_state"],
    )
    assert_same(cube.fillna(0), mart[cube.columns])


def test_zip_prefix_dots_hold_the_located_orders(marts: Warehouse, folder: Path) -> None:
    sample = orders(folder)
    located = sample[sample["customer_zip_code_prefix"].isin(located_zip_prefixes(folder))]
    assert 0 < len(located) < len(sample), "the sample must have orders with and without a located prefix"
    expected = located.groupby("customer_zip_code_prefix").agg(
        orders=("order_id", "size"), revenue=("revenue", "sum")
    )
    expected.index.name = "zip_code_prefix"
    mart = frame_of(
        marts,
        "select zip_code_prefix, sum(orders) as orders, sum(revenue) as revenue"
        " from marts.mart_zip_prefix_orders group by 1",
        ["zip_code_prefix"],
    )
    assert_same(mart.round(2), expected.round(2))


# --- customers: repeat buying, cohorts, RFM ------------------------------------------------------------


def test_repeat_customers_count_placed_purchase_days(marts: Warehouse, folder: Path) -> None:
    sample = orders(folder)
    placed = sample[sample["order_status_group"] == "placed"]
    days = placed.groupby("customer_unique_id")["order_date"].nunique()
    expected = days.reindex(sample["customer_unique_id"].unique(), fill_value=0)
    # The sample tells the rule apart from "more than one order of any status".
    all_orders = sample.groupby("customer_unique_id").size()
    assert (all_orders > 1).sum() != (expected > 1).sum()
    rows = query(
        marts, "select customer_unique_id, purchase_days, is_repeat_customer from marts.dim_customers"
    )
    assert {person: n for person, n, _ in rows} == expected.to_dict()
    assert all(repeat == (n > 1) for _, n, repeat in rows)


def test_cohort_retention_matches_the_sample(marts: Warehouse, folder: Path) -> None:
    sample = orders(folder)
    cohort_of = sample.groupby("customer_unique_id")["order_month"].min().rename("cohort_month")
    activity = sample.join(cohort_of, on="customer_unique_id")
    activity["months_since_first"] = (
        (activity["order_month"].dt.year - activity["cohort_month"].dt.year) * 12
        + activity["order_month"].dt.month
        - activity["cohort_month"].dt.month
    )
    cells = activity.groupby(["cohort_month", "months_since_first"]).agg(
        retained_customers=("customer_unique_id", "nunique"), revenue=("revenue", "sum")
    )
    sizes = cohort_of.value_counts().rename("customers")
    mart = frame_of(
        marts,
        "select cohort_month, months_since_first, customers, retained_customers, retention_rate, revenue"
        " from marts.mart_cohort_retention",
        ["cohort_month", "months_since_first"],
    )
    expected = mart[[]].join(cells).fillna(0).join(sizes, on="cohort_month")
    expected["retention_rate"] = (expected["retained_customers"] / expected["customers"]).round(6)
    assert cells.index.isin(mart.index).all(), "every active cell is in the mart"
    assert (expected.loc[expected.index.get_level_values(1) > 0, "retained_customers"] > 0).any()
    assert_same(mart.round(2), expected.round(2))


def test_rfm_measures_match_the_sample(marts: Warehouse, folder: Path) -> None:
    sample = orders(folder)
    as_of = sample["order_date"].max() + pd.Timedelta(days=1)
    people = sample.groupby("customer_unique_id").agg(
        last_order=("order_date", "max"), frequency=("order_id", "size"), monetary=("revenue", "sum")
    )
    people["recency_days"] = (as_of - people["last_order"]).dt.days
    people["customers"] = 1
    people.index.name = "customer_unique_id"
    mart = frame_of(
        marts,
        "select customer_unique_id, recency_days, frequency, monetary, customers,"
        " avg_recency_days, avg_frequency, avg_monetary from marts.mart_customer_rfm",
        ["customer_unique_id"],
    )
    for average, total in (
        ("avg_recency_days", "recency_days"),
        ("avg_frequency", "frequency"),
        ("avg_monetary", "monetary"),
    ):
        people[average] = people[total] / people["customers"]
    assert_same(mart.round(2), people[mart.columns].round(2))
