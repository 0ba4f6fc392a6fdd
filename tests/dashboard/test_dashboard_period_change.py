"""KPI changes against the previous period: the period arithmetic, and the overview's cards against
counts the owner login reads from fct_orders."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from dashboard import period_change
from tests.dashboard.dashboard_support import assert_clean, owner_rows

FEBRUARY = (date(2018, 2, 1), date(2018, 2, 28))


def test_the_previous_period_is_as_many_days_just_before() -> None:
    before = period_change.previous_period(*FEBRUARY, first_date=date(2016, 9, 4))
    assert (before.start, before.end) == (date(2018, 1, 4), date(2018, 1, 31))
    assert before.description == "vs 2018-01-04 – 2018-01-31"
    one_day = period_change.previous_period(date(2018, 2, 1), date(2018, 2, 1), date(2018, 1, 31))
    assert (one_day.start, one_day.end) == (date(2018, 1, 31), date(2018, 1, 31))
    # A previous period the data covers only in part gives no change at all.
    assert period_change.previous_period(date(2018, 2, 1), date(2018, 2, 1), date(2018, 2, 1)) is None
    assert period_change.previous_period(None, None, date(2018, 1, 1)) is None


def test_changes_read_as_percent_points_or_units() -> None:
    assert period_change.relative(125, 100) == "+25.0%"
    assert period_change.relative(90, 100) == "-10.0%"
    assert period_change.relative(5, 0) is None  # no growth rate from nothing
    assert period_change.points(0.081, 0.093) == "-1.2 pp"
    assert period_change.difference(4.12, 4.0) == "+0.12"
    assert period_change.difference(float("nan"), 4.0) is None


def _placed(warehouse, start: date, end: date) -> tuple[int, float]:
    ((orders, late_share),) = owner_rows(
        warehouse,
        # late share: late orders over orders with a delivery to judge (is_late not null), as the mart's
        "select count(*), avg(is_late::int)"
        " from marts.fct_orders where order_status_group = 'placed' and order_date between %s and %s",
        (start, end),
    )
    return orders, late_share


def test_the_overview_cards_show_their_change_against_the_previous_period(
    dashboard_warehouse, app: AppTest
) -> None:
    at = app.run()
    assert_clean(at)
    assert not any(metric.delta for metric in at.metric), "the whole range has no previous period"
    at.date_input(key="filter_purchase_date").set_value(FEBRUARY).run()
    assert_clean(at)
    cards = {metric.label: metric for metric in at.metric}
    before = period_change.previous_period(*FEBRUARY, first_date=date(2016, 9, 4))
    now_orders, now_late = _placed(dashboard_warehouse, *FEBRUARY)
    then_orders, then_late = _placed(dashboard_warehouse, before.start, before.end)
    assert cards["Orders"].delta == period_change.relative(now_orders, then_orders)
    assert cards["Late share"].delta == period_change.points(now_late, then_late)
    assert cards["Average review score"].delta is not None
