"""The orders measures computed again with pandas straight from the Olist sample files.

Independent of the loader and of dbt: each rule below is the documented definition (the marts'
`_metrics.md`), written a second time in the simplest pandas, so a mart that computes a measure
differently (counting rows instead of orders, averaging rates, dropping a status) disagrees here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

CANCELED_OR_UNAVAILABLE = {"canceled", "unavailable"}

# Brazil's bounding box (the project vars brazil_*): geolocation points outside it do not locate a prefix.
BRAZIL_LATITUDE = (-33.75, 5.27)
BRAZIL_LONGITUDE = (-73.99, -34.79)


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _blank_to_none(series: pd.Series) -> pd.Series:
    stripped = series.str.strip()
    return stripped.where(stripped != "")


@cache
def orders(folder: Path) -> pd.DataFrame:
    """One row per order with everything the order measures need."""
    raw = _read(folder, "olist_orders_dataset.csv")
    customers = _read(folder, "olist_customers_dataset.csv")
    items = item_lines(folder)
    payments = _read(folder, "olist_order_payments_dataset.csv")
    reviews = _read(folder, "olist_order_reviews_dataset.csv")

    frame = raw.merge(customers, on="customer_id", how="left")
    frame["order_status"] = frame["order_status"].str.strip().str.lower()
    frame["order_status_group"] = frame["order_status"].map(
        lambda status: "canceled_or_unavailable" if status in CANCELED_OR_UNAVAILABLE else "placed"
    )
    purchased = pd.to_datetime(frame["order_purchase_timestamp"])
    frame["order_date"] = purchased.dt.normalize()
    frame["order_month"] = purchased.dt.to_period("M").dt.to_timestamp()
    frame["customer_state"] = _blank_to_none(frame["customer_state"]).str.upper().fillna("unknown")
    frame["customer_zip_code_prefix"] = _blank_to_none(frame["customer_zip_code_prefix"])

    # Revenue: price + freight of the order's items; 0 without items.
    per_order = items.groupby("order_id").agg(item_count=("revenue", "size"), revenue=("revenue", "sum"))
    frame = frame.merge(per_order, on="order_id", how="left")
    frame["item_count"] = frame["item_count"].fillna(0).astype(int)
    frame["revenue"] = frame["revenue"].fillna(0.0)
    frame["has_items"] = frame["item_count"] > 0

    # Payments: the total, and the main type = the largest payment (ties: lowest payment_sequential).
    payments = payments.assign(
        payment_value=payments["payment_value"].astype(float),
        payment_sequential=payments["payment_sequential"].astype(int),
    )
    totals = payments.groupby("order_id")["payment_value"].sum().rename("payment_value")
    main = (
        payments.sort_values(
            ["order_id", "payment_value", "payment_sequential"], ascending=[True, False, True]
        )
        .drop_duplicates("order_id")
        .set_index("order_id")["payment_type"]
        .rename("main_payment_type")
    )
    frame = frame.merge(totals, on="order_id", how="left").merge(main, on="order_id", how="left")
    frame["payment_value"] = frame["payment_value"].fillna(0.0)
    frame["main_payment_type"] = frame["main_payment_type"].fillna("no payment recorded")

    # Review score: the order's latest review (created, then answered, then review_id, all descending).
    latest = (
        reviews.assign(
            created=pd.to_datetime(_blank_to_none(reviews["review_creation_date"])),
            answered=pd.to_datetime(_blank_to_none(reviews["review_answer_timestamp"])),
        )
        .sort_values(["order_id", "created", "answered", "review_id"], ascending=False, na_position="last")
        .drop_duplicates("order_id")
        .set_index("order_id")["review_score"]
        .astype(int)
        .rename("review_score")
    )
    frame = frame.merge(latest, on="order_id", how="left")

    # Delivery: delivered = a delivery date and an estimate; late = delivered on a later calendar day.
    delivered = pd.to_datetime(_blank_to_none(frame["order_delivered_customer_date"])).dt.normalize()
    estimated = pd.to_datetime(_blank_to_none(frame["order_estimated_delivery_date"])).dt.normalize()
    frame["is_delivered"] = delivered.notna() & estimated.notna()
    frame["is_late"] = frame["is_delivered"] & (delivered > estimated)
    frame["delivery_days"] = (delivered - frame["order_date"]).dt.days

    # The person's first order: earliest purchase, ties by order_id.
    ordered = frame.assign(purchased=purchased).sort_values(["customer_unique_id", "purchased", "order_id"])
    first_ids = set(ordered.drop_duplicates("customer_unique_id")["order_id"])
    frame["is_first_order"] = frame["order_id"].isin(first_ids)
    return frame


@cache
def item_lines(folder: Path) -> pd.DataFrame:
    """One row per order item with its display category (English, else Portuguese, else 'unknown')."""
    items = _read(folder, "olist_order_items_dataset.csv")
    products = _read(folder, "olist_products_dataset.csv")
    translation = _read(folder, "product_category_name_translation.csv")
    names = dict(
        zip(translation["product_category_name"], translation["product_category_name_english"], strict=True)
    )
    portuguese = _blank_to_none(products["product_category_name"])
    products = products.assign(
        product_category=[("unknown" if pd.isna(name) else names.get(name, name)) for name in portuguese]
    )
    items = items.merge(products[["product_id", "product_category"]], on="product_id", how="left")
    items["revenue"] = items["price"].astype(float) + items["freight_value"].astype(float)
    return items


@cache
def payment_rows(folder: Path) -> pd.DataFrame:
    return _read(folder, "olist_order_payments_dataset.csv")


@cache
def review_records(folder: Path) -> pd.DataFrame:
    reviews = _read(folder, "olist_order_reviews_dataset.csv")
    return reviews.assign(review_score=reviews["review_score"].astype(int))


@cache
def located_zip_prefixes(folder: Path) -> frozenset[str]:
    """Zip prefixes of the geolocation file with at least one point inside Brazil's bounding box."""
    points = _read(folder, "olist_geolocation_dataset.csv")
    latitude = points["geolocation_lat"].astype(float)
    longitude = points["geolocation_lng"].astype(float)
    inside = latitude.between(*BRAZIL_LATITUDE) & longitude.between(*BRAZIL_LONGITUDE)
    return frozenset(points.loc[inside, "geolocation_zip_code_prefix"].str.strip())
