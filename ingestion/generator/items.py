"""Order items: how many items an order has, which products, and their price and freight in cents."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ingestion.generator import calibration as cal
from ingestion.generator.sampling import probabilities, quirk_mask


def build_items(rng: np.random.Generator, orders: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    """Items of the orders that have items; prices and freight are integer cents (hidden *_cents)."""
    with_items = np.flatnonzero(orders["has_items"].to_numpy())
    sizes = np.array(list(cal.ITEMS_PER_ORDER_COUNTS), dtype=np.int64)
    per_order = rng.choice(
        sizes, size=len(with_items), p=probabilities(list(cal.ITEMS_PER_ORDER_COUNTS.values()))
    )
    order_row = np.repeat(with_items, per_order)
    item_number = np.arange(len(order_row)) - np.repeat(np.cumsum(per_order) - per_order, per_order) + 1

    popularity = products["popularity"].to_numpy()
    product_row = rng.choice(len(products), size=len(order_row), p=popularity / popularity.sum())
    # Olist's products file only lists products that sold: every product gets an order's first item.
    first_items = np.cumsum(per_order) - per_order
    covered = min(len(products), len(first_items))
    product_row[rng.permutation(first_items)[:covered]] = rng.permutation(len(products))[:covered]
    # Most multi-item orders are one product bought several times: repeat the order's first product.
    first_of_order = np.repeat(np.cumsum(per_order) - per_order, per_order)
    repeat_first = np.repeat(rng.random(len(with_items)) < cal.SAME_PRODUCT_SHARE, per_order)
    product_row = np.where(repeat_first, product_row[first_of_order], product_row)

    price = products["price_cents"].to_numpy()[product_row]
    log_price = np.log(price / 100)
    freight = np.exp(
        cal.FREIGHT_LOG_MEAN
        + cal.FREIGHT_PRICE_ELASTICITY * (log_price - cal.PRICE_LOG_MEAN)
        + rng.normal(0, cal.FREIGHT_LOG_SD, len(order_row))
    )
    freight_cents = np.rint(freight * 100).astype(np.int64)
    freight_cents[quirk_mask(rng, np.ones(len(order_row), dtype=bool), cal.FREE_FREIGHT_SHARE)] = 0

    purchased = orders["order_purchase_timestamp"].to_numpy()[order_row]
    limit_days = np.maximum(2.0, rng.normal(cal.SHIPPING_LIMIT_DAYS_MEAN, 1.5, len(order_row)))
    shipping_limit = purchased + (limit_days * 86_400).astype(np.int64).astype("timedelta64[s]")
    return pd.DataFrame(
        {
            "order_id": orders["order_id"].to_numpy()[order_row],
            "order_item_id": item_number,
            "product_id": products["product_id"].to_numpy()[product_row],
            "seller_id": products["seller_id"].to_numpy()[product_row],
            "shipping_limit_date": shipping_limit,
            "price_cents": price,
            "freight_value_cents": freight_cents,
        }
    )
