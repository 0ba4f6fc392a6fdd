"""How far each session goes down the funnel, and how many events of each step it holds.

A session is a fixed sequence of *slots* (landing page, browsing, adds to cart, the cart page,
removals, checkout, errors and retries, the purchase, the confirmation, a help page); its shape is the
number of events in each slot. Purchase sessions go all the way (their adds are the order's lines);
other sessions stop at a furthest stage drawn per session, bouncing more on mobile and from social
traffic, and going further when the visitor is returning. Errors end most sessions they occur in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ingestion.generator import clickstream_calibration as ccal
from ingestion.generator.event_kinds import Kind
from ingestion.generator.segments import group_of_elements, starts_of
from ingestion.generator.session_traits import LANDINGS, SOURCES, TECH, draw_rows
from ingestion.generator.visitors import POST, PURCHASE

BOUNCE, BROWSE, PRODUCT, CART_ADD, CART_VIEW, CHECKOUT, BOUGHT = range(7)
SLOTS = (
    "landing", "browse", "adds", "stock_error", "cart", "removes", "checkout", "checkout_errors",
    "purchase", "confirmation", "help",
)  # fmt: skip
SLOT = {name: i for i, name in enumerate(SLOTS)}
DEVICES = ("desktop", "mobile", "tablet")
STEP_KINDS = np.array(
    [Kind.CATEGORY, Kind.SEARCH, Kind.PRODUCT, Kind.HOME, Kind.HELP, Kind.ACCOUNT], dtype=np.int8
)
PRODUCT_LANDING = LANDINGS.index("product")


@dataclass(frozen=True)
class SessionShapes:
    """Per session: furthest stage and events per slot; per browsing step (grouped by session): its kind."""

    stage: np.ndarray
    counts: np.ndarray  # (sessions, len(SLOTS))
    steps: np.ndarray  # browsing steps per session
    step_kinds: np.ndarray

    @property
    def events(self) -> np.ndarray:
        return self.counts.sum(axis=1)

    def head(self, n: int) -> SessionShapes:
        """The first n sessions."""
        n_steps = int(self.steps[:n].sum())
        return SessionShapes(self.stage[:n], self.counts[:n], self.steps[:n], self.step_kinds[:n_steps])

    @staticmethod
    def concat(parts: list[SessionShapes]) -> SessionShapes:
        return SessionShapes(
            np.concatenate([p.stage for p in parts]),
            np.concatenate([p.counts for p in parts]),
            np.concatenate([p.steps for p in parts]),
            np.concatenate([p.step_kinds for p in parts]),
        )


def _stage_weights() -> np.ndarray:
    """Rows: (returning, device, source) as returning * 3 * n_sources + device * n_sources + source,
    plus one last row for visits after a purchase (account pages only)."""
    rows = []
    for base in (ccal.STAGE_SHARES_NEW, ccal.STAGE_SHARES_RETURNING):
        for device in DEVICES:
            for source in SOURCES:
                weights = np.array(base, dtype=float)
                weights[BOUNCE] *= ccal.BOUNCE_FACTOR_DEVICE[device] * ccal.BOUNCE_FACTOR_SOURCE.get(
                    source, 1.0
                )
                rows.append(weights)
    rows.append(np.array([0.3, 0.7, 0, 0, 0, 0]))
    return np.array(rows)


def draw_stages(
    rng: np.random.Generator, role: np.ndarray, returning: np.ndarray, tech: np.ndarray, source: np.ndarray
) -> np.ndarray:
    """The furthest stage of each session: BOUGHT for purchase sessions, drawn for the others."""
    device = np.array([DEVICES.index(d) for d in TECH[:, 0]])[tech]
    group = (returning * len(DEVICES) + device) * len(SOURCES) + source
    group = np.where(role == POST, 2 * len(DEVICES) * len(SOURCES), group)
    stage = draw_rows(rng, _stage_weights(), group)
    return np.where(role == PURCHASE, BOUGHT, stage).astype(np.int8)


def _browse_steps(
    rng: np.random.Generator, stage: np.ndarray, returning: np.ndarray, landing: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Browsing steps per session and the kind of each step."""
    mean = np.select(
        [stage == BROWSE, stage == PRODUCT, stage == BOUGHT],
        [
            ccal.BROWSE_STEPS_MEAN["browse"] - 1,
            ccal.BROWSE_STEPS_MEAN["product"],
            ccal.BROWSE_STEPS_MEAN["purchase"],
        ],
        ccal.BROWSE_STEPS_MEAN["cart"],
    ) * np.where(returning, 1.2, 1.0)
    steps = rng.poisson(mean) + (stage == BROWSE)
    steps = np.where(stage == PRODUCT, np.maximum(steps, 1), steps)
    steps = np.minimum(np.where(stage == BOUNCE, 0, steps), ccal.MAX_BROWSE_STEPS)

    session = group_of_elements(steps)
    browse_only = (stage == BROWSE)[session]
    weights = np.array([ccal.BROWSE_STEP_SHARES, ccal.BROWSE_ONLY_STEP_SHARES])
    kinds = STEP_KINDS[draw_rows(rng, weights, browse_only.astype(int))]
    # A session that reaches the product stage without landing on a product page views one last.
    needs_product = (stage == PRODUCT) & (landing != PRODUCT_LANDING)
    last_step = starts_of(steps) + steps - 1
    kinds[last_step[needs_product & (steps > 0)]] = Kind.PRODUCT
    return steps, kinds


