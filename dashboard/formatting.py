"""Colours, number formats and month labels for the dashboard, defined once for every page and chart."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

# Colours: one accent for single-series charts, a sequential scale for magnitudes, greys for "no data".
ACCENT = "#2563eb"
SECONDARY = "#f59e0b"
MUTED = "#94a3b8"
NO_DATA = "#e5e7eb"
# A period at the edge of the data that it covers only in part: drawn paler, never read as a drop.
PARTIAL = "#93c5fd"
# Maps: the lowest value is still a visible blue on white, and distinct from the NO_DATA grey.
SEQUENTIAL_SCALE = [[0.0, "#bfdbfe"], [0.5, "#3b82f6"], [1.0, "#1e3a8a"]]
# Cohort cells: 0% retention should read as empty (white), so this scale starts at white.
HEATMAP_SCALE = "Blues"
# Sessions: converted vs not, and the funnel's losses.
CONVERTED = "#059669"
NOT_CONVERTED = "#64748b"
DROPPED = "#dc2626"
# Drop-off reasons, always the same colour for the same reason (other values get MUTED).
REASON_COLOURS = {
    "no error": "#94a3b8",
    "payment failure": "#dc2626",
    "out of stock": "#f59e0b",
    "other error": "#a855f7",
    "cancelled order": "#0ea5e9",
    "emptied cart": "#14b8a6",
    "purchased out of order": "#22c55e",
}
# Visitor types, in the order they are drawn.
VISITOR_COLOURS = {"new": ACCENT, "returning": SECONDARY, "other": MUTED}

# Calendar order, defined once: months 1-12 and ISO weekdays 1 (Monday) to 7 (Sunday).
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# The funnel's steps in order, by the names the marts give them (funnel_step_name in dbt).
FUNNEL_STEPS = ("product_view", "add_to_cart", "cart", "checkout", "purchase")

# A rate over fewer rows than this is flagged: 100% of two orders must never look like a finding.
SMALL_SAMPLE = 30
# Percent axis ticks with the decimals they need and no more: "0.5%, 1%, 1.5%", never "1%, 1%, 2%".
PERCENT_TICKS = ".3~%"

CURRENCY_PREFIX = "R$ "


def is_missing(value: object) -> bool:
    """None, NaN (numpy's too) or pandas' NA: a value to show as '–', or leave blank in a chart."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def brl(value: float | None, decimals: int = 2) -> str:
    """Brazilian reais, e.g. 'R$ 302,792.03' (English separators, like the rest of the app)."""
    if is_missing(value):
        return "–"
    return f"{CURRENCY_PREFIX}{float(value):,.{decimals}f}"


def brl_compact(value: float | None) -> str:
    """Short reais for tiles and labels: 'R$ 1.2M', 'R$ 45.3k', 'R$ 812'."""
    if is_missing(value):
        return "–"
    amount = float(value)
    for threshold, suffix in ((1e6, "M"), (1e3, "k")):
        if abs(amount) >= threshold:
            return f"{CURRENCY_PREFIX}{amount / threshold:.1f}{suffix}"
    return f"{CURRENCY_PREFIX}{amount:.0f}"


def count(value: float | None) -> str:
    """A whole count with thousands separators, e.g. '2,000'."""
    if is_missing(value):
        return "–"
    return f"{int(value):,}"


def _half_up(value: float, decimals: int, scale: int = 1) -> Decimal:
    """Rounded half away from zero, as PostgreSQL's round() and to_char() round numerics, so a number
    the page formats reads as the same number in a sentence dbt wrote (0.0305 -> 3.1%, not 3.0%)."""
    return (Decimal(repr(float(value))) * scale).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def number(value: float | None, decimals: int = 1) -> str:
    if is_missing(value):
        return "–"
    return f"{_half_up(value, decimals):,.{decimals}f}"


def percent(rate: float | None, decimals: int = 1) -> str:
    """A rate in [0, 1] as a percentage, e.g. 0.081 -> '8.1%'."""
    if is_missing(rate):
        return "–"
    return f"{_half_up(rate, decimals, scale=100):.{decimals}f}%"


def is_small_sample(n: float | None) -> bool:
    return is_missing(n) or int(n) < SMALL_SAMPLE


def rate_with_count(rate: float | None, n: float | None, noun: str) -> str:
    """A rate always shown with the count behind it: '8.1% of 1,261 delivered orders'."""
    return _with_count(lambda: f"{percent(rate)} of {count(n)} {noun}", n, noun)


def mean_with_count(value: float | None, n: float | None, noun: str, decimals: int = 2) -> str:
    """An average with the count it is taken over: '4.09 from 1,950 reviewed orders'."""
    return _with_count(lambda: f"{number(value, decimals)} from {count(n)} {noun}", n, noun)


def _with_count(text: Callable[[], str], n: float | None, noun: str) -> str:
    """'no <noun>' when there is nothing to count, and a warning when there is little."""
    if is_missing(n) or int(n) == 0:
        return f"no {noun}"
    return text() + (" (small sample)" if is_small_sample(n) else "")


def month_label(month: pd.Timestamp | object) -> str:
    """'2017-11' for a month start; used for cohort rows so they sort in calendar order."""
    return pd.Timestamp(month).strftime("%Y-%m")


def month_name(month_of_year: int) -> str:
    """'Jan' for 1: month labels in calendar order, never alphabetical."""
    return MONTH_NAMES[int(month_of_year) - 1]


def weekday_name(iso_weekday: int) -> str:
    """'Mon' for 1 ... 'Sun' for 7 (ISO weekdays, as the marts store them)."""
    return WEEKDAY_NAMES[int(iso_weekday) - 1]


def step_label(step: str) -> str:
    """'Add to cart' for 'add_to_cart': a funnel step name as people read it."""
    return step.replace("_", " ").capitalize()


def minutes(seconds: float | None) -> str:
    """A duration in minutes, e.g. 754 s -> '12.6 min'."""
    if is_missing(seconds):
        return "–"
    return f"{float(seconds) / 60:,.1f} min"
