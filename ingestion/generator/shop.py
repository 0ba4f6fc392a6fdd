"""The synthetic shop: builds every Olist table in memory (`build_shop`) and writes them (`generate_shop`).

The in-memory `Shop` is the shared world later generators extend (clickstream events reuse its orders,
people and products), so the tables stay available as DataFrames next to the files.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from faker import Faker

from ingestion.generator import calibration as cal
from ingestion.generator.catalog import build_products, build_sellers
from ingestion.generator.categories import TRANSLATION
from ingestion.generator.geography import build_blocks, build_geolocation, build_places
from ingestion.generator.items import build_items
from ingestion.generator.kaggle_format import FILE_NAMES, write_tables
from ingestion.generator.orders import build_orders
from ingestion.generator.payments import build_payments, order_amounts
from ingestion.generator.people import assign_people, build_customers
from ingestion.generator.review_texts import ReviewTexts
from ingestion.generator.reviews import bad_experiences, build_reviews
from ingestion.generator.timeline import purchase_timestamps
from ingestion.raw_tables import OLIST_TABLES
from shoplens.errors import ShoplensError

MAX_SCALE = 20.0  # 2M orders and 20M geolocation rows: beyond this, memory, not time, runs out
MIN_ORDERS = 20  # below this a shop cannot show its quirks


class GeneratorArgumentError(ShoplensError):
    """The generator was asked for an impossible shop (bad scale or seed)."""


def validate_arguments(scale: float, seed: int) -> None:
    if isinstance(scale, bool) or not isinstance(scale, int | float) or not math.isfinite(scale):
        raise GeneratorArgumentError(f"scale must be a number, got {scale!r}; try --scale 0.1")
    if not 0 < scale <= MAX_SCALE:
        raise GeneratorArgumentError(
            f"scale must be > 0 and at most {MAX_SCALE:g} (1.0 is Olist's size, ~99k orders); got {scale:g}"
        )
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise GeneratorArgumentError(f"seed must be a whole number >= 0, got {seed!r}")


@dataclass(frozen=True)
class Shop:
    """Every table of the shop, with exactly the Kaggle columns, keyed by raw table name."""

    tables: dict[str, pd.DataFrame]
    seed: int
    scale: float
    # Each person's hidden loyalty (0..1) by customer_unique_id: it made them order again, and it
    # brings them back to the web site (visitors.py). In no file; None for a shop read from files.
    loyalty: pd.Series | None = None

    def __getitem__(self, table: str) -> pd.DataFrame:
        return self.tables[table]

    def purchases(self) -> pd.DataFrame:
        """One row per order with its person and amount: the anchor for purchase events of this world.

        Columns: order_id, customer_unique_id, order_status, order_purchase_timestamp, items, revenue
        (price + freight of its items; 0 for an order without items).
        """
        orders = self.tables["olist_orders"]
        people = self.tables["olist_customers"].set_index("customer_id")["customer_unique_id"]
        items = self.tables["olist_order_items"]
        per_order = (items["price"] + items["freight_value"]).groupby(items["order_id"]).agg(["size", "sum"])
        out = orders[["order_id", "order_status", "order_purchase_timestamp"]].copy()
        out.insert(1, "customer_unique_id", people.loc[orders["customer_id"]].to_numpy())
        out["items"] = per_order["size"].reindex(orders["order_id"]).fillna(0).astype(int).to_numpy()
        out["revenue"] = per_order["sum"].reindex(orders["order_id"]).fillna(0.0).round(2).to_numpy()
        return out


def _scaled(size_at_scale_1: int, scale: float, minimum: int) -> int:
    return max(minimum, round(size_at_scale_1 * scale))


def build_shop(*, scale: float = 1.0, seed: int = 42) -> Shop:
    """Build the whole synthetic shop in memory; the same (scale, seed) always gives the same shop."""
    validate_arguments(scale, seed)
    rng = np.random.default_rng(seed)
    faker = Faker("pt_BR")
    faker.seed_instance(seed)

    n_orders = _scaled(cal.ORDERS_AT_SCALE_1, scale, MIN_ORDERS)
    blocks = build_blocks(rng, faker)
    places = build_places(rng, blocks, _scaled(cal.ZIP_PREFIXES_AT_SCALE_1, scale, 60))
    sellers = build_sellers(rng, places, _scaled(cal.SELLERS_AT_SCALE_1, scale, 5))
    products = build_products(rng, sellers, _scaled(cal.PRODUCTS_AT_SCALE_1, scale, 10))

    purchased = purchase_timestamps(rng, n_orders)
    orders = build_orders(rng, purchased, np.full(n_orders, "", dtype=object))
    items = build_items(rng, orders, products)
    payments = build_payments(rng, orders, order_amounts(rng, orders, items))
    reviews = build_reviews(rng, ReviewTexts(faker), orders)
    # Who placed each order depends on how the orders went (people.py), so people come last.
    people = assign_people(rng, purchased, bad_experiences(orders, reviews))
    customers = build_customers(rng, places, people.person_of_order)
    orders["customer_id"] = customers["customer_id"].to_numpy()
    person_ids = customers["customer_unique_id"].to_numpy()
    loyalty = pd.Series(people.loyalty[people.person_of_order], index=person_ids)
    geolocation = build_geolocation(rng, places, _scaled(cal.GEOLOCATION_ROWS_AT_SCALE_1, scale, 200))

    items = items.assign(price=items["price_cents"] / 100, freight_value=items["freight_value_cents"] / 100)
    payments = payments.assign(payment_value=payments["payment_value_cents"] / 100)
    # Kaggle's files list customers and orders in no particular order.
    shuffled_orders = orders.iloc[rng.permutation(len(orders))]
    shuffled_customers = customers.iloc[rng.permutation(len(customers))]
    frames = {
        "olist_orders": shuffled_orders,
        "olist_order_items": items.sort_values(["order_id", "order_item_id"]),
        "olist_order_payments": payments,
        "olist_order_reviews": reviews,
        "olist_customers": shuffled_customers,
        "olist_products": products,
        "olist_sellers": sellers,
        "olist_geolocation": geolocation,
        "olist_category_translation": pd.DataFrame(
            TRANSLATION, columns=["product_category_name", "product_category_name_english"]
        ),
    }
    tables = {
        name: frames[name].loc[:, list(OLIST_TABLES[name].column_names)].reset_index(drop=True)
        for name in OLIST_TABLES
    }
    return Shop(tables=tables, seed=seed, scale=scale, loyalty=loyalty.groupby(level=0).first())


def write_shop(shop: Shop, out_dir: Path) -> dict[str, Path]:
    """Write every table of `shop` as its Kaggle CSV file in `out_dir` (created if missing)."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GeneratorArgumentError(f"cannot create the output folder {out_dir}: {exc.strerror}") from exc
    if not out_dir.is_dir():
        raise GeneratorArgumentError(f"{out_dir} is not a folder; give a folder to write the shop into")
    return write_tables(out_dir, {name: shop.tables[name] for name in FILE_NAMES})


def generate_shop(out_dir: Path, *, scale: float = 1.0, seed: int = 42) -> dict[str, Path]:
    """Generate a synthetic Olist shop and write its 9 Kaggle CSV files into `out_dir`.

    Returns the path written for each raw table name (as in ingestion.raw_tables.OLIST_TABLES).
    """
    return write_shop(build_shop(scale=scale, seed=seed), Path(out_dir))