def session_shapes(
    rng: np.random.Generator,
    stage: np.ndarray,
    returning: np.ndarray,
    landing: np.ndarray,
    lines: np.ndarray,
) -> SessionShapes:
    """Events per slot of every session; `lines` is the number of order lines (0 unless buying)."""
    n = len(stage)
    bought = stage == BOUGHT
    visitor_cart = ~bought & (stage >= CART_ADD)
    steps, kinds = _browse_steps(rng, stage, returning, landing)
    counts = np.zeros((n, len(SLOTS)), dtype=np.int64)
    counts[:, SLOT["landing"]] = 1
    searches = np.bincount(group_of_elements(steps), weights=kinds == Kind.SEARCH, minlength=n)
    counts[:, SLOT["browse"]] = steps + searches.astype(np.int64)  # a search is followed by its results

    buyer_extra = bought & (rng.random(n) < ccal.BUYER_EXTRA_ADD_SHARE)
    visitor_adds = np.minimum(1 + rng.poisson(ccal.EXTRA_ADDS_MEAN, n), 6)
    adds = np.where(bought, lines + buyer_extra, np.where(visitor_cart, visitor_adds, 0))
    counts[:, SLOT["adds"]] = 2 * adds  # the product page, then the add

    stock_share = np.select(
        [stage == PRODUCT, stage == CART_ADD], list(ccal.OUT_OF_STOCK_SHARE.values()), 0.0
    )
    stock_error = rng.random(n) < stock_share
    counts[:, SLOT["stock_error"]] = stock_error
    counts[:, SLOT["cart"]] = bought | (stage >= CART_VIEW)
    removes = np.where(rng.random(n) < ccal.REMOVE_SHARE, 1 + rng.integers(0, np.maximum(adds, 1)), 0)
    counts[:, SLOT["removes"]] = np.where(
        bought, buyer_extra, np.where(~bought & (stage >= CART_VIEW), removes, 0)
    )
    counts[:, SLOT["checkout"]] = stage >= CHECKOUT

    failed = (stage == CHECKOUT) & (rng.random(n) < ccal.CHECKOUT_ERROR_SHARE)
    retried = failed & (rng.random(n) < ccal.RETRY_AFTER_ERROR_SHARE)
    failed_again = retried & (rng.random(n) < 0.5)
    buyer_error = bought & (rng.random(n) < ccal.BUYER_ERROR_SHARE)
    # Rows alternate error, retry, error...: a buyer's error is always followed by the retry that works.
    counts[:, SLOT["checkout_errors"]] = failed.astype(int) + retried + failed_again + 2 * buyer_error
    counts[:, SLOT["purchase"]] = np.where(bought, lines, 0)
    counts[:, SLOT["confirmation"]] = bought
    counts[:, SLOT["help"]] = (stock_error | failed) & (rng.random(n) < ccal.HELP_AFTER_ERROR_SHARE)
    return SessionShapes(stage, counts, steps, kinds)
