"""Time patterns: when visitors come and when they buy (hour x weekday), and the daily and monthly trends."""

from functools import partial

import streamlit as st

from dashboard import charts, components, data, filters, sidebar

active = filters.active_sessions()
st.title("Time patterns")
sidebar.show_active(active)
NO_DATED = components.SESSION_EMPTY_MESSAGE + (
    " (UCI sessions have no date or time of day: they appear by month only.)" if active.shows_uci else ""
)

left, right = st.columns(2)
for column, value in ((left, "sessions"), (right, "conversion_rate")):
    activity = data.hour_weekday_activity(active.for_chart(f"hour_weekday_{value}"))
    with column:
        components.chart_panel(
            f"hour_weekday_{value}",
            activity,
            partial(charts.hour_weekday_heatmap, value=value),
            filters=active,
            caption="The shop's local time at the start of each session; hover a cell for its counts.",
            table=activity.round({"conversion_rate": 4, "revenue": 2}),
            empty_message=NO_DATED,
        )

daily = data.daily_sessions(active.for_chart("daily_sessions"))
components.chart_panel(
    "daily_sessions",
    daily,
    charts.daily_trend,
    filters=active,
    table=daily.round({"conversion_rate": 4, "revenue": 2}),
    empty_message=NO_DATED,
)

monthly = data.monthly_sessions(active.for_chart("monthly_sessions"))
components.chart_panel(
    "monthly_sessions",
    monthly,
    charts.monthly_trend,
    filters=active,
    table=monthly.round({"conversion_rate": 4, "revenue": 2}),
    empty_message=components.SESSION_EMPTY_MESSAGE,
)
