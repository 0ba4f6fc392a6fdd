"""Filters and scopes without Streamlit or a database: what a selection narrows, what a chart says about
it, and the SQL conditions each session mart gets from it."""

from __future__ import annotations

from datetime import date

from dashboard.filters import Filter, Filters, FilterScope, SessionFilters, period_span
from dashboard.queries.session_scope import CATALOG, CUBE, FUNNEL, HOUR_WEEKDAY, MONTHLY

BOUNDS = {"first_date": date(2017, 1, 2), "last_date": date(2019, 10, 31)}
EVERYTHING = SessionFilters(start=date(2017, 1, 2), end=date(2019, 10, 31), **BOUNDS)


def _sql(composable) -> str:
    return composable.as_string(None)


def test_no_selection_gives_no_condition_so_undated_uci_sessions_stay_in() -> None:
    where, params = CUBE.where(EVERYTHING)
    assert _sql(where) == "true" and params == {}


def test_a_narrowed_range_takes_the_whole_periods_it_touches_on_weekly_and_monthly_marts() -> None:
    wednesday_to_friday = SessionFilters(start=date(2019, 3, 13), end=date(2019, 3, 15), **BOUNDS)
    where, params = HOUR_WEEKDAY.where(wednesday_to_friday)
    assert _sql(where) == '"session_week" >= %(date_from)s and "session_week" <= %(date_to)s'
    assert params == {"date_from": date(2019, 3, 11), "date_to": date(2019, 3, 15)}
    _, daily = FUNNEL.where(wednesday_to_friday)
    assert daily["date_from"] == date(2019, 3, 13)  # a daily mart takes the days as they are
    for monthly in (CUBE, MONTHLY):
        assert monthly.where(wednesday_to_friday)[1]["date_from"] == date(2019, 3, 1)


def test_dimension_values_become_one_parameterised_condition_each() -> None:
    chosen = SessionFilters(
        **{**EVERYTHING.__dict__, "devices": ("mobile",), "browsers": ("Chrome", "UCI 2")}
    )
    where, params = CUBE.where(chosen)
    text = _sql(where)
    assert "coalesce(\"device_type\", 'unknown') = any(%(values_device)s::text[])" in text
    assert "case when source = 'uci' then 'UCI ' || \"browser\"" in text  # UCI codes read 'UCI 2'
    assert params == {"values_device": ["mobile"], "values_browser": ["Chrome", "UCI 2"]}


def test_a_mart_without_a_dimension_ignores_it_in_sql_and_names_it_under_its_charts() -> None:
    chosen = SessionFilters(**{**EVERYTHING.__dict__, "devices": ("mobile",), "sources": ("events",)})
    where, params = HOUR_WEEKDAY.where(chosen)
    assert list(params) == ["values_session_source"]
    assert HOUR_WEEKDAY.scope().note(chosen) == (
        "Not filtered by device: the hour x weekday mart keeps only week and source."
    )
    assert CUBE.scope().note(chosen) is None


def test_weekly_and_monthly_charts_name_the_periods_a_narrowed_range_covers() -> None:
    narrowed = SessionFilters(start=date(2019, 3, 13), end=date(2019, 3, 15), **BOUNDS)
    assert HOUR_WEEKDAY.scope().note(narrowed).endswith("Dates by whole weeks here: 2019-03-11 – 2019-03-17.")
    assert CUBE.scope().note(narrowed) == "Dates by whole months here: 2019-03-01 – 2019-03-31."
    assert CUBE.scope().note(EVERYTHING) is None
    assert FUNNEL.scope().note(narrowed) is None  # daily: the range is exact


def test_product_figures_say_they_cover_every_date() -> None:
    narrowed = SessionFilters(start=date(2019, 3, 13), end=date(2019, 3, 15), **BOUNDS)
    assert CATALOG.scope().note(narrowed) == (
        "Not filtered by session date: product and category figures are totals over all dates, per source."
    )


def test_session_chips_show_date_and_source_always_and_other_filters_when_set() -> None:
    assert EVERYTHING.chips() == [
        "session date: 2017-01-02 – 2019-10-31 (all, with undated UCI sessions)",
        "source: all",
    ]
    chosen = SessionFilters(start=date(2018, 1, 1), end=date(2018, 1, 31), regions=("SP", "RJ"), **BOUNDS)
    assert chosen.chips() == [
        "session date: 2018-01-01 – 2018-01-31 (UCI sessions have no date: left out)",
        "source: all",
        "region: SP, RJ",
    ]
    assert SessionFilters().chips()[0] == "session date: no dated sessions"


def test_orders_scopes_only_name_the_orders_filters() -> None:
    orders = Filters(start=date(2017, 1, 1), end=date(2017, 6, 30), states=("SP",), **BOUNDS)
    scope = FilterScope(frozenset({Filter.PURCHASE_DATE}), "retention follows people.")
    assert scope.note(orders) == "Not filtered by customer state: retention follows people."


def test_period_span_ends_on_the_last_day_of_the_last_month() -> None:
    assert period_span(date(2019, 1, 31), date(2019, 2, 3), "month") == (date(2019, 1, 1), date(2019, 2, 28))
    assert period_span(date(2019, 3, 17), date(2019, 3, 18), "week") == (date(2019, 3, 11), date(2019, 3, 24))
