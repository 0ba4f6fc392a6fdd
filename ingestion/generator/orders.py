"""Orders: status, whether the order has items, and the lifecycle timestamps of each status."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ingestion.generator import calibration as cal
from ingestion.generator.identifiers import hex_ids
from ingestion.generator.sampling import quirk_mask, weighted_choice

# After the last full month Olist only shows stuck orders: everything later is canceled.
LAST_NORMAL_PURCHASE = np.datetime64("2018-09-01T00:00:00", "s")


def _days(values: np.ndarray) -> np.ndarray:
    return (values * 86_400).astype(np.int64).astype("timedelta64[s]")


def _midnight(values: np.ndarray) -> np.ndarray:
    return values.astype("datetime64[D]").astype("datetime64[s]")


def build_orders(rng: np.random.Generator, purchased: np.ndarray, customer_ids: np.ndarray) -> pd.DataFrame:
    """One row per order, in purchase order, with the hidden columns `has_items` and `main_payment_type`.

    The main payment type is drawn here because it shapes the approval lag (a boleto is paid at the
    bank, a day or so later); payments.py splits the order's amount according to it.
    """
    n = len(purchased)
    status = weighted_choice(rng, cal.STATUS_COUNTS, n)
    status[purchased >= LAST_NORMAL_PURCHASE] = "canceled"
    itemless_p = pd.Series(status).map(cal.ITEMLESS_SHARE_BY_STATUS).fillna(0.0).to_numpy()
    has_items = rng.random(n) >= itemless_p
    main_payment = weighted_choice(rng, cal.MAIN_PAYMENT_SHARES, n)

    canceled = status == "canceled"
    approved_mask = (status != "created") & ~(canceled & (rng.random(n) >= cal.CANCELED_APPROVED_SHARE))
    carrier_mask = np.isin(status, ["delivered", "shipped"]) | (
        canceled & approved_mask & (rng.random(n) < cal.CANCELED_CARRIER_SHARE / cal.CANCELED_APPROVED_SHARE)
    )
    delivered_mask = (status == "delivered") | (
        canceled & carrier_mask & (rng.random(n) < cal.CANCELED_DELIVERED_SHARE / cal.CANCELED_CARRIER_SHARE)
    )
    # Olist quirk: a few delivered orders have no delivery date.
    delivered_mask &= ~quirk_mask(rng, status == "delivered", cal.DELIVERED_WITHOUT_DATE_SHARE)

    boleto_lag = _days(rng.lognormal(cal.BOLETO_APPROVAL_LOG_MEAN, cal.BOLETO_APPROVAL_LOG_SD, n))
    card_lag = (rng.exponential(cal.CARD_APPROVAL_MINUTES_MEAN * 60, n) + 30).astype("timedelta64[s]")
    approved = purchased + np.where(main_payment == "boleto", boleto_lag, card_lag)

    estimate_days = np.maximum(
        cal.ESTIMATE_DAYS_MIN, np.rint(rng.normal(cal.ESTIMATE_DAYS_MEAN, cal.ESTIMATE_DAYS_SD, n))
    )
    estimated = _midnight(purchased) + _days(estimate_days)

    late = rng.random(n) < cal.LATE_SHARE
    on_time_total = _days(rng.lognormal(cal.ON_TIME_DELIVERY_LOG_MEAN, cal.ON_TIME_DELIVERY_LOG_SD, n))
    on_time = np.minimum(purchased + on_time_total, estimated - _days(rng.uniform(0.05, 2.0, n)))
    late_at = estimated + _days(rng.exponential(cal.LATE_DAYS_MEAN, n) + rng.uniform(0.05, 1.0, n))
    delivered = np.where(late, late_at, on_time)
    delivered = np.maximum(delivered, approved + _days(rng.uniform(1.0, 3.0, n)))

    carrier_lag = _days(rng.lognormal(cal.CARRIER_LOG_MEAN, cal.CARRIER_LOG_SD, n))
    room = delivered - approved
    carrier = approved + np.minimum(carrier_lag, (room * 0.7).astype("timedelta64[s]"))
    # Olist quirk: a few hand-overs to the carrier are dated before the approval.
    early = quirk_mask(rng, carrier_mask, cal.CARRIER_BEFORE_APPROVAL_SHARE)
    carrier[early] = np.maximum(
        approved[early] - _days(rng.uniform(0.05, 2.0, int(early.sum()))), purchased[early] + 60
    )

    nat = np.datetime64("NaT", "s")
    return pd.DataFrame(
        {
            "order_id": hex_ids(rng, n),
            "customer_id": customer_ids,
            "order_status": status,
            "order_purchase_timestamp": purchased,
            "order_approved_at": np.where(approved_mask, approved, nat),
            "order_delivered_carrier_date": np.where(carrier_mask & approved_mask, carrier, nat),
            "order_delivered_customer_date": np.where(delivered_mask & approved_mask, delivered, nat),
            "order_estimated_delivery_date": estimated,
            "has_items": has_items,
            "main_payment_type": main_payment,
        }
    )
