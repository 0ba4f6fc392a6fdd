"""Number formats and the rule that a rate never appears without its count."""

from __future__ import annotations

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


def test_month_names_come_in_calendar_order_not_alphabetical() -> None:
    assert fmt.month_names_in_order(["Nov", "Feb", "Dec", "Aug"]) == ["Feb", "Aug", "Nov", "Dec"]
