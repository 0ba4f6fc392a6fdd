"""Filters and scopes without Streamlit or a database: what a selection narrows, what a chart says about
it, and the SQL conditions each session mart gets from it."""

from __future__ import annotations

from datetime import date

from dashboard.chart_catalog import targets_for
from dashboard.filters import KPIS_ONLY, Filter, Filters, FilterScope, SessionFilters, period_span
from dashboard.queries.session_scope import (
    CATALOG,
    CUBE,
    DAILY,
    FUNNEL,
    FUNNEL_CUBE,
    HOUR_WEEKDAY,
    MONTHLY,
    cached_query,
)

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
    assert params == {"date_from": date(2019, 3, 11), "date_to": date(2019, 3, 17)}
    _, daily = DAILY.where(wednesday_to_friday)
    assert (daily["date_from"], daily["date_to"]) == (date(2019, 3, 13), date(2019, 3, 15))  # as they are
    for monthly in (CUBE, MONTHLY, FUNNEL_CUBE):
        assert monthly.where(wednesday_to_friday)[1]["date_from"] == date(2019, 3, 1)
    # The funnel's sessions read by whole months, so its users (a day column) take the same month.
    _, users = FUNNEL.where(wednesday_to_friday)
    assert (users["date_from"], users["date_to"]) == (date(2019, 3, 1), date(2019, 3, 31))


def test_a_query_is_cached_on_the_filters_its_mart_applies_only() -> None:
    mobile = SessionFilters(**{**EVERYTHING.__dict__, "devices": ("mobile",), "sources": ("events",)})
    desktop = SessionFilters(**{**mobile.__dict__, "devices": ("desktop",)})
    assert (
        HOUR_WEEKDAY.keyed(mobile)
        == HOUR_WEEKDAY.keyed(desktop)
        == HOUR_WEEKDAY.keyed(SessionFilters(**{**EVERYTHING.__dict__, "sources": ("events",)}))
    )
    assert CUBE.keyed(mobile) != CUBE.keyed(desktop)
    runs = []

    @cached_query(HOUR_WEEKDAY)
    def hour_weekday_query(filters: SessionFilters) -> tuple[str, ...]:
        runs.append(filters)
        return filters.devices

    # A device change cannot narrow the hour x weekday mart: the second call is the cache's answer.
    assert hour_weekday_query(mobile) == hour_weekday_query(desktop) == ()
    assert len(runs) == 1


def test_dimension_values_become_one_parameterised_condition_each() -> None:
    chosen = SessionFilters(
        **{**EVERYTHING.__dict__, "devices": ("mobile",), "browsers": ("Chrome", "UCI 2")}
    )
    where, params = CUBE.where(chosen)
    text = _sql(where)
    # The cube names a missing device 'unknown' itself: its column as it is, so statistics apply.
    assert '"device_type" = any(%(values_device)s::text[])' in text
    assert "case when source = 'uci' then 'UCI ' || \"browser\"" in text  # UCI codes read 'UCI 2'
    assert params == {"values_device": ["mobile"], "values_browser": ["Chrome", "UCI 2"]}
    # The session fact has NULLs: a missing device reads 'unknown' there.
    where, _ = FUNNEL.where(chosen)
    assert "coalesce(\"device_type\", 'unknown') = any(%(values_device)s::text[])" in _sql(where)


def test_a_mart_without_a_dimension_leaves_it_out_of_sql_and_its_charts_are_not_drawn() -> None:
    chosen = SessionFilters(**{**EVERYTHING.__dict__, "devices": ("mobile",), "sources": ("events",)})
    where, params = HOUR_WEEKDAY.where(chosen)
    assert list(params) == ["values_session_source"]
    assert HOUR_WEEKDAY.scope().blocked(chosen) == [Filter.DEVICE]
    assert (
        HOUR_WEEKDAY.scope()
        .blocked_note(chosen)
        .startswith(
            "This chart cannot be filtered by device: the hour x weekday mart keeps only week and source."
        )
    )
    assert CUBE.scope().blocked(chosen) == []


