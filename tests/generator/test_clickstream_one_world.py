"""One world, two views: every web purchase is a real order of the generated Olist files, by the same
person, at the same moment, with the order's items."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd

SAO_PAULO = ZoneInfo("America/Sao_Paulo")


def _purchases(events: pd.DataFrame) -> pd.DataFrame:
    return events[events["event_type"] == "purchase"]


def test_every_purchase_is_an_order_of_the_olist_files_by_its_customer(events, world_olist) -> None:
    purchases = _purchases(events)
    orders, customers = world_olist["orders"], world_olist["customers"]
    person = orders.merge(customers, on="customer_id").set_index("order_id")["customer_unique_id"]
    assert purchases["order_id"].isin(person.index).all()
    assert (purchases["customer_id"].to_numpy() == person.loc[purchases["order_id"]].to_numpy()).all()


def test_purchase_lines_are_the_orders_items(events, world_olist) -> None:
    purchases = _purchases(events)
    items = world_olist["items"]
    items = items[items["order_id"].isin(purchases["order_id"])]
    expected = items.groupby(["order_id", "product_id", "price"]).size().rename("quantity").reset_index()
    expected["price"] = expected["price"].astype(float).round(2)
    got = purchases[["order_id", "product_id", "price", "quantity"]].assign(
        price=lambda f: f["price"].astype(float), quantity=lambda f: f["quantity"].astype(int)
    )
    key = ["order_id", "product_id", "price"]
    assert_same = got.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(
        assert_same, expected.sort_values(key).reset_index(drop=True)[assert_same.columns]
    )


def test_an_order_is_bought_in_one_session_at_one_moment(events) -> None:
    purchases = _purchases(events)
    assert purchases.groupby("order_id")["session_id"].nunique().max() == 1
    assert purchases.groupby("order_id")["event_time"].nunique().max() == 1


def test_purchase_time_is_the_order_time_in_brazil_converted_to_utc(events, world_olist) -> None:
    orders = world_olist["orders"].set_index("order_id")["order_purchase_timestamp"]
    purchases = _purchases(events).drop_duplicates("order_id")
    for order_id, event_time in zip(purchases["order_id"], purchases["event_time"], strict=True):
        local = dt.datetime.fromisoformat(orders[order_id]).replace(tzinfo=SAO_PAULO)
        expected = local.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        assert event_time == expected, order_id


def test_a_person_is_one_web_user_across_sessions_and_orders(events) -> None:
    purchases = _purchases(events)
    assert purchases.groupby("customer_id")["user_id"].nunique().max() == 1
    assert purchases.groupby("user_id")["customer_id"].nunique().max() == 1


def test_buyers_come_from_their_customer_state(events, world_olist) -> None:
    customers = world_olist["customers"].drop_duplicates("customer_unique_id").set_index("customer_unique_id")
    purchases = _purchases(events)
    assert (
        purchases["region"].to_numpy() == customers.loc[purchases["customer_id"], "customer_state"].to_numpy()
    ).all()


def test_some_orders_but_not_all_came_through_the_web_site(events, world_olist) -> None:
    web_orders = _purchases(events)["order_id"].nunique()
    with_items = world_olist["items"]["order_id"].nunique()
    assert 0.05 * with_items < web_orders < with_items


def test_viewed_products_and_their_categories_are_the_shops(events, world_olist) -> None:
    products = world_olist["products"].set_index("product_id")["product_category_name"]
    english = dict(
        zip(world_olist["translation"].iloc[:, 0], world_olist["translation"].iloc[:, 1], strict=True)
    )
    rows = events[events["product_id"] != ""]
    assert rows["product_id"].isin(products.index).all()
    portuguese = products.loc[rows["product_id"]].to_numpy()
    expected = [english.get(name, name) for name in portuguese]  # untranslated names stay Portuguese
    assert (rows["category"].to_numpy() == expected).all()
