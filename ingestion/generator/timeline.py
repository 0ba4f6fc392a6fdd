"""When orders are placed: Olist's growth by month, weekdays, hours, and the Black Friday peak."""

from __future__ import annotations

import calendar
import datetime as dt

import numpy as np
import pandas as pd

from ingestion.generator import calibration as cal
from ingestion.generator.sampling import probabilities, spread_counts


def daily_weights() -> pd.Series:
    """Expected share of orders on each calendar day from Sept 2016 to Oct 2018 (sums to 1)."""
    weights: dict[dt.date, float] = {}
    for (year, month), total in cal.MONTHLY_ORDERS.items():
        first, last = cal.MONTH_ACTIVE_DAYS.get((year, month), (1, calendar.monthrange(year, month)[1]))
        days = [dt.date(year, month, d) for d in range(first, last + 1)]
        shape = np.array([cal.WEEKDAY_WEIGHTS[d.weekday()] * cal.PEAK_DAY_FACTORS.get(d, 1.0) for d in days])
        # Each month keeps its real total; the weekday pattern and peaks only move orders within it.
        weights.update(zip(days, total * shape / shape.sum(), strict=True))
    series = pd.Series(weights).sort_index()
    return series / series.sum()


def purchase_timestamps(rng: np.random.Generator, n_orders: int) -> np.ndarray:
    """n purchase timestamps (datetime64[s]), sorted, following the daily weights and hours of day."""
    weights = daily_weights()
    per_day = spread_counts(rng, weights.to_numpy(), n_orders)
    days = np.repeat(pd.to_datetime(weights.index).to_numpy().astype("datetime64[s]"), per_day)
    hours = rng.choice(24, size=n_orders, p=probabilities(cal.HOUR_WEIGHTS))
    seconds = hours * 3600 + rng.integers(0, 3600, n_orders)
    return np.sort(days + seconds.astype("timedelta64[s]"))
