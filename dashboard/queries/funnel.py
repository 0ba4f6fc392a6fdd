"""Queries of the funnel page: steps (sessions and users), drop-off reasons, and the drill-down pager.

Sessions add up, so the funnel of sessions and the drop-off reasons are sums over the monthly cubes
(`marts.mart_funnel_cube`, `marts.mart_funnel_dropoff_cube`) under any combination of filters
(mobile AND email AND a date range, by whole months). Users do not add up across rows or days, so
the funnel of users counts them from `marts.fct_session_funnel` over the same months (where the
source and dates hold more than USERS_ON_REQUEST_ABOVE sessions, when the reader asks). The definitions
are those of `mart_funnel_steps` (step conversion = reached / reached the step before; drop-off =
reached but not the next / reached), and a test holds the two equal.

The drill-down never loads all timelines: a count and one session per page (limit 1 offset k) from
`marts.mart_dropped_sessions`, then that session's events from `marts.mart_dropped_session_events`.
Those marts keep the latest few dropped sessions per day, step and reason (dbt var
dropped_session_timelines_per_day), so the pager goes through those; the counts of all dropped
sessions come from drop_off_reasons.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from psycopg import sql

from dashboard import formatting as fmt
from dashboard.filters import Filter, SessionFilters
from dashboard.queries import connection
from dashboard.queries.session_scope import FUNNEL, FUNNEL_CUBE, cached_query

# Counting users takes one distinct count over the sessions of the source and dates (they do not add
# up across the cube's rows, and no index narrows the session fact by the other filters): 0.4 s even
# for 13k sessions of a device and a traffic source at 10M events, 1.9 s for 1M; 0.1 s for the cube.
# Where the source and dates hold more sessions than this, the page counts users when asked.
USERS_ON_REQUEST_ABOVE = 200_000


def sessions_to_scan(filters: SessionFilters) -> int:
    """The sessions of the selection's source and dates (from the cube): what counting its users reads."""
    others = set(filters.set_filters()) - {Filter.SESSION_DATE, Filter.SESSION_SOURCE}
    return int(_session_totals(filters.without(others))["sessions"])


def funnel_steps(filters: SessionFilters, *, users: bool = True) -> pd.DataFrame:
    """The five steps in order, each with the sessions (and, with `users`, the users) that reached it,
    step conversion and drop-off (with the counts behind every rate). Empty when no session matches."""
    levels = ("sessions", "users") if users else ("sessions",)
    totals = pd.concat([_session_totals(filters), *([_user_totals(filters)] if users else [])])
    if not totals["sessions"]:
        return pd.DataFrame()
    return pd.DataFrame(
        [_step_row(totals, number, step, levels) for number, step in enumerate(fmt.FUNNEL_STEPS, 1)]
    )


@cached_query(FUNNEL_CUBE)
def _session_totals(filters: SessionFilters) -> pd.Series:
    """sessions and <step>_sessions (those that reached each step): sums over the funnel cube."""
    where, params = FUNNEL_CUBE.where(filters)
    # The cube calls the cart page step cart_page_sessions: its cart_sessions are sessions with a cart.
    cube_columns = {"sessions": "sessions"} | {
        f"{step}_sessions": "cart_page_sessions" if step == "cart" else f"{step}_sessions"
        for step in fmt.FUNNEL_STEPS
    }
    sums = sql.SQL(", ").join(
        sql.SQL("coalesce(sum({}), 0) as {}").format(sql.Identifier(column), sql.Identifier(name))
        for name, column in cube_columns.items()
    )
    query = sql.SQL("select {sums} from marts.mart_funnel_cube where {where}").format(sums=sums, where=where)
    return connection.read(query, params).iloc[0].astype(int)


@cached_query(FUNNEL)
def _user_totals(filters: SessionFilters) -> pd.Series:
    """users and <step>_users: a user reached a step when any of their sessions in the selection did.

    Users do not add up across the cube's rows, so they are counted from the sessions: one max per
    user (a narrow hash aggregate), then users by their furthest step."""
    where, params = FUNNEL.where(filters)
    query = sql.SQL(
        """
        select furthest_step_number, count(*) as users
        from (
            select max(furthest_step_number) as furthest_step_number
            from marts.fct_session_funnel
            where {where}
            group by source, user_id
        ) as per_user
        group by furthest_step_number
        """
    ).format(where=where)
    furthest = connection.read(query, params)
    users = dict(zip(furthest["furthest_step_number"], furthest["users"], strict=True))
    reached = {
        f"{step}_users": sum(n for step_number, n in users.items() if step_number >= number)
        for number, step in enumerate(fmt.FUNNEL_STEPS, 1)
    }
    return pd.Series({"users": sum(users.values()), **reached}, dtype=int)


