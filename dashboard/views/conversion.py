"""Conversion by dimension: which days, months, browsers, devices, regions and sources convert.

Every breakdown comes from the conversion cube in one query, so any filter is fast (weekday x traffic
from its own mart: the cube keeps weekend or not); the engagement of converted vs other sessions
needs the sessions themselves (their spread, not only sums).
"""

import functools
from dataclasses import replace
from functools import partial

import pandas as pd
import streamlit as st

from dashboard import charts, components, data, filters, metrics, period_change, sidebar
from dashboard import formatting as fmt
from dashboard.filters import Filter

active = filters.active_sessions()
st.title("Conversion by dimension")
sidebar.show_active(active)

# Within a run, each selection's breakdowns come out of Streamlit's cache once, not once per chart
# (a cache read unpickles every breakdown of the selection).
conversion_breakdowns = functools.cache(data.conversion_breakdowns)
kpi_filters = active.for_kpis()
kpi_cube = conversion_breakdowns(kpi_filters)
if kpi_cube["total"].empty:
    st.info(components.SESSION_EMPTY_MESSAGE)
    st.stop()
total = kpi_cube["total"].iloc[0]
# The KPIs' change against as many days just before (none for undated UCI sessions or the whole range).
before = period_change.previous_period(kpi_filters.start, kpi_filters.end, kpi_filters.first_date)
previous = None
if before is not None:
    earlier = conversion_breakdowns(replace(kpi_filters, start=before.start, end=before.end))["total"]
    previous = None if earlier.empty else earlier.iloc[0]
since = None if before is None else before.description


def change(column: str, how=period_change.relative) -> str | None:
    return None if previous is None else how(total[column], previous[column])


def breakdown(key: str) -> pd.DataFrame:
    """One breakdown, as the filters aimed at its chart select it (one cached query per selection)."""
    return conversion_breakdowns(active.for_chart(key))[key]


TABLE_COLUMNS = [
    "label",
    "label_2",
    "sessions",
    "converted_sessions",
    "conversion_rate",
    "bounces",
    "bounce_rate",
]


def table(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows behind a breakdown chart: every rate next to its counts."""
    shown = frame[[c for c in [*TABLE_COLUMNS, "revenue"] if c in frame]]
    # Each rate's 95% Wilson interval beside it, so a small group's rate reads with its uncertainty.
    shown = metrics.with_intervals(shown, "conversion_rate", "converted_sessions", "sessions")
    return shown.round(
        {
            "conversion_rate": 4,
            "conversion_rate_low": 4,
            "conversion_rate_high": 4,
            "bounce_rate": 4,
            "revenue": 2,
        }
    )


# The breakdowns whose bars are values of a sidebar filter: clicking one filters by it.
CLICK_FILTERS = {
    "device": Filter.DEVICE,
    "browser": Filter.BROWSER,
    "os": Filter.OS,
    "region": Filter.REGION,
    "traffic_source": Filter.TRAFFIC_SOURCE,
    "visitor_type": Filter.VISITOR_TYPE,
}


def panel(key: str, title: str, *, vertical: bool = False) -> None:
    components.chart_panel(
        key,
        breakdown(key),
        partial(charts.conversion_bars, title=title, vertical=vertical),
        filters=active,
        table=table(breakdown(key)),
        empty_message=components.SESSION_EMPTY_MESSAGE,
        **(components.filter_by(CLICK_FILTERS[key]) if key in CLICK_FILTERS else {}),
    )


columns = st.columns(5)
with columns[0]:
    components.kpi(
        "Sessions", fmt.count(total["sessions"]), "in the selection", change=change("sessions"), since=since
    )
with columns[1]:
    components.kpi(
        "Conversion rate",
        fmt.percent(total["conversion_rate"], 2),
        f"{fmt.count(total['converted_sessions'])} of {fmt.count(total['sessions'])} sessions converted",
        help_text="Converted sessions / sessions: "
        + ("UCI's Revenue column." if active.shows_uci else "sessions with a purchase."),
        change=change("conversion_rate", period_change.points),
        since=since,
    )
with columns[2]:
    components.kpi(
        "Bounce rate",
        fmt.percent(total["bounce_rate"], 2),
        f"{fmt.count(total['bounces'])} of {fmt.count(total['sessions'])} sessions bounced",
        help_text="UCI sessions with at most one page."
        if active.shows_uci
        else "Sessions with a single event.",
        change=change("bounce_rate", period_change.points),
        since=since,
        lower_is_better=True,
    )
with columns[3]:
    components.kpi(
        "Avg duration",
        fmt.minutes(total["avg_duration_seconds"]),
        f"per session, over {fmt.count(total['sessions'])} sessions",
        change=change("avg_duration_seconds"),
        since=since,
    )
with columns[4]:
    components.kpi(
        "Revenue",
        fmt.brl_compact(total["revenue"]),
        "UCI sessions have no amounts" if active.shows_uci else f"{fmt.brl(total['revenue'])} from purchases",
        change=change("revenue"),
        since=since,
    )

st.subheader("When")
left, right = st.columns(2)
with left:
    panel("weekend", "Weekday vs weekend", vertical=True)
    panel("special_day", "By closeness to a special day (1.0 = six days before)", vertical=True)
with right:
    panel("month", "By month of the year", vertical=True)
    panel("visitor_type", "New vs returning visitors")
components.chart_panel(
    "visitors_monthly",
    breakdown("visitors_monthly"),
    charts.visitors_monthly,
    filters=active,
    table=table(breakdown("visitors_monthly")),
    empty_message=components.SESSION_EMPTY_MESSAGE,
)

st.subheader("Who and from where")
left, right = st.columns(2)
with left:
    panel("traffic_source", "By traffic source")
    panel("browser", "By browser")
    panel("region", "By region")
with right:
    panel("device", "By device")
    panel("os", "By operating system")
    groups = data.page_group_conversion(active.for_chart("page_groups"))
    components.chart_panel(
        "page_groups",
        groups,
        charts.page_group_conversion,
        filters=active,
        table=groups.round({"visiting_conversion_rate": 4, "duration_seconds": 0}),
        empty_message=components.SESSION_EMPTY_MESSAGE,
    )

st.subheader("Combinations")
weekday_traffic = data.weekday_traffic_conversion(active.for_chart("weekday_traffic"))
for key, frame, title, rows, columns_title in (
    (
        "browser_os",
        breakdown("browser_os"),
        "Conversion by browser and operating system",
        "Browser",
        "OS",
    ),
    (
        "weekday_traffic",
        weekday_traffic,
        "Conversion by weekday and traffic source",
        "Weekday",
        "Traffic source",
    ),
):
    components.chart_panel(
        key,
        frame,
        partial(charts.conversion_heatmap, title=title, rows_title=rows, columns_title=columns_title),
        filters=active,
        table=table(frame),
        empty_message=components.SESSION_EMPTY_MESSAGE,
    )

st.subheader("Engagement: converted vs other sessions")
engagement = data.engagement_by_outcome(active.for_chart("engagement"))
components.chart_panel(
    "engagement",
    engagement,
    charts.engagement_by_outcome,
    filters=active,
    caption=(
        "Each bar: the share of the outcome's sessions in that band (the bands of a measure add up to "
        "100%). Converted sessions are few, so compare shares, not counts; hover for the counts."
    ),
    table=engagement.round({"session_share": 4}),
    empty_message=components.SESSION_EMPTY_MESSAGE,
)
