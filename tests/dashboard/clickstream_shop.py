"""Clickstream for the dashboard tests: generated events on the Olist sample, so one world, two views.

The generator normally invents its shop; here it gets the real Olist sample as its `Shop`, so the
purchase events name sample orders and the orders pages keep the sample's reference figures.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ingestion.generator import Shop
from ingestion.generator.clickstream import Clickstream, build_clickstream, write_clickstream
from ingestion.generator.kaggle_format import FILE_NAMES
from ingestion.raw_tables import OLIST_TABLES

SEED = 11
EVENTS = 12_000  # ~3k sessions: enough for every breakdown, small enough for a quick dbt build

# The sample files as text; these columns get the types the generator's own shop has.
_TIMESTAMPS = {
    "olist_orders": [
        "order_purchase_timestamp",
        "order_approved_at",
        "order_delivered_carrier_date",
        "order_delivered_customer_date",
        "order_estimated_delivery_date",
    ],
    "olist_order_items": ["shipping_limit_date"],
    "olist_order_reviews": ["review_creation_date", "review_answer_timestamp"],
}
_FLOATS = {
    "olist_order_items": ["price", "freight_value"],
    "olist_order_payments": ["payment_value"],
    "olist_geolocation": ["geolocation_lat", "geolocation_lng"],
}
_INTEGERS = {
    "olist_order_items": ["order_item_id"],
    "olist_order_payments": ["payment_sequential", "payment_installments"],
    "olist_order_reviews": ["review_score"],
}


def _table(olist_dir: Path, name: str) -> pd.DataFrame:
    frame = pd.read_csv(olist_dir / FILE_NAMES[name], dtype=str, keep_default_na=False, na_values=[""])
    for column in _TIMESTAMPS.get(name, []):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
    for column in _FLOATS.get(name, []):
        frame[column] = frame[column].astype(float)
    for column in _INTEGERS.get(name, []):
        frame[column] = pd.to_numeric(frame[column]).astype("Int64")
    return frame.loc[:, list(OLIST_TABLES[name].column_names)]


def sample_shop(olist_dir: Path) -> Shop:
    """The Olist sample as the generator's in-memory shop."""
    return Shop(tables={name: _table(olist_dir, name) for name in FILE_NAMES}, seed=SEED, scale=0.02)


def write_sample_clickstream(olist_dir: Path, events_dir: Path) -> Clickstream:
    """Canonical event files (one per month) for the sample shop, written into `events_dir`."""
    clickstream = build_clickstream(sample_shop(olist_dir), events=EVENTS)
    write_clickstream(clickstream, events_dir)
    return clickstream
