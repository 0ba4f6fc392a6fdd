"""Payments: one or more rows per order whose values add up, to the cent, to the order's items.

An order pays with its main type; vouchers add rows (a voucher-paid order may use many vouchers, a card
order may be topped up by one), and a few orders pay with two cards. The order's amount is split
across its rows in integer cents, so the sum reconciles exactly with price + freight.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ingestion.generator import calibration as cal
from ingestion.generator.sampling import probabilities, quirk_mask, weighted_choice


def order_amounts(rng: np.random.Generator, orders: pd.DataFrame, items: pd.DataFrame) -> np.ndarray:
    """Amount to pay per order, in cents: its items' price + freight, or a plausible basket if none."""
    row = pd.Index(orders["order_id"]).get_indexer(items["order_id"])
    cents = items["price_cents"].to_numpy() + items["freight_value_cents"].to_numpy()
    amount = np.bincount(row, weights=cents, minlength=len(orders)).astype(np.int64)
    # Orders without items (unavailable, canceled) were still charged in Olist's data.
    itemless = ~orders["has_items"].to_numpy()
    basket = rng.lognormal(cal.PRICE_LOG_MEAN, cal.PRICE_LOG_SD, itemless.sum()) + rng.lognormal(
        cal.FREIGHT_LOG_MEAN, cal.FREIGHT_LOG_SD, itemless.sum()
    )
    amount[itemless] = np.rint(basket * 100).astype(np.int64)
    return amount


def _extra_vouchers(rng: np.random.Generator, n: int) -> np.ndarray:
    sizes = np.array(list(cal.EXTRA_VOUCHER_ROWS_COUNTS), dtype=np.int64)
    return rng.choice(sizes, size=n, p=probabilities(list(cal.EXTRA_VOUCHER_ROWS_COUNTS.values())))


def build_payments(rng: np.random.Generator, orders: pd.DataFrame, amount_cents: np.ndarray) -> pd.DataFrame:
    """The payment rows of every order (orders without items included), split to the cent."""
    n = len(orders)
    main = orders["main_payment_type"].to_numpy().astype(object)
    # Olist quirk: a canceled order without items can have payment type not_defined (and pays 0.00).
    not_defined = quirk_mask(
        rng,
        (orders["order_status"].to_numpy() == "canceled") & ~orders["has_items"].to_numpy(),
        cal.NOT_DEFINED_PAYMENT_SHARE,
    )
    main[not_defined] = "not_defined"
    amount = np.where(not_defined, 0, amount_cents)

    voucher_main = main == "voucher"
    topped_up = ~voucher_main & ~not_defined & (rng.random(n) < cal.VOUCHER_TOPUP_SHARE)
    extra_vouchers = np.where(voucher_main, _extra_vouchers(rng, n), 0)
    extra_vouchers += np.where(topped_up, 1 + _extra_vouchers(rng, n), 0)
    second_card = (main == "credit_card") & (rng.random(n) < cal.TWO_CARD_SHARE)
    zero_voucher = quirk_mask(rng, ~not_defined, cal.ZERO_VOUCHER_SHARE)
    extra_rows = extra_vouchers + second_card + zero_voucher
    rows_per_order = 1 + extra_rows

    order_row = np.repeat(np.arange(n), rows_per_order)
    start = np.cumsum(rows_per_order) - rows_per_order
    position = np.arange(len(order_row)) - start[order_row]
    is_main = position == 0
    kind = np.where(is_main, main[order_row], "voucher").astype(object)
    is_second_card = position == 1 + extra_vouchers[order_row]
    kind[is_second_card & second_card[order_row]] = "credit_card"
    is_zero_voucher = (position == rows_per_order[order_row] - 1) & zero_voucher[order_row]

    # Split each order's amount: random shares floored to the cent, the remainder on the main row.
    share = rng.exponential(1.0, len(order_row))
    share[is_main] += 1.0  # the main payment usually carries most of the amount
    share[is_zero_voucher] = 0.0
    total_share = np.bincount(order_row, weights=share, minlength=n)
    value = np.floor(amount[order_row] * share / total_share[order_row]).astype(np.int64)
    remainder = amount - np.bincount(order_row, weights=value, minlength=n).astype(np.int64)
    value[is_main] += remainder

    installments = np.ones(len(order_row), dtype=np.int64)
    card = kind == "credit_card"
    installments[card] = weighted_choice(rng, cal.CREDIT_INSTALLMENT_COUNTS, int(card.sum())).astype(np.int64)
    installments[quirk_mask(rng, card, cal.ZERO_INSTALLMENT_SHARE)] = 0

    # The main payment is not always the first: shuffle the sequence within each order.
    sequence_key = rng.random(len(order_row)) + order_row
    order = np.argsort(sequence_key, kind="stable")
    payments = pd.DataFrame(
        {
            "order_id": orders["order_id"].to_numpy()[order_row[order]],
            "payment_sequential": position + 1,  # positions are already 0..k-1 in row order
            "payment_type": kind[order],
            "payment_installments": installments[order],
            "payment_value_cents": value[order],
        }
    )
    # Kaggle's file is in no particular order: shuffle whole rows.
    return payments.iloc[rng.permutation(len(payments))].reset_index(drop=True)
