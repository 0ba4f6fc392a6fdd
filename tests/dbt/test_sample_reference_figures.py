"""The Olist sample, loaded and built, reproduces every reference figure of its README through the marts.

Each expected figure is computed here from the sample CSV files (csv + Decimal, independently of the
loader and of dbt) and also checked against the number printed in the samples README, so a change
to either the files or the README shows up as well.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from warehouse_marts import query, scalar

from shoplens.warehouse import Warehouse

# The figures as printed in ../shared/data/samples/README.md ("Reference figures", olist/).
README_ORDERS = 2000
README_STATUS = {
    "delivered": 1261,
    "shipped": 288,
    "unavailable": 140,
    "canceled": 137,
    "invoiced": 94,
    "processing": 78,
    "created": 2,
}
README_PAYMENT_VALUE = Decimal("343705.43")
README_PRICE = Decimal("259911.30")
README_FREIGHT = Decimal("42880.73")
README_ITEMS_TOTAL = Decimal("302792.03")
README_UNIQUE_CUSTOMERS = 1991
README_REPEAT_PEOPLE = 8
README_ORDERS_WITHOUT_ITEMS = 180
README_PAYMENT_ROWS = {"credit_card": 1518, "boleto": 409, "voucher": 186, "debit_card": 28}
README_2017_MONTHLY_ORDERS = [26, 59, 59, 60, 83, 67, 105, 88, 86, 104, 152, 107]
README_REVIEW_RECORDS, README_REVIEWS_WITH_NEWLINE = 2021, 99
README_GEO_ZIP_PREFIXES = 2248


@dataclass(frozen=True)
class SampleFigures:
    """The reference figures, computed from the sample files."""

    orders: int
    status: dict[str, int]
    payment_value: Decimal
    price: Decimal
    freight: Decimal
    unique_customers: int
    repeat_people: int
    orders_without_items: int
    payment_rows: dict[str, int]
    monthly_2017: list[int]
    review_records: int
    reviews_with_newline: int
    geo_zip_prefixes: int


def _rows(folder: Path, file_name: str) -> list[dict[str, str]]:
    with (folder / file_name).open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


@cache
def _figures(folder: Path) -> SampleFigures:
    orders = _rows(folder, "olist_orders_dataset.csv")
    items = _rows(folder, "olist_order_items_dataset.csv")
    payments = _rows(folder, "olist_order_payments_dataset.csv")
    reviews = _rows(folder, "olist_order_reviews_dataset.csv")
    customers = _rows(folder, "olist_customers_dataset.csv")
    geolocation = _rows(folder, "olist_geolocation_dataset.csv")

    person_of = {c["customer_id"]: c["customer_unique_id"] for c in customers}
    orders_per_person = Counter(person_of[o["customer_id"]] for o in orders)
    purchased = [o["order_purchase_timestamp"] for o in orders]
    ordered_2017 = Counter(int(ts[5:7]) for ts in purchased if ts.startswith("2017"))
    with_items = {i["order_id"] for i in items}
    return SampleFigures(
        orders=len(orders),
        status=dict(Counter(o["order_status"] for o in orders)),
        payment_value=sum((Decimal(p["payment_value"]) for p in payments), Decimal(0)),
        price=sum((Decimal(i["price"]) for i in items), Decimal(0)),
        freight=sum((Decimal(i["freight_value"]) for i in items), Decimal(0)),
        unique_customers=len(orders_per_person),
        repeat_people=sum(1 for n in orders_per_person.values() if n > 1),
        orders_without_items=sum(1 for o in orders if o["order_id"] not in with_items),
        payment_rows=dict(Counter(p["payment_type"] for p in payments)),
        monthly_2017=[ordered_2017[month] for month in range(1, 13)],
        review_records=len(reviews),
        reviews_with_newline=sum(
            1 for r in reviews if "\n" in r["review_comment_title"] or "\n" in r["review_comment_message"]
        ),
        geo_zip_prefixes=len({g["geolocation_zip_code_prefix"] for g in geolocation}),
    )


@pytest.fixture(scope="module")
def marts(built_sample_warehouse: Warehouse) -> Warehouse:
    """The shared sample warehouse (loaded from olist/ and built); these tests only read it."""
    return built_sample_warehouse


@pytest.fixture(scope="module")
def figures(samples_dir: Path) -> SampleFigures:
    return _figures(samples_dir / "olist")


def test_order_count_matches_the_sample(marts: Warehouse, figures: SampleFigures) -> None:
    assert figures.orders == README_ORDERS
    assert scalar(marts, "select count(*) from marts.fct_orders") == figures.orders
    # Every status counts in the reference figures: the marts keep them in explicit columns, or in one
    # row per order_status (the headline leaves canceled and unavailable orders out).
    assert scalar(marts, "select sum(orders_all_statuses) from marts.mart_sales_monthly") == figures.orders
    assert scalar(marts, "select sum(orders_all_statuses) from marts.mart_geo_revenue") == figures.orders
    assert scalar(marts, "select sum(orders) from marts.mart_orders_daily") == figures.orders


def test_order_status_counts_match_the_sample(marts: Warehouse, figures: SampleFigures) -> None:
    assert figures.status == README_STATUS
    rows = query(marts, "select order_status, count(*) from marts.fct_orders group by 1")
    assert dict(rows) == figures.status


def test_total_payment_value_matches_to_the_cent(marts: Warehouse, figures: SampleFigures) -> None:
    assert figures.payment_value == README_PAYMENT_VALUE
    for statement in (
        "select sum(payment_value) from marts.fct_orders",
        "select sum(payment_value_all_statuses) from marts.mart_sales_monthly",
        "select sum(payment_value) from marts.mart_orders_daily",
        "select sum(payment_value_all_statuses) from marts.mart_payment_methods",
        "select sum(payment_value) from marts.fct_order_payments",
    ):
        assert scalar(marts, statement) == figures.payment_value, statement


def test_item_price_freight_and_revenue_match_to_the_cent(marts: Warehouse, figures: SampleFigures) -> None:
    assert (figures.price, figures.freight) == (README_PRICE, README_FREIGHT)
    assert figures.price + figures.freight == README_ITEMS_TOTAL
    price, freight, revenue = query(
        marts,
        "select sum(items_price_all_statuses), sum(items_freight_all_statuses), sum(revenue_all_statuses)"
        " from marts.mart_sales_monthly",
    )[0]
    assert (price, freight, revenue) == (figures.price, figures.freight, figures.price + figures.freight)
    # Every other mart that carries revenue adds up to the same total (nothing fanned out or dropped).
    for statement in (
        "select sum(revenue) from marts.fct_orders",
        "select sum(revenue) from marts.fct_order_items",
        "select sum(revenue) from marts.mart_sales_daily",
        "select sum(revenue_all_statuses) from marts.mart_category_performance",
        "select sum(revenue_all_statuses) from marts.mart_geo_revenue",
        "select sum(revenue) from marts.mart_orders_daily",
        "select sum(revenue) from marts.mart_cohort_retention",
        "select sum(revenue) from marts.dim_customers",
        "select sum(monetary) from marts.mart_customer_rfm",
    ):
        assert scalar(marts, statement) == README_ITEMS_TOTAL, statement


def test_unique_customers_are_people_not_customer_ids(marts: Warehouse, figures: SampleFigures) -> None:
    assert figures.unique_customers == README_UNIQUE_CUSTOMERS
    assert scalar(marts, "select count(*) from marts.dim_customers") == figures.unique_customers
    assert scalar(marts, "select count(*) from marts.mart_customer_rfm") == figures.unique_customers
    cohort_sizes = "select sum(customers) from marts.mart_cohort_retention where months_since_first = 0"
    assert scalar(marts, cohort_sizes) == figures.unique_customers


def test_people_with_more_than_one_order(marts: Warehouse, figures: SampleFigures) -> None:
    assert figures.repeat_people == README_REPEAT_PEOPLE
    assert scalar(marts, "select count(*) from marts.dim_customers where orders > 1") == 8
    assert scalar(marts, "select count(*) from marts.mart_customer_rfm where frequency > 1") == 8
    assert scalar(marts, "select count(*) from marts.fct_orders where order_sequence > 1") == (
        figures.orders - figures.unique_customers
    )


def test_orders_without_items(marts: Warehouse, figures: SampleFigures) -> None:
    assert figures.orders_without_items == README_ORDERS_WITHOUT_ITEMS
    assert scalar(marts, "select count(*) from marts.fct_orders where item_count = 0") == 180
    without = "select sum(orders_all_statuses - orders_with_items_all_statuses) from marts.mart_sales_monthly"
    assert scalar(marts, without) == figures.orders_without_items


def test_payment_rows_by_type(marts: Warehouse, figures: SampleFigures) -> None:
    assert figures.payment_rows == README_PAYMENT_ROWS
    rows = query(marts, "select payment_type, payment_rows_all_statuses from marts.mart_payment_methods")
    assert dict(rows) == figures.payment_rows


def test_orders_per_month_of_2017_in_calendar_order(marts: Warehouse, figures: SampleFigures) -> None:
    assert figures.monthly_2017 == README_2017_MONTHLY_ORDERS
    rows = query(
        marts,
        "select orders_all_statuses from marts.mart_sales_monthly"
        " where order_month >= date '2017-01-01' and order_month < date '2018-01-01' order by order_month",
    )
    assert [n for (n,) in rows] == figures.monthly_2017


def test_review_records_keep_their_newlines(marts: Warehouse, figures: SampleFigures) -> None:
    assert (figures.review_records, figures.reviews_with_newline) == (
        README_REVIEW_RECORDS,
        README_REVIEWS_WITH_NEWLINE,
    )
    assert scalar(marts, "select count(*) from marts.fct_order_reviews") == figures.review_records
    with_newline = (
        "select count(*) from marts.fct_order_reviews"
        " where strpos(review_comment_title, chr(10)) > 0 or strpos(review_comment_message, chr(10)) > 0"
    )
    assert scalar(marts, with_newline) == figures.reviews_with_newline


def test_geography_has_one_row_per_zip_prefix(marts: Warehouse, figures: SampleFigures) -> None:
    assert figures.geo_zip_prefixes == README_GEO_ZIP_PREFIXES
    assert scalar(marts, "select count(*) from marts.dim_geography") == figures.geo_zip_prefixes
    leading_zero = "select count(*) from marts.dim_geography where zip_code_prefix like '0%'"
    assert scalar(marts, leading_zero) > 0
