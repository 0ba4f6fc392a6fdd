"""Queries of the time patterns page: hour x weekday, and the daily and monthly trends of sessions.

Event sessions only have a day and an hour; UCI sessions appear in the monthly trend alone, by month
of year (the file gives no year).
"""

from __future__ import annotations

import pandas as pd
from psycopg import sql

from dashboard import metrics
from dashboard.filters import SessionFilters
from dashboard.queries import connection
from dashboard.queries.session_scope import DAILY, HOUR_WEEKDAY, MONTHLY, cached_query


@cached_query(HOUR_WEEKDAY)
def hour_weekday_activity(filters: SessionFilters) -> pd.DataFrame:
    """Sessions, events, conversions (with rate) and revenue per ISO weekday and hour of the start."""
    where, params = HOUR_WEEKDAY.where(filters)
    query = sql.SQL(
        """
        select
            day_of_week,
            hour_of_day,
            sum(sessions) as sessions,
            sum(events) as events,
            sum(converted_sessions) as converted_sessions,
            sum(revenue) as revenue
        from marts.mart_activity_hour_weekday
        where {where}
        group by day_of_week, hour_of_day
        having sum(sessions) > 0
        order by day_of_week, hour_of_day
        """
    ).format(where=where)
    return metrics.with_ratios(connection.read(query, params), "mart_activity_hour_weekday")


@cached_query(DAILY)
def daily_sessions(filters: SessionFilters) -> pd.DataFrame:
    """Per day: sessions, visitors, conversions (with rate), bounces, orders and revenue; days without
    sessions inside the range appear with zeros, so a gap shows as a gap."""
    where, params = DAILY.where(filters)
    query = sql.SQL(
        """
        select
            session_date,
            sum(sessions) as sessions,
            sum(visitors) as visitors,
            sum(converted_sessions) as converted_sessions,
            sum(bounces) as bounces,
            sum(orders) as orders,
            sum(revenue) as revenue
        from marts.mart_sessions_daily
        where {where}
        group by session_date
        order by session_date
        """
    ).format(where=where)
    frame = metrics.with_ratios(connection.read(query, params), "mart_sessions_daily")
    if frame.empty:
        return frame
    frame["session_date"] = pd.to_datetime(frame["session_date"])
    days = pd.date_range(
        frame["session_date"].min(), frame["session_date"].max(), freq="D", name="session_date"
    )
    filled = frame.set_index("session_date").reindex(days)
    counts = ["sessions", "visitors", "converted_sessions", "bounces", "orders", "revenue"]
    filled[counts] = filled[counts].fillna(0)
    return filled.reset_index()


@cached_query(MONTHLY)
def monthly_sessions(filters: SessionFilters) -> pd.DataFrame:
    """Per month and source kind: event sessions by calendar month (`session_month`), UCI sessions by
    month of year (session_month NULL). Sessions, conversions with rate, bounces, revenue."""
    where, params = MONTHLY.where(filters)
    query = sql.SQL(
        """
        select
            session_month,
            month_of_year,
            source,
            sum(sessions) as sessions,
            sum(converted_sessions) as converted_sessions,
            sum(bounces) as bounces,
            sum(revenue) as revenue
        from marts.mart_sessions_monthly
        where {where}
        group by session_month, month_of_year, source
        having sum(sessions) > 0
        order by source, session_month, month_of_year
        """
    ).format(where=where)
    frame = metrics.with_ratios(connection.read(query, params), "mart_sessions_monthly")
    frame["session_month"] = pd.to_datetime(frame["session_month"])
    return frame