def _step_row(totals: pd.Series, number: int, step: str, levels: tuple[str, ...]) -> dict[str, Any]:
    """One step's counts and rates, as mart_funnel_steps defines them (the first step's previous step is
    every session; nobody drops out after the purchase)."""
    steps = fmt.FUNNEL_STEPS
    row: dict[str, Any] = {"step_number": number, "step": step, "step_label": fmt.step_label(step)}
    for level in levels:
        count = int(totals[f"{step}_{level}"])
        previous = int(totals[level] if number == 1 else totals[f"{steps[number - 2]}_{level}"])
        following = count if number == len(steps) else int(totals[f"{steps[number]}_{level}"])
        row |= {
            f"{level}": int(totals[level]),
            f"{level}_reached": count,
            f"{level}_reach_rate": _ratio(count, int(totals[level])),
            f"previous_step_{level}": previous,
            f"{level}_step_conversion_rate": _ratio(count, previous),
            f"{level}_dropped": count - following,
            f"{level}_drop_off_rate": _ratio(count - following, count),
        }
    return row


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@cached_query(FUNNEL_CUBE)
def drop_off_reasons(filters: SessionFilters) -> pd.DataFrame:
    """Dropped sessions by the step they stopped after, their reason and first error message."""
    where, params = FUNNEL_CUBE.where(filters)
    query = sql.SQL(
        """
        select
            dropped_after_step_number,
            dropped_after_step,
            drop_off_reason,
            first_error_message,
            sum(dropped_sessions) as dropped_sessions,
            sum(cart_sessions) as cart_sessions,
            sum(abandoned_value) as abandoned_value
        from marts.mart_funnel_dropoff_cube
        where {where}
        group by 1, 2, 3, 4
        order by dropped_after_step_number, dropped_sessions desc, drop_off_reason, first_error_message
        """
    ).format(where=where)
    return connection.read(query, params)


def _dropped(filters: SessionFilters, step: str | None, reason: str | None) -> tuple[sql.Composable, dict]:
    """The dropped sessions of the selection that have a timeline, optionally after one step and for one
    reason: rows of `mart_dropped_sessions` (one per session, with its dimensions)."""
    where, params = FUNNEL.where(filters)
    condition = sql.SQL(
        "{where}"
        " and (%(step_number)s::integer is null or dropped_after_step_number = %(step_number)s::integer)"
        " and (%(reason)s::text is null or drop_off_reason = %(reason)s::text)"
    ).format(where=where)
    step_number = None if step is None else fmt.FUNNEL_STEPS.index(step) + 1
    return condition, {**params, "step_number": step_number, "reason": reason}


@cached_query(FUNNEL)
def dropped_session_count(filters: SessionFilters, step: str | None = None, reason: str | None = None) -> int:
    """How many dropped sessions (with a timeline) the pager pages through."""
    condition, params = _dropped(filters, step, reason)
    query = sql.SQL("select count(*) as n from marts.mart_dropped_sessions where {}").format(condition)
    return int(connection.read(query, params)["n"].iloc[0])


@cached_query(FUNNEL)
def dropped_session(
    filters: SessionFilters, step: str | None, reason: str | None, offset: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Page `offset` (0-based, latest session first) of the pager: the session's facts (one row) and its
    ordered events. Both empty past the last session."""
    condition, params = _dropped(filters, step, reason)
    session = connection.read(
        sql.SQL(
            """
            select
                session_id, source, user_id, started_at, ended_at, session_date, device_type, browser,
                os, region, traffic_source, visitor_type, events, dropped_after_step, drop_off_reason,
                first_error_message, cart_adds, abandoned_value
            from marts.mart_dropped_sessions
            where {condition}
            order by session_date desc, started_at desc, session_id
            limit 1 offset %(offset)s
            """
        ).format(condition=condition),
        {**params, "offset": max(int(offset), 0)},
    )
    if session.empty:
        return session, pd.DataFrame()
    events = connection.read(
        sql.SQL(
            """
            select
                event_seq, seconds_since_start, event_time, event_type, reached_step_number, page_type,
                page_path, product_id, category, price, quantity, search_query, element, element_text
            from marts.mart_dropped_session_events
            where session_id = %(session_id)s
            order by event_seq
            """
        ),
        {"session_id": session["session_id"].iloc[0]},
    )
    return session, events
