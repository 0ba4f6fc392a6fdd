"""Referential integrity and money reconciliation of a generated shop, checked on the written files."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from ingestion.raw_tables import OLIST_TABLES


def _cents(values: pd.Series) -> pd.Series:
    """Exact cents from the file's text (no float rounding in the check)."""
    return values.map(lambda v: int(Decimal(v) * 100))


def test_items_point_to_existing_orders_products_and_sellers(shop_read_back: dict[str, pd.DataFrame]) -> None:
    items = shop_read_back["olist_order_items"]
    assert items["order_id"].isin(shop_read_back["olist_orders"]["order_id"]).all()
    assert items["product_id"].isin(shop_read_back["olist_products"]["product_id"]).all()
    assert items["seller_id"].isin(shop_read_back["olist_sellers"]["seller_id"]).all()


def test_payments_and_reviews_point_to_existing_orders(shop_read_back: dict[str, pd.DataFrame]) -> None:
    order_ids = shop_read_back["olist_orders"]["order_id"]
    assert shop_read_back["olist_order_payments"]["order_id"].isin(order_ids).all()
    assert shop_read_back["olist_order_reviews"]["order_id"].isin(order_ids).all()


def test_every_order_has_its_own_customer_row(shop_read_back: dict[str, pd.DataFrame]) -> None:
    orders, customers = shop_read_back["olist_orders"], shop_read_back["olist_customers"]
    assert orders["customer_id"].is_unique and customers["customer_id"].is_unique
    assert set(orders["customer_id"]) == set(customers["customer_id"])


def test_natural_keys_of_the_raw_contract_are_unique(shop_read_back: dict[str, pd.DataFrame]) -> None:
    for table, raw in OLIST_TABLES.items():
        if table == "olist_geolocation":  # no natural key in the source
            continue
        assert not shop_read_back[table].duplicated(list(raw.natural_key)).any(), table


def test_required_columns_are_never_empty(shop_read_back: dict[str, pd.DataFrame]) -> None:
    for table, raw in OLIST_TABLES.items():
        for column in (c.name for c in raw.columns if c.required):
            assert (shop_read_back[table][column] != "").all(), f"{table}.{column}"


def test_payments_equal_items_price_plus_freight_to_the_cent(shop_read_back: dict[str, pd.DataFrame]) -> None:
    items, payments = shop_read_back["olist_order_items"], shop_read_back["olist_order_payments"]
    item_cents = (_cents(items["price"]) + _cents(items["freight_value"])).groupby(items["order_id"]).sum()
    paid_cents = _cents(payments["payment_value"]).groupby(payments["order_id"]).sum()
    assert len(item_cents) > 0
    assert (paid_cents.reindex(item_cents.index) == item_cents).all()
    split = payments.groupby("order_id").size()
    assert (split.reindex(item_cents.index) > 1).any()  # reconciliation holds across split payments too


def test_orders_without_items_still_have_payments(shop_read_back: dict[str, pd.DataFrame]) -> None:
    orders = shop_read_back["olist_orders"]
    itemless = orders[~orders["order_id"].isin(shop_read_back["olist_order_items"]["order_id"])]
    assert len(itemless) > 0
    assert itemless["order_id"].isin(shop_read_back["olist_order_payments"]["order_id"]).all()


def test_payment_sequence_numbers_run_from_one_per_order(shop_read_back: dict[str, pd.DataFrame]) -> None:
    payments = shop_read_back["olist_order_payments"]
    sequence = payments["payment_sequential"].astype(int)
    per_order = sequence.groupby(payments["order_id"])
    assert (per_order.min() == 1).all()
    assert (per_order.max() == per_order.count()).all()


def test_zip_prefix_agrees_with_state_in_geolocation(shop_read_back: dict[str, pd.DataFrame]) -> None:
    geo = shop_read_back["olist_geolocation"]
    assert (geo.groupby("geolocation_zip_code_prefix")["geolocation_state"].nunique() == 1).all()
    # Spot-check the official CEP ranges: SP starts at 01000, RS spans 90000-99999.
    prefix = geo["geolocation_zip_code_prefix"].astype(int)
    assert (geo.loc[prefix < 20000, "geolocation_state"] == "SP").all()
    assert (geo.loc[prefix >= 90000, "geolocation_state"] == "RS").all()


def test_customers_live_where_the_geolocation_puts_their_prefix(
    shop_read_back: dict[str, pd.DataFrame],
) -> None:
    geo = shop_read_back["olist_geolocation"].drop_duplicates("geolocation_zip_code_prefix")
    state_of_prefix = geo.set_index("geolocation_zip_code_prefix")["geolocation_state"]
    customers = shop_read_back["olist_customers"]
    known = customers[customers["customer_zip_code_prefix"].isin(state_of_prefix.index)]
    assert len(known) > 0.95 * len(customers)
    assert (
        state_of_prefix.loc[known["customer_zip_code_prefix"]].to_numpy() == known["customer_state"]
    ).all()


def test_timestamps_fall_between_september_2016_and_october_2018(
    shop_read_back: dict[str, pd.DataFrame],
) -> None:
    purchased = pd.to_datetime(shop_read_back["olist_orders"]["order_purchase_timestamp"])
    assert purchased.min() >= pd.Timestamp("2016-09-01") and purchased.max() < pd.Timestamp("2018-11-01")


def test_every_product_and_seller_has_sold_something(shop_read_back: dict[str, pd.DataFrame]) -> None:
    """As in Olist, whose products and sellers files only list those that appear in items."""
    items = shop_read_back["olist_order_items"]
    assert shop_read_back["olist_products"]["product_id"].isin(items["product_id"]).all()
    assert shop_read_back["olist_sellers"]["seller_id"].isin(items["seller_id"]).all()


def test_purchases_tie_each_order_to_its_person_and_revenue(shop, shop_read_back) -> None:
    purchases = shop.purchases()
    customers = shop_read_back["olist_customers"].set_index("customer_id")["customer_unique_id"]
    orders = shop_read_back["olist_orders"].set_index("order_id")["customer_id"]
    expected_people = customers.loc[orders.loc[purchases["order_id"]]].to_numpy()
    assert (purchases["customer_unique_id"].to_numpy() == expected_people).all()
    items = shop_read_back["olist_order_items"]
    revenue = (
        (items["price"].astype(float) + items["freight_value"].astype(float)).groupby(items["order_id"]).sum()
    )
    got = purchases.set_index("order_id")["revenue"]
    assert (got.loc[revenue.index] - revenue).abs().max() < 0.005
    assert (got.drop(revenue.index) == 0).all()
