"""The generated clickstream files follow the canonical events contract, read back with pandas."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from tests.generator.conftest import TEST_EVENTS

COLUMNS = [
    "event_id", "event_time", "user_id", "session_id", "event_type", "page_path", "page_type", "product_id",
    "category", "brand", "price", "quantity", "order_id", "customer_id", "search_query", "element",
    "element_text", "value", "browser", "os", "device_type", "country", "region", "traffic_source",
    "referrer", "utm_campaign",
]  # fmt: skip
EVENT_TYPES = {
    "page_view", "product_view", "search", "add_to_cart", "remove_from_cart", "begin_checkout", "purchase",
    "error",
}  # fmt: skip
PAGE_TYPES = {
    "home", "category", "search", "product", "cart", "checkout", "confirmation", "account", "help", "other",
}  # fmt: skip
TRAFFIC_SOURCES = {"direct", "organic_search", "paid_search", "social", "email", "referral", "affiliate"}
BRAZILIAN_STATES = {
    "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA",
    "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO",
}  # fmt: skip
ERROR_MESSAGES = {
    "Payment declined", "Payment service unavailable", "Out of stock", "Address not found", "Session expired",
}  # fmt: skip
UTC_ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


def test_every_file_has_the_26_columns_in_contract_order(world_dir: Path) -> None:
    files = sorted((world_dir / "events").glob("*.csv"))
    assert files
    for path in files:
        with path.open(encoding="utf-8") as handle:
            assert handle.readline().rstrip("\n").split(",") == COLUMNS, path.name


def test_the_budget_is_met_exactly_with_unique_event_ids(events: pd.DataFrame) -> None:
    assert len(events) == TEST_EVENTS
    assert events["event_id"].is_unique
    assert (events["event_id"] != "").all()


def test_required_and_session_columns_are_always_filled(events: pd.DataFrame) -> None:
    for column in ("event_time", "user_id", "session_id", "event_type", "page_path", "page_type"):
        assert (events[column] != "").all(), column


def test_event_times_are_utc_iso_8601(events: pd.DataFrame) -> None:
    assert events["event_time"].str.fullmatch(UTC_ISO).all()
    parsed = pd.to_datetime(events["event_time"], format="%Y-%m-%dT%H:%M:%SZ", utc=True)
    assert parsed.min() >= pd.Timestamp("2016-08-01", tz="UTC")  # buyers looked before the first orders
    assert parsed.max() < pd.Timestamp("2018-12-01", tz="UTC")


def test_domains_are_those_of_the_contract(events: pd.DataFrame) -> None:
    assert set(events["event_type"]) == EVENT_TYPES  # every type occurs, and no other
    assert set(events["page_type"]) <= PAGE_TYPES
    assert set(events["device_type"]) == {"desktop", "mobile", "tablet"}
    assert set(events["traffic_source"]) == TRAFFIC_SOURCES
    assert set(events["country"]) == {"BR"}
    assert set(events["region"]) <= BRAZILIAN_STATES
    assert len(set(events["region"])) >= 20


def test_numbers_are_numbers_where_present(events: pd.DataFrame) -> None:
    price = events.loc[events["price"] != "", "price"]
    assert price.str.fullmatch(r"\d+\.\d{2}").all()
    assert (price.astype(float) > 0).all()
    quantity = events.loc[events["quantity"] != "", "quantity"]
    assert quantity.str.fullmatch(r"[1-9]\d*").all()


def test_page_views_and_product_views_sit_on_their_pages(events: pd.DataFrame) -> None:
    product_views = events[events["event_type"] == "product_view"]
    assert (product_views["page_type"] == "product").all()
    assert product_views["page_path"].str.startswith("/product/").all()
    assert (product_views["page_path"] == "/product/" + product_views["product_id"]).all()
    cart_views = events[(events["event_type"] == "page_view") & (events["page_type"] == "cart")]
    assert len(cart_views) > 0 and (cart_views["page_path"] == "/cart").all()


def test_a_purchase_carries_its_order_line(events: pd.DataFrame) -> None:
    purchases = events[events["event_type"] == "purchase"]
    assert len(purchases) > 0
    for column in ("order_id", "customer_id", "product_id", "price", "quantity"):
        assert (purchases[column] != "").all(), column
    # order and customer appear on purchases only
    others = events[events["event_type"] != "purchase"]
    assert (others["order_id"] == "").all() and (others["customer_id"] == "").all()


def test_errors_are_error_message_elements_with_a_known_message(events: pd.DataFrame) -> None:
    errors = events[events["event_type"] == "error"]
    assert (errors["element"] == "div.error-message").all()
    assert set(errors["element_text"]) == ERROR_MESSAGES


def test_searches_carry_their_query(events: pd.DataFrame) -> None:
    searches = events[events["event_type"] == "search"]
    assert len(searches) > 0
    assert (searches["search_query"] != "").all()
    assert (searches["page_path"] == "/search?q=" + searches["search_query"].str.replace(" ", "+")).all()


def test_one_file_per_month_holding_the_sessions_that_started_that_month(events: pd.DataFrame) -> None:
    assert events["file"].str.fullmatch(r"events_\d{4}-\d{2}\.csv").all()
    start_month = events.groupby("session_id")["event_time"].transform("min").str[:7]
    assert (events["file"] == "events_" + start_month + ".csv").all()
    assert events.groupby("session_id")["file"].nunique().max() == 1  # a session is never split


def test_each_file_is_in_time_order(events: pd.DataFrame) -> None:
    for name, rows in events.groupby("file"):
        assert rows["event_time"].is_monotonic_increasing, name
