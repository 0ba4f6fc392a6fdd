"""Queries of the Live page: the last hour of the clickstream by minute, and how fresh it is.

They read `marts.mart_live_minutes` only (a few hundred rows: the last hours by minute and source),
never the events or the sessions, so a refresh every few seconds costs nothing on a large warehouse.
The cache lives a few seconds only: each refresh of the page sees what the last build wrote.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from psycopg import sql

from dashboard.queries import connection

LIVE_CACHE_SECONDS = 3
LIVE_MINUTES = 60


@st.cache_data(ttl=LIVE_CACHE_SECONDS, show_spinner=False)
def live_sources() -> pd.DataFrame:
    """The sources with events in the live window, the busiest first, and when the mart was built."""
    query = sql.SQL(
        """
        select
            source, sum(events) as events, max(minute_start) as last_minute, max(refreshed_at) as refreshed_at
        from marts.mart_live_minutes
        group by source
        order by sum(events) desc, source
        """
    )
    return connection.read(query)


@st.cache_data(ttl=LIVE_CACHE_SECONDS, show_spinner=False)
def live_minutes(source: str, minutes: int = LIVE_MINUTES) -> pd.DataFrame:
    """One source's last `minutes` minutes (UTC minute starts), each with its events, active sessions,
    sessions started, converting sessions, purchases and revenue; minutes without events are absent."""
    query = sql.SQL(
        """
        select
            minute_start, events, active_sessions, sessions_started, converting_sessions, purchases, revenue
        from marts.mart_live_minutes
        where source = %(source)s and minute_start >= now() - make_interval(mins => %(minutes)s)
        order by minute_start
        """
    )
    return connection.read(query, {"source": source, "minutes": minutes})
