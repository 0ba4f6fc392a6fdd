"""The visitors queries against the built warehouse: they follow the definitions of the marts they do not
read (the long funnel marts answer one dimension at a time, the dashboard combines filters), and the
breakdowns of the cube add up to its total and to the session fact."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from dashboard import data
from dashboard.filters import SessionFilters
from shoplens.warehouse import Warehouse
from tests.dashboard.dashboard_support import HAND_WEEK, owner_rows


@pytest.fixture
def everything(dashboard_warehouse: Warehouse) -> SessionFilters:
    """No filter at all: the data's own date bounds."""
    bounds = data.session_date_bounds().iloc[0]
    first, last = bounds["first_date"], bounds["last_date"]
    return SessionFilters(start=first, end=last, first_date=first, last_date=last)


def _mart(warehouse: Warehouse, query: str, columns: list[str], params: dict | None = None) -> pd.DataFrame:
    return pd.DataFrame(owner_rows(warehouse, query, params), columns=columns)


def test_funnel_steps_follow_mart_funnel_steps_for_a_week(
    dashboard_warehouse: Warehouse, everything: SessionFilters
) -> None:
    week = replace(everything, start=HAND_WEEK[0], end=date(2019, 3, 17))
    mine = data.funnel_steps(week).set_index("step_number")
    pairs = {  # dashboard column: mart_funnel_steps column
        "sessions_reached": "sessions_reached",
        "sessions_step_conversion_rate": "step_conversion_rate",
        "sessions_dropped": "sessions_dropped",
        "sessions_drop_off_rate": "drop_off_rate",
        "users_reached": "users_reached",
        "users_step_conversion_rate": "user_step_conversion_rate",
        "users_dropped": "users_dropped",
        "users_drop_off_rate": "user_drop_off_rate",
    }
    mart = _mart(
        dashboard_warehouse,
        f"select step_number, {', '.join(pairs.values())} from marts.mart_funnel_steps"  # noqa: S608
        " where period_grain = 'week' and period_start = %(week)s and dimension = 'all' order by step_number",
        ["step_number", *pairs],
        {"week": HAND_WEEK[0]},
    ).set_index("step_number")
    assert len(mart) == 5
    for column in pairs:
        assert mine[column].astype(float).round(6).tolist() == mart[column].astype(float).tolist(), column


def test_session_counts_of_the_funnel_add_up_like_the_daily_rows_of_the_mart(
    dashboard_warehouse: Warehouse, everything: SessionFilters
) -> None:
    mine = data.funnel_steps(everything).set_index("step_number")["sessions_reached"]
    mart = _mart(
        dashboard_warehouse,
        "select step_number, sum(sessions_reached) from marts.mart_funnel_steps"
        " where period_grain = 'day' and dimension = 'all' group by 1 order by 1",
        ["step_number", "sessions_reached"],
    ).set_index("step_number")["sessions_reached"]
    assert mine.tolist() == mart.tolist()


def test_cart_abandonment_follows_mart_cart_abandonment(
    dashboard_warehouse: Warehouse, everything: SessionFilters
) -> None:
    mine = data.cart_abandonment(everything)
    mine = mine[mine["breakdown"] == "total"].iloc[0]
    ((carts, abandoned, emptied, value, lines, abandoned_lines),) = owner_rows(
        dashboard_warehouse,
        "select sum(cart_sessions), sum(abandoned_carts), sum(emptied_carts), sum(abandoned_cart_value),"
        " sum(cart_lines), sum(abandoned_cart_lines)"
        " from marts.mart_cart_abandonment where dimension = 'all'",
    )
    assert (mine["cart_sessions"], mine["abandoned_carts"], mine["emptied_carts"]) == (
        carts,
        abandoned,
        emptied,
    )
    assert (mine["cart_lines"], mine["abandoned_cart_lines"]) == (lines, abandoned_lines)
    assert round(mine["abandoned_value"], 2) == float(value)


@pytest.mark.parametrize(
    ("breakdown", "dimension"), [("device", "device_type"), ("traffic_source", "traffic_source")]
)
def test_cart_abandonment_by_dimension_follows_the_rows_of_mart_cart_abandonment(
    dashboard_warehouse: Warehouse, everything: SessionFilters, breakdown: str, dimension: str
) -> None:
    # The cube groups by its own columns; the long mart by dimension value: two marts, one answer.
    mine = data.cart_abandonment(everything)
    mine = mine[mine["breakdown"] == breakdown]
    mine = {
        row.label: (row.cart_sessions, row.abandoned_carts, row.emptied_carts, row.abandoned_cart_lines)
        for row in mine.itertuples()
    }
    mart = owner_rows(
        dashboard_warehouse,
        "select dimension_value, sum(cart_sessions), sum(abandoned_carts), sum(emptied_carts),"
        " sum(abandoned_cart_lines) from marts.mart_cart_abandonment where dimension = %(dimension)s"
        " group by 1",
        {"dimension": dimension},
    )
    assert len(mine) > 1
    assert mine == {value: tuple(counts) for value, *counts in mart}


def test_drop_off_reasons_follow_mart_funnel_dropoff(
    dashboard_warehouse: Warehouse, everything: SessionFilters
) -> None:
    mine = data.drop_off_reasons(everything)
    mine = mine.groupby(["dropped_after_step", "drop_off_reason"])["dropped_sessions"].sum().to_dict()
    mart = owner_rows(
        dashboard_warehouse,
        "select dropped_after_step, drop_off_reason, sum(dropped_sessions) from marts.mart_funnel_dropoff"
        " where dimension = 'all' group by 1, 2",
    )
    assert mine == {(step, reason): n for step, reason, n in mart}


def test_every_breakdown_of_the_cube_adds_up_to_the_sessions_of_the_fact(
    dashboard_warehouse: Warehouse, everything: SessionFilters
) -> None:
    ((sessions, converted),) = owner_rows(
        dashboard_warehouse, "select count(*), count(*) filter (where converted) from marts.fct_sessions"
    )
    cube = data.conversion_breakdowns(everything)
    assert (cube["total"]["sessions"].iloc[0], cube["total"]["converted_sessions"].iloc[0]) == (
        sessions,
        converted,
    )
    for name, frame in cube.items():
        assert (frame["sessions"].sum(), frame["converted_sessions"].sum()) == (sessions, converted), name


def test_monthly_new_vs_returning_from_the_cube_equals_mart_visitors_monthly(
    dashboard_warehouse: Warehouse, everything: SessionFilters
) -> None:
    # Two marts, one question: the dashboard reads the cube (every filter applies there).
    mine = data.conversion_breakdowns(everything)["visitors_monthly"]
    mine = {
        (None if pd.isna(m) else pd.Timestamp(m).date(), int(n), t): s
        for m, n, t, s in mine[["session_month", "month_of_year", "visitor_type", "sessions"]].itertuples(
            index=False
        )
    }
    mart = owner_rows(
        dashboard_warehouse,
        "select session_month, month_of_year, visitor_type, sum(sessions) from marts.mart_visitors_monthly"
        " group by 1, 2, 3",
    )
    assert mine == {(month, n, kind): sessions for month, n, kind, sessions in mart}


def test_the_pager_past_the_last_dropped_session_gives_nothing(everything: SessionFilters) -> None:
    week = replace(everything, start=HAND_WEEK[0], end=HAND_WEEK[1])
    assert data.dropped_session_count(week) == 4
    session, events = data.dropped_session(week, None, None, 3)
    assert len(session) == 1 and not events.empty
    session, events = data.dropped_session(week, None, None, 4)
    assert session.empty and events.empty
