"""Which of the shop's orders were placed on the website, and what their purchase events hold.

One world: a web purchase is a real order of the Olist files, by the same person, at the same moment,
with the order's items as its lines. Orders without items (unavailable, some canceled) cannot be
bought on the site; the other orders not picked came through the app or a marketplace.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ingestion.generator import clickstream_calibration as ccal
from ingestion.generator.local_time import local_to_utc
from ingestion.generator.shop import Shop
from ingestion.generator.web_catalog import WebCatalog


def user_id_of(customer_unique_id: str) -> str:
    """A person's web user id: derived from the Olist person, so it is the same in every batch."""
    return "u" + hashlib.blake2b(customer_unique_id.encode(), digest_size=8).hexdigest()


@dataclass(frozen=True)
class WebOrders:
    """The web orders, one row per order (arrays aligned), and their lines (one per product)."""

    order_ids: np.ndarray  # object
    customer_unique_ids: np.ndarray  # object
    states: np.ndarray  # object: the customer's state
    purchased_local: np.ndarray  # int64 seconds, naive Brazil time (the Olist timestamp)
    purchased_utc: np.ndarray  # int64 seconds, UTC
    line_order: np.ndarray  # int: the web order of each line, lines grouped by order
    line_product: np.ndarray  # int: product index in the WebCatalog
    line_price_cents: np.ndarray  # int64: the item price
    line_quantity: np.ndarray  # int: items of that product and price in the order
    loyalty: np.ndarray  # float: the person's hidden loyalty (0 when the shop does not know it)
    eligible: int  # orders that could have been web orders (with items, in the period)

    def __len__(self) -> int:
        return len(self.order_ids)

    @property
    def lines_per_order(self) -> np.ndarray:
        return np.bincount(self.line_order, minlength=len(self))


def _members(values: pd.Series, of: pd.Series) -> np.ndarray:
    """values.isin(of), through a hash index: several times faster on pandas' Arrow-backed strings."""
    return pd.Index(of.unique()).get_indexer(values) >= 0


def _candidates(
    shop: Shop, start: np.datetime64, end: np.datetime64, excluded: Collection[str]
) -> pd.DataFrame:
    orders = shop["olist_orders"]
    people = shop["olist_customers"].set_index("customer_id")
    with_items = _members(orders["order_id"], shop["olist_order_items"]["order_id"])
    purchased = orders["order_purchase_timestamp"].to_numpy().astype("datetime64[s]")
    in_period = (purchased >= start) & (purchased < end)
    frame = pd.DataFrame(
        {
            "order_id": orders["order_id"].to_numpy(),
            "person": people.loc[orders["customer_id"], "customer_unique_id"].to_numpy(),
            "state": people.loc[orders["customer_id"], "customer_state"].to_numpy(),
            "purchased": purchased.astype(np.int64),
        }
    )[with_items & in_period]
    if excluded:
        frame = frame[~_members(frame["person"], pd.Series(list(excluded)))]
    # A person's web sessions must not overlap: of two orders within a day, only the first can be a
    # web order (the other came through the app).
    frame = frame.sort_values(["person", "purchased", "order_id"])
    same_person = frame["person"].eq(frame["person"].shift())
    too_close = same_person & (frame["purchased"].diff() < ccal.MIN_HOURS_BETWEEN_WEB_ORDERS * 3600)
    return frame[~too_close.to_numpy()].reset_index(drop=True)


def _loyalty(shop: Shop, people: pd.Series) -> np.ndarray:
    if shop.loyalty is None:
        return np.zeros(len(people))
    return shop.loyalty.reindex(people.to_numpy()).fillna(0.0).to_numpy(dtype=float)


def pick_web_orders(
    rng: np.random.Generator,
    shop: Shop,
    catalog: WebCatalog,
    wanted: int,
    period: tuple[np.datetime64, np.datetime64],
    excluded_people: Collection[str] = (),
    max_share: float = 1.0,
) -> WebOrders:
    """Up to `wanted` orders placed in [start, end) local time, at random among the eligible ones, and
    never more than `max_share` of them."""
    candidates = _candidates(shop, period[0], period[1], excluded_people)
    wanted = min(max(0, wanted), int(max_share * len(candidates)))
    chosen = candidates.iloc[np.sort(rng.permutation(len(candidates))[:wanted])]
    chosen = chosen.sort_values("purchased", kind="stable").reset_index(drop=True)

    items = shop["olist_order_items"]
    items = items[_members(items["order_id"], chosen["order_id"])]
    lines = (
        items.groupby(["order_id", "product_id", "price"], sort=False)
        .agg(first_item=("order_item_id", "min"), quantity=("order_item_id", "size"))
        .reset_index()
    )
    position = pd.Series(np.arange(len(chosen)), index=chosen["order_id"])
    lines["order"] = position.loc[lines["order_id"]].to_numpy()
    lines = lines.sort_values(["order", "first_item"]).reset_index(drop=True)
    product_index = pd.Series(np.arange(len(catalog.product_ids)), index=catalog.product_ids)
    local = chosen["purchased"].to_numpy(dtype=np.int64)
    return WebOrders(
        order_ids=chosen["order_id"].to_numpy(dtype=object),
        customer_unique_ids=chosen["person"].to_numpy(dtype=object),
        states=chosen["state"].to_numpy(dtype=object),
        purchased_local=local,
        purchased_utc=local_to_utc(local),
        line_order=lines["order"].to_numpy(dtype=np.int64),
        line_product=product_index.loc[lines["product_id"]].to_numpy(dtype=np.int64),
        line_price_cents=np.rint(lines["price"].to_numpy() * 100).astype(np.int64),
        line_quantity=lines["quantity"].to_numpy(dtype=np.int64),
        loyalty=_loyalty(shop, chosen["person"]),
        eligible=len(candidates),
    )