def test_weekly_and_monthly_charts_name_the_periods_a_narrowed_range_covers() -> None:
    narrowed = SessionFilters(start=date(2019, 3, 13), end=date(2019, 3, 15), **BOUNDS)
    assert HOUR_WEEKDAY.scope().note(narrowed).endswith("Dates by whole weeks here: 2019-03-11 – 2019-03-17.")
    assert CUBE.scope().note(narrowed) == "Dates by whole months here: 2019-03-01 – 2019-03-31."
    assert CUBE.scope().note(EVERYTHING) is None
    assert FUNNEL.scope().note(narrowed) == "Dates by whole months here: 2019-03-01 – 2019-03-31."
    assert DAILY.scope().note(narrowed) is None  # daily: the range is exact


def test_product_figures_cannot_take_a_date_range() -> None:
    narrowed = SessionFilters(start=date(2019, 3, 13), end=date(2019, 3, 15), **BOUNDS)
    assert CATALOG.scope().blocked(narrowed) == [Filter.SESSION_DATE]
    assert "product and category figures are totals over all dates, per source." in (
        CATALOG.scope().blocked_note(narrowed)
    )


def test_session_chips_name_only_the_filters_that_narrow() -> None:
    assert EVERYTHING.chips() == {}
    chosen = SessionFilters(
        start=date(2018, 1, 1), end=date(2018, 1, 31), sources=("events",), regions=("SP", "RJ"), **BOUNDS
    )
    assert list(chosen.chips().values()) == [
        "session date: 2018-01-01 – 2018-01-31",
        "source: events",
        "region: SP, RJ",
    ]


def test_the_uci_wording_shows_only_while_uci_is_the_source() -> None:
    dated = {"start": date(2018, 1, 1), "end": date(2018, 1, 31), **BOUNDS}
    assert "UCI" not in SessionFilters(sources=("events",), **dated).chips()[Filter.SESSION_DATE]
    uci = SessionFilters(sources=("uci",), **dated)
    assert uci.shows_uci and uci.chips()[Filter.SESSION_DATE].endswith(
        "(UCI sessions have no date: left out)"
    )


def test_orders_charts_that_cannot_apply_the_state_are_blocked() -> None:
    orders = Filters(start=date(2017, 1, 1), end=date(2017, 6, 30), states=("SP",), **BOUNDS)
    scope = FilterScope(frozenset({Filter.PURCHASE_DATE}), "retention follows people.")
    assert scope.blocked(orders) == [Filter.CUSTOMER_STATE]


def test_a_filter_aimed_at_one_chart_reaches_that_chart_only() -> None:
    chosen = SessionFilters(
        **{
            **EVERYTHING.__dict__,
            "sources": ("events",),
            "devices": ("mobile",),
            "regions": ("SP",),
            "targets": ((Filter.DEVICE, "device"), (Filter.REGION, KPIS_ONLY)),
        }
    )
    for_device = chosen.for_chart("device")
    assert (for_device.devices, for_device.regions, for_device.sources) == (("mobile",), (), ("events",))
    for_other = chosen.for_chart("browser")
    assert (for_other.devices, for_other.regions, for_other.sources) == ((), (), ("events",))
    for_kpis = chosen.for_kpis()
    assert (for_kpis.devices, for_kpis.regions, for_kpis.sources) == ((), ("SP",), ("events",))
    # What a chart sees carries no targets: its cache key is the selection it queries.
    assert for_device.targets == ()


def test_a_date_range_aimed_at_the_kpis_leaves_the_charts_on_every_date() -> None:
    narrowed = Filters(
        start=date(2018, 1, 1),
        end=date(2018, 1, 31),
        targets=((Filter.PURCHASE_DATE, KPIS_ONLY),),
        **BOUNDS,
    )
    assert (narrowed.for_kpis().start, narrowed.for_kpis().end) == (date(2018, 1, 1), date(2018, 1, 31))
    chart = narrowed.for_chart("monthly_revenue")
    assert (chart.start, chart.end) == (BOUNDS["first_date"], BOUNDS["last_date"])
    assert not chart.narrows_dates


def test_every_filter_has_a_chart_it_can_target() -> None:
    for which in Filter:
        assert targets_for(which), which


def test_period_span_ends_on_the_last_day_of_the_last_month() -> None:
    assert period_span(date(2019, 1, 31), date(2019, 2, 3), "month") == (date(2019, 1, 1), date(2019, 2, 28))
    assert period_span(date(2019, 3, 17), date(2019, 3, 18), "week") == (date(2019, 3, 11), date(2019, 3, 24))
