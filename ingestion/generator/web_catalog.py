"""The shop's catalogue as the website shows it: products with a price, a popularity and a category
(English name, as in the translation table), plus what visitors type into the search box.

Built from the Shop's own tables, so a product viewed on the site is a product of the Olist files.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ingestion.generator.shop import Shop

NO_CATEGORY = -1


@dataclass(frozen=True)
class WebCatalog:
    """Products sorted by category; arrays are aligned by product index."""

    product_ids: np.ndarray  # object: Olist product_id
    product_category: np.ndarray  # int: index into category_names, or NO_CATEGORY
    price_cents: np.ndarray  # int64 list price
    category_names: np.ndarray  # object: English category name (Portuguese where Olist lacks one)
    category_weights: np.ndarray  # float: share of product popularity, for a session's focus category
    queries: np.ndarray  # object: distinct search queries
    query_of_category: np.ndarray  # (categories, 2): a category's full query and its first word
    # Where each product's slice of the cumulative popularity starts: per category within
    # [category, category + 1), over all products within [0, 1). A uniform draw falls in one slice.
    _within_category: np.ndarray
    _overall: np.ndarray

    def draw_in_category(self, rng: np.random.Generator, categories: np.ndarray) -> np.ndarray:
        """A product of each given category, by popularity (vectorised: one searchsorted)."""
        keys = categories + rng.random(len(categories)) * (1 - 1e-9)
        return np.searchsorted(self._within_category, keys, side="right") - 1

    def draw_any(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """n products of the whole catalogue, by popularity."""
        return np.searchsorted(self._overall, rng.random(n), side="right") - 1

    def query_of(self, rng: np.random.Generator, categories: np.ndarray) -> np.ndarray:
        """A search query for each category (the full name or its first word)."""
        return self.query_of_category[categories, (rng.random(len(categories)) < 0.3).astype(int)]


def _queries(portuguese_names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """What a Brazilian visitor types for each category (its words, or its first word): the distinct
    queries and, per category, the index of its two."""
    pairs = []
    for name in portuguese_names:
        words = [w for w in name.split("_") if w not in {"e", "de", "do", "da", "2"}]
        pairs.append((" ".join(words), words[0]))
    distinct = sorted({q for pair in pairs for q in pair})
    position = {q: i for i, q in enumerate(distinct)}
    return np.array(distinct, dtype=object), np.array([[position[a], position[b]] for a, b in pairs])


def build_web_catalog(shop: Shop) -> WebCatalog:
    """The catalogue of `shop`: list price and popularity come from its order items."""
    products = shop["olist_products"]
    items = shop["olist_order_items"]
    translation = dict(shop["olist_category_translation"].itertuples(index=False, name=None))

    sold = items.groupby("product_id")["price"].agg(["size", "median"])
    price = sold["median"].reindex(products["product_id"])
    price = price.fillna(items["price"].median() if len(items) else 100.0)
    popularity = sold["size"].reindex(products["product_id"]).fillna(0).to_numpy() + 0.5

    portuguese = products["product_category_name"].fillna("").to_numpy(dtype=object)
    names = sorted({p for p in portuguese if p})
    code = pd.Series(np.arange(len(names)), index=names).reindex(portuguese).fillna(NO_CATEGORY)
    category = code.to_numpy().astype(np.int64)

    order = np.lexsort((np.arange(len(products)), category))
    category, popularity = category[order], popularity[order]
    weight_per_category = np.bincount(category[category >= 0], popularity[category >= 0], len(names))

    # Within a category, the cumulative popularity runs from `category` to `category + 1`; products
    # without a category sit before 0 and are never drawn by category.
    within = np.empty(len(order))
    for c in np.unique(category):
        rows = category == c
        share = np.cumsum(popularity[rows]) / popularity[rows].sum()
        within[rows] = c + np.r_[0.0, share[:-1]] if c >= 0 else -1.0
    overall = np.cumsum(popularity) / popularity.sum()
    queries, query_of_category = _queries(names)
    return WebCatalog(
        product_ids=products["product_id"].to_numpy(dtype=object)[order],
        product_category=category,
        price_cents=np.rint(price.to_numpy()[order] * 100).astype(np.int64),
        category_names=np.array([translation.get(n, n) for n in names], dtype=object),
        category_weights=weight_per_category / weight_per_category.sum(),
        queries=queries,
        query_of_category=query_of_category,
        _within_category=within,
        _overall=np.r_[0.0, overall[:-1]],
    )
