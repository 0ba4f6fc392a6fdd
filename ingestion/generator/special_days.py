"""Brazil's retail calendar: the special days, and how they shape the web traffic of each day.

Web traffic follows the order timeline (the shop's growth, weekdays and its own Black Friday peak, from
timeline.daily_weights), raised over the days before each special day, when people shop for gifts.
"""

from __future__ import annotations

import calendar
import datetime as dt

import numpy as np
import pandas as pd

from ingestion.generator import clickstream_calibration as ccal
from ingestion.generator.timeline import daily_weights


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday (Monday = 0) of a month."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _black_friday(year: int) -> dt.date:
    # The day after the US Thanksgiving (4th Thursday of November), as Brazilian retail adopted it.
    return _nth_weekday(year, 11, calendar.THURSDAY, 4) + dt.timedelta(days=1)


def special_days(year: int) -> dict[str, dt.date]:
    """The special days of a year, by campaign name."""
    return {
        "dia_das_maes": _nth_weekday(year, 5, calendar.SUNDAY, 2),
        "dia_dos_namorados": dt.date(year, 6, 12),
        "dia_dos_pais": _nth_weekday(year, 8, calendar.SUNDAY, 2),
        "dia_das_criancas": dt.date(year, 10, 12),
        "black_friday": _black_friday(year),
        "natal": dt.date(year, 12, 25),
    }


def seasonal_calendar(days: pd.DatetimeIndex) -> pd.DataFrame:
    """For each day: the traffic factor of the season (1 on an ordinary day) and its campaign ("" if none).

    A special day's window covers the `window` days before it and the day itself; the factor ramps up
    towards the day. Where windows overlap, the stronger season wins.
    """
    factor = np.ones(len(days))
    campaign = np.full(len(days), "", dtype=object)
    for year in sorted({d.year for d in days}):
        for name, day in special_days(year).items():
            window, boost = ccal.SPECIAL_DAY_WINDOWS[name]
            before = (pd.Timestamp(day) - days).days.to_numpy()
            inside = (before >= 0) & (before <= window)
            ramp = 1 + boost * (1 - before / (window + 1))
            stronger = inside & (ramp > factor)
            factor[stronger] = ramp[stronger]
            campaign[stronger] = name
    return pd.DataFrame({"factor": factor, "campaign": campaign}, index=days)


def traffic_weights(start: dt.date, end: dt.date) -> pd.DataFrame:
    """Daily share of web sessions between start and end (inclusive), and each day's season campaign."""
    orders = daily_weights()
    orders.index = pd.DatetimeIndex(orders.index)
    days = pd.date_range(start, end, freq="D")
    seasons = seasonal_calendar(days)
    weights = orders.reindex(days, fill_value=0.0).to_numpy() * seasons["factor"].to_numpy()
    total = weights.sum()
    return pd.DataFrame(
        {"weight": weights / total if total > 0 else weights, "campaign": seasons["campaign"].to_numpy()},
        index=days,
    )
