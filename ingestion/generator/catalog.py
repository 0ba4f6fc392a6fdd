"""The catalogue: sellers and their products, with Olist's product attributes and quirks."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ingestion.generator import calibration as cal
from ingestion.generator.categories import UNTRANSLATED, category_weights
from ingestion.generator.geography import place_addresses
from ingestion.generator.identifiers import hex_ids
from ingestion.generator.sampling import quirk_mask, weighted_choice

# Lognormal parameters of the product attributes (sample: mean and sd of the log), with Olist's bounds.
PRODUCT_ATTRIBUTES: dict[str, tuple[float, float, int, int]] = {
    "product_name_lenght": (3.86, 0.25, 5, 76),
    "product_description_lenght": (6.40, 0.80, 4, 3992),
    "product_weight_g": (6.72, 1.36, 50, 40425),
    "product_length_cm": (3.31, 0.46, 7, 105),
    "product_height_cm": (2.54, 0.79, 2, 105),
    "product_width_cm": (3.04, 0.46, 6, 118),
}
PHOTO_COUNTS: dict[int, int] = {
    1: 784, 2: 303, 3: 203, 4: 117, 5: 86, 6: 54, 7: 26, 8: 15, 9: 4, 10: 5, 11: 1,
}  # fmt: skip
# Seller popularity is very skewed: most sellers list a handful of products, a few list hundreds.
SELLER_SIZE_LOG_SD = 1.3
# Product popularity: most products sell once, a few sell hundreds of times.
PRODUCT_POPULARITY_LOG_SD = 1.2


def build_sellers(rng: np.random.Generator, places: pd.DataFrame, n_sellers: int) -> pd.DataFrame:
    """Sellers with their address; the hidden `popularity` column drives how many products they list."""
    states = weighted_choice(rng, cal.SELLER_STATE_COUNTS, n_sellers)
    address = place_addresses(rng, places, states, cal.SELLER_PREFIX_MISSING_SHARE)
    return pd.DataFrame(
        {
            "seller_id": hex_ids(rng, n_sellers),
            "seller_zip_code_prefix": address["zip_code_prefix"].to_numpy(),
            "seller_city": address["city"].to_numpy(),
            "seller_state": address["state"].to_numpy(),
            "popularity": rng.lognormal(0.0, SELLER_SIZE_LOG_SD, n_sellers),
        }
    )


def build_products(rng: np.random.Generator, sellers: pd.DataFrame, n_products: int) -> pd.DataFrame:
    """Products, each sold by one seller, with a list price and a popularity (both hidden columns)."""
    categories = weighted_choice(rng, category_weights(), n_products)
    # The untranslated categories must exist whatever the scale: they are a quirk to handle downstream.
    forced = min(len(UNTRANSLATED), n_products)
    categories[:forced] = UNTRANSLATED[:forced]
    rng.shuffle(categories)
    seller_p = sellers["popularity"].to_numpy() / sellers["popularity"].sum()
    products = pd.DataFrame(
        {
            "product_id": hex_ids(rng, n_products),
            "product_category_name": categories,
        }
    )
    for column, (log_mean, log_sd, low, high) in PRODUCT_ATTRIBUTES.items():
        values = np.clip(np.rint(rng.lognormal(log_mean, log_sd, n_products)), low, high)
        products[column] = pd.array(values.astype(np.int64), dtype="Int64")
    photos = weighted_choice(rng, PHOTO_COUNTS, n_products).astype(np.int64)
    products.insert(4, "product_photos_qty", pd.array(photos, dtype="Int64"))
    # Olist: a product without a category also lacks its name, description and photo figures.
    no_category = categories == ""
    for column in ("product_name_lenght", "product_description_lenght", "product_photos_qty"):
        products.loc[no_category, column] = pd.NA
    no_dimensions = quirk_mask(rng, ~no_category, cal.PRODUCT_WITHOUT_DIMENSIONS_SHARE, minimum=0)
    for column in ("product_weight_g", "product_length_cm", "product_height_cm", "product_width_cm"):
        products.loc[no_dimensions, column] = pd.NA
    seller_row = rng.choice(len(sellers), n_products, p=seller_p)
    # Olist's sellers file only lists sellers who sold something: give every seller a product first.
    covered = min(len(sellers), n_products)
    seller_row[rng.permutation(n_products)[:covered]] = rng.permutation(len(sellers))[:covered]
    products["seller_id"] = sellers["seller_id"].to_numpy()[seller_row]
    products["price_cents"] = _list_prices(rng, n_products)
    products["popularity"] = rng.lognormal(0.0, PRODUCT_POPULARITY_LOG_SD, n_products)
    return products


def _list_prices(rng: np.random.Generator, n: int) -> np.ndarray:
    prices = rng.lognormal(cal.PRICE_LOG_MEAN, cal.PRICE_LOG_SD, n)
    # Shops like prices ending in .90 / .99: round most prices to such an ending.
    whole = np.floor(prices)
    ending = rng.choice(np.array([0.0, 0.9, 0.99, 0.5]), size=n, p=[0.35, 0.35, 0.2, 0.1])
    rounded = np.where(rng.random(n) < 0.7, whole + ending, np.round(prices, 2))
    return np.maximum(np.rint(rounded * 100), round(cal.PRICE_MIN * 100)).astype(np.int64)
