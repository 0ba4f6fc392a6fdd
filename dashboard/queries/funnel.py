"""Queries of the funnel page: steps (sessions and users), drop-off reasons, and the drill-down pager.

They read `marts.fct_session_funnel`, one row per event session with every dimension in columns,
because the sidebar combines filters (mobile AND email AND a date range) and users are not additive
over days: the long funnel marts answer one dimension at a time (see their docs). The definitions
are those of `mart_funnel_steps` (step conversion = reached / reached the step before; drop-off =
reached but not the next / reached), and a test holds the two equal.

The drill-down never loads all timelines: a count, then one session per page (limit 1 offset k),
then that session's events from `marts.mart_dropped_session_events`. That mart keeps the timelines
of the latest few dropped sessions per day, step and reason (dbt var dropped_session_timelines_per_day),
so the pager goes through those; the counts of all dropped sessions come from drop_off_reasons.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from psycopg import sql

from dashboard import formatting as fmt
from dashboard.filters import SessionFilters
from dashboard.queries import connection
from dashboard.queries.connection import CACHE_TTL_SECONDS
from dashboard.queries.session_scope import FUNNEL


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def funnel_steps(filters: SessionFilters) -> pd.DataFrame:
    """The five steps in order, each with the sessions and users that reached it, step conversion and
    drop-off (with the counts behind every rate). Empty when no session matches."""
    where, params = FUNNEL.where(filters)
    steps = list(enumerate(fmt.FUNNEL_STEPS, start=1))
    # Per user first (one hash aggregate), then users are a count of rows: much cheaper than a
    # count(distinct ...) per step on hundreds of thousands of sessions.
    per_user = sql.SQL(", ").join(
        sql.SQL("count(*) filter (where furthest_step_number >= {n}) as {name}").format(
            n=sql.Literal(number), name=sql.Identifier(f"{step}_sessions")
        )
        for number, step in steps
    )
    totals = sql.SQL(", ").join(
        sql.SQL(
            "sum({sessions}) as {sessions}, count(*) filter (where furthest_step_number >= {n}) as {users}"
        ).format(
            n=sql.Literal(number),
            sessions=sql.Identifier(f"{step}_sessions"),
            users=sql.Identifier(f"{step}_users"),
        )
        for number, step in steps
    )
    query = sql.SQL(
        """
        with users as (
            select
                count(*) as sessions,
                max(furthest_step_number) as furthest_step_number,
                {per_user}
            from marts.fct_session_funnel
            where {where}
            group by source, user_id
        )

        select coalesce(sum(sessions), 0) as sessions, count(*) as users, {totals}
        from users
        """
    ).format(per_user=per_user, where=where, totals=totals)
    totals = connection.read(query, params).iloc[0]
    if not totals["sessions"]:
        return pd.DataFrame()
    return pd.DataFrame([_step_row(totals, number, step) for number, step in enumerate(fmt.FUNNEL_STEPS, 1)])


def _step_row(totals: pd.Series, number: int, step: str) -> dict[str, Any]:
    """One step's counts and rates, as mart_funnel_steps defines them (the first step's previous step is
    every session; nobody drops out after the purchase)."""
    steps = fmt.FUNNEL_STEPS
    row: dict[str, Any] = {"step_number": number, "step": step, "step_label": fmt.step_label(step)}
    for level in ("sessions", "users"):
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


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def drop_off_reasons(filters: SessionFilters) -> pd.DataFrame:
    """Dropped sessions by the step they stopped after, their reason and first error message."""
    where, params = FUNNEL.where(filters)
    query = sql.SQL(
        """
        select
            dropped_after_step_number,
            dropped_after_step,
            drop_off_reason,
            coalesce(first_error_message, '(no error)') as first_error_message,
            count(*) as dropped_sessions,
            count(*) filter (where has_cart) as cart_sessions,
            sum(abandoned_value) as abandoned_value
        from marts.fct_session_funnel
        where dropped_after_step_number is not null and {where}
        group by 1, 2, 3, 4
        order by dropped_after_step_number, dropped_sessions desc, drop_off_reason, first_error_message
        """
    ).format(where=where)
    return connection.read(query, params)


def _dropped(filters: SessionFilters, step: str | None, reason: str | None) -> tuple[sql.Composable, dict]:
    """The dropped sessions of the selection that have a timeline, optionally after one step (by its
    number, which the marts index with the date) and for one reason. For `fct_session_funnel as sessions`."""
    where, params = FUNNEL.where(filters)
    condition = sql.SQL(
        "dropped_after_step_number is not null and {where}"
        " and (%(step_number)s::integer is null or dropped_after_step_number = %(step_number)s::integer)"
        " and (%(reason)s::text is null or drop_off_reason = %(reason)s::text)"
        " and exists ("
        "select 1 from marts.mart_dropped_session_events as timeline"
        " where timeline.session_id = sessions.session_id and timeline.event_seq = 1)"
    ).format(where=where)
    step_number = None if step is None else fmt.FUNNEL_STEPS.index(step) + 1
    return condition, {**params, "step_number": step_number, "reason": reason}


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def dropped_session_count(filters: SessionFilters, step: str | None = None, reason: str | None = None) -> int:
    """How many dropped sessions (with a timeline) the pager pages through."""
    condition, params = _dropped(filters, step, reason)
    query = sql.SQL("select count(*) as n from marts.fct_session_funnel as sessions where {}").format(
        condition
    )
    return int(connection.read(query, params)["n"].iloc[0])


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
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
            from marts.fct_session_funnel as sessions
            where {condition}
            -- session_date first: the mart's indexes lead with it (after the step number).
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
