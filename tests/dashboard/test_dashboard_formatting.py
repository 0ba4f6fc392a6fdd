"""Number formats and the rule that a rate never appears without its count."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import formatting as fmt


def test_brl_formats_reais_to_the_cent() -> None:
    assert fmt.brl(302792.03) == "R$ 302,792.03"
    assert fmt.brl(None) == "–"


def test_brl_compact_shortens_large_amounts() -> None:
    assert fmt.brl_compact(1_250_000) == "R$ 1.2M"
    assert fmt.brl_compact(45_300) == "R$ 45.3k"
    assert fmt.brl_compact(812.4) == "R$ 812"


def test_rate_with_count_names_the_count_and_flags_small_samples() -> None:
    assert fmt.rate_with_count(0.0806, 1261, "delivered orders") == "8.1% of 1,261 delivered orders"
    assert fmt.rate_with_count(1.0, 2, "sessions") == "100.0% of 2 sessions (small sample)"
    assert fmt.rate_with_count(None, 0, "sessions") == "no sessions"


def test_mean_with_count_names_the_count_and_flags_small_samples() -> None:
    assert fmt.mean_with_count(4.0911, 1950, "reviewed orders") == "4.09 from 1,950 reviewed orders"
    assert fmt.mean_with_count(5.0, 3, "reviewed orders") == "5.00 from 3 reviewed orders (small sample)"
    assert fmt.mean_with_count(None, 0, "reviewed orders") == "no reviewed orders"


def test_none_nan_and_pandas_na_are_all_missing() -> None:
    assert [fmt.is_missing(v) for v in (None, float("nan"), np.float64("nan"), pd.NA)] == [True] * 4
    assert [fmt.is_missing(v) for v in (0, 0.0, "", np.float64(1.5))] == [False] * 4
    assert fmt.count(pd.NA) == "–"


def test_months_and_weekdays_are_named_in_calendar_order() -> None:
    assert [fmt.month_name(n) for n in range(1, 13)] == list(fmt.MONTH_NAMES)
    assert fmt.month_name(6) == "Jun" and fmt.month_name(12) == "Dec"
    assert [fmt.weekday_name(n) for n in (1, 7)] == ["Mon", "Sun"]  # ISO weekdays, as the marts store them


def test_funnel_steps_are_in_order_and_read_as_words() -> None:
    assert fmt.FUNNEL_STEPS == ("product_view", "add_to_cart", "cart", "checkout", "purchase")
    assert fmt.step_label("add_to_cart") == "Add to cart"


def test_minutes_turn_seconds_into_minutes() -> None:
    assert fmt.minutes(754) == "12.6 min"
    assert fmt.minutes(None) == "–"


def test_halves_round_away_from_zero_as_postgres_rounds_numerics() -> None:
    # mart_insights writes its sentences with to_char(); the page formats the same numbers in Python.
    assert fmt.percent(0.0305) == "3.1%"  # a float's own rounding says 3.0%
    assert fmt.percent(0.0304999) == "3.0%"
    assert fmt.number(2.25, 1) == "2.3"
    assert fmt.number(-2.25, 1) == "-2.3"
    assert fmt.number(1234.5, 0) == "1,235"
