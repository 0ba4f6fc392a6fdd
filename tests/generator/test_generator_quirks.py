"""Every Olist quirk the loader and dbt must cope with is present, even in a small generated shop."""

from __future__ import annotations

import pandas as pd

from ingestion.generator.categories import TRANSLATION, UNTRANSLATED


def test_some_review_texts_span_lines_inside_quotes(shop_read_back, shop_files) -> None:
    reviews = shop_read_back["olist_order_reviews"]
    multiline = reviews["review_comment_message"].str.contains("\n")
    assert 0.05 < multiline.mean() < 0.11  # about 8 % of review records
    physical_lines = shop_files["olist_order_reviews"].read_bytes().count(b"\n")
    assert physical_lines > len(reviews) + 1  # physical lines are not records


def test_review_id_is_not_unique_and_some_orders_have_two_reviews(shop_read_back) -> None:
    reviews = shop_read_back["olist_order_reviews"]
    shared = reviews[reviews["review_id"].duplicated(keep=False)]
    assert len(shared) >= 2 and shared["order_id"].nunique() == len(shared)
    assert reviews["order_id"].duplicated().any()


def test_orders_without_items_are_mostly_unavailable_or_canceled(shop_read_back) -> None:
    orders = shop_read_back["olist_orders"]
    itemless = orders[~orders["order_id"].isin(shop_read_back["olist_order_items"]["order_id"])]
    assert itemless["order_status"].isin(["unavailable", "canceled", "created"]).mean() > 0.95


def test_payment_quirks_are_present(shop_read_back) -> None:
    payments = shop_read_back["olist_order_payments"]
    assert (payments["payment_type"] == "not_defined").any()
    assert (payments["payment_value"] == "0.00").any()
    assert (payments["payment_installments"] == "0").any()
    vouchers = payments[payments["payment_type"] == "voucher"]
    assert vouchers["order_id"].duplicated().any()  # vouchers split an order's payment into several rows


def test_all_eight_statuses_can_occur_and_delivered_orders_may_lack_a_date(shop_read_back) -> None:
    orders = shop_read_back["olist_orders"]
    assert {"delivered", "shipped", "canceled", "unavailable", "invoiced", "processing"} <= set(
        orders["order_status"]
    )
    delivered = orders[orders["order_status"] == "delivered"]
    assert (delivered["order_delivered_customer_date"] == "").any()


def test_some_timestamps_are_out_of_order(shop_read_back) -> None:
    orders = shop_read_back["olist_orders"]
    both = orders[(orders["order_approved_at"] != "") & (orders["order_delivered_carrier_date"] != "")]
    assert (
        pd.to_datetime(both["order_delivered_carrier_date"]) < pd.to_datetime(both["order_approved_at"])
    ).any()


def test_geolocation_has_duplicates_outliers_and_spelling_variants(shop_read_back) -> None:
    geo = shop_read_back["olist_geolocation"]
    assert geo.groupby("geolocation_zip_code_prefix").size().median() > 5
    assert geo.duplicated().mean() > 0.1
    lat, lng = geo["geolocation_lat"].astype(float), geo["geolocation_lng"].astype(float)
    outside = (lat > 5.3) | (lat < -33.8) | (lng > -34.7) | (lng < -74.0)
    assert 0 < outside.sum() < 0.001 * len(geo) + 2
    spellings = geo.groupby("geolocation_zip_code_prefix")["geolocation_city"].nunique()
    assert (spellings > 1).any()
    assert geo["geolocation_city"].str.contains("[ãáâéêíóôõúç]").any()


def test_some_customer_and_seller_prefixes_are_missing_from_geolocation(shop_read_back) -> None:
    prefixes = set(shop_read_back["olist_geolocation"]["geolocation_zip_code_prefix"])
    assert not shop_read_back["olist_customers"]["customer_zip_code_prefix"].isin(prefixes).all()
    assert not shop_read_back["olist_sellers"]["seller_zip_code_prefix"].isin(prefixes).all()


def test_products_without_category_and_untranslated_categories(shop_read_back) -> None:
    products = shop_read_back["olist_products"]
    no_category = products[products["product_category_name"] == ""]
    assert len(no_category) > 0 and (no_category["product_name_lenght"] == "").all()
    translated = set(shop_read_back["olist_category_translation"]["product_category_name"])
    untranslated = set(products["product_category_name"]) - translated - {""}
    assert untranslated == set(UNTRANSLATED)
    assert translated == {name for name, _ in TRANSLATION} and len(translated) == 71


def test_a_person_can_have_several_customer_ids(shop_read_back) -> None:
    customers = shop_read_back["olist_customers"]
    per_person = customers.groupby("customer_unique_id")["customer_id"].nunique()
    assert (per_person > 1).any()
    assert customers["customer_id"].is_unique
