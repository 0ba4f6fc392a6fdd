"""The generated shop's distributions are close to the real sample's, measured afresh from its files.

Tolerances are absolute differences of shares, set a few standard errors wide for a 5,000-order shop
against a 2,000-order sample, so they catch a broken calibration but not sampling noise.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

SHARE_TOLERANCE = 0.03


@pytest.fixture(scope="module")
def sample(samples_dir: Path) -> dict[str, pd.DataFrame]:
    folder = samples_dir / "olist"
    names = {
        "olist_orders": "olist_orders_dataset.csv",
        "olist_order_items": "olist_order_items_dataset.csv",
        "olist_order_payments": "olist_order_payments_dataset.csv",
        "olist_order_reviews": "olist_order_reviews_dataset.csv",
        "olist_customers": "olist_customers_dataset.csv",
    }
    return {t: pd.read_csv(folder / n, dtype=str, keep_default_na=False) for t, n in names.items()}


def _shares(values: pd.Series) -> pd.Series:
    return values.value_counts(normalize=True)


def _max_share_gap(a: pd.Series, b: pd.Series) -> float:
    both = pd.concat([_shares(a), _shares(b)], axis=1).fillna(0.0)
    return float((both.iloc[:, 0] - both.iloc[:, 1]).abs().max())


def test_order_status_shares_match_the_sample(sample, shop_read_back) -> None:
    gap = _max_share_gap(
        shop_read_back["olist_orders"]["order_status"], sample["olist_orders"]["order_status"]
    )
    assert gap < SHARE_TOLERANCE


def test_payment_type_shares_match_the_sample(sample, shop_read_back) -> None:
    generated = shop_read_back["olist_order_payments"]["payment_type"]
    gap = _max_share_gap(generated, sample["olist_order_payments"]["payment_type"])
    assert gap < SHARE_TOLERANCE


def test_credit_card_installments_match_the_sample(sample, shop_read_back) -> None:
    def installments(payments: pd.DataFrame) -> pd.Series:
        return payments.loc[payments["payment_type"] == "credit_card", "payment_installments"].astype(int)

    generated, real = (
        installments(shop_read_back["olist_order_payments"]),
        installments(sample["olist_order_payments"]),
    )
    assert abs(generated.mean() - real.mean()) < 0.3
    assert _max_share_gap(generated, real) < SHARE_TOLERANCE


def test_customer_state_shares_match_the_sample(sample, shop_read_back) -> None:
    generated = shop_read_back["olist_customers"]["customer_state"]
    assert _max_share_gap(generated, sample["olist_customers"]["customer_state"]) < SHARE_TOLERANCE


def test_review_score_shares_match_the_sample(sample, shop_read_back) -> None:
    generated = shop_read_back["olist_order_reviews"]["review_score"]
    assert _max_share_gap(generated, sample["olist_order_reviews"]["review_score"]) < SHARE_TOLERANCE


def test_items_per_order_and_prices_match_the_sample(sample, shop_read_back) -> None:
    def figures(tables: dict[str, pd.DataFrame]) -> tuple[float, float, float, float]:
        items, orders = tables["olist_order_items"], tables["olist_orders"]
        price, freight = items["price"].astype(float), items["freight_value"].astype(float)
        itemless = 1 - orders["order_id"].isin(items["order_id"]).mean()
        return items.groupby("order_id").size().mean(), price.median(), freight.median(), itemless

    (g_items, g_price, g_freight, g_itemless), (r_items, r_price, r_freight, r_itemless) = (
        figures(shop_read_back),
        figures(sample),
    )
    assert abs(g_items - r_items) < 0.05
    assert abs(g_price / r_price - 1) < 0.15 and abs(g_freight / r_freight - 1) < 0.15
    assert abs(g_itemless - r_itemless) < SHARE_TOLERANCE


def test_delivery_times_and_late_share_match_the_sample(sample, shop_read_back) -> None:
    def figures(orders: pd.DataFrame) -> tuple[float, float, float]:
        delivered = orders[
            (orders["order_status"] == "delivered") & (orders["order_delivered_customer_date"] != "")
        ]
        bought = pd.to_datetime(delivered["order_purchase_timestamp"])
        arrived = pd.to_datetime(delivered["order_delivered_customer_date"])
        promised = pd.to_datetime(delivered["order_estimated_delivery_date"])
        days = (arrived - bought).dt.total_seconds() / 86_400
        promise = (promised - bought).dt.total_seconds() / 86_400
        return days.median(), promise.median(), (arrived > promised).mean()

    g_days, g_promise, g_late = figures(shop_read_back["olist_orders"])
    r_days, r_promise, r_late = figures(sample["olist_orders"])
    assert abs(g_days - r_days) < 1.5 and abs(g_promise - r_promise) < 2.0
    assert abs(g_late - r_late) < SHARE_TOLERANCE


def test_monthly_order_volume_grows_like_the_sample(sample, shop_read_back) -> None:
    def monthly(orders: pd.DataFrame) -> pd.Series:
        months = pd.to_datetime(orders["order_purchase_timestamp"]).dt.to_period("M")
        return months.value_counts(normalize=True).sort_index()

    both = pd.concat(
        [monthly(shop_read_back["olist_orders"]), monthly(sample["olist_orders"])], axis=1
    ).fillna(0)
    assert np.corrcoef(both.iloc[:, 0], both.iloc[:, 1])[0, 1] > 0.9


def test_repeat_purchase_rate_is_about_three_percent(sample, shop_read_back) -> None:
    """Olist's full data: 3.1 % of people order more than once. The 2,000-order sample is a slice of it,
    so a person's other orders mostly fall outside it: its rate (0.4 %) is only a lower bound."""

    def repeat_rate(customers: pd.DataFrame) -> float:
        return float((customers.groupby("customer_unique_id").size() > 1).mean())

    generated = repeat_rate(shop_read_back["olist_customers"])
    assert generated > repeat_rate(sample["olist_customers"])
    assert 0.02 < generated < 0.045


def test_black_friday_2017_is_the_busiest_day(shop_read_back) -> None:
    days = pd.to_datetime(shop_read_back["olist_orders"]["order_purchase_timestamp"]).dt.date
    counts = days.value_counts()
    assert str(counts.index[0]) == "2017-11-24"
    assert counts.iloc[0] > 3 * counts.median()  # a peak, not a tie


def test_black_friday_is_the_busiest_day_in_the_sample_too(sample) -> None:
    days = pd.to_datetime(sample["olist_orders"]["order_purchase_timestamp"]).dt.date
    assert str(days.value_counts().index[0]) == "2017-11-24"
