"""Live: the last hour of the clickstream, minute by minute, refreshed every few seconds.

The page redraws itself (a fragment with run_every) from the small live mart, which the landing
sensor's runs rebuild as new event files land (`uv run shoplens simulate` writes some). It says how
fresh that mart is, so a stalled pipeline shows as an old time rather than as a quiet shop.
"""

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from dashboard import components, data
from dashboard import formatting as fmt
from dashboard.charts.live import minute_bars

REFRESH_SECONDS = 5
MEASURES = [
    ("events", "Events", "events per minute"),
    ("active_sessions", "Active sessions", "sessions with an event"),
    ("converting_sessions", "Converting sessions", "sessions that bought"),
    ("revenue", "Revenue", "R$ per minute"),
]

st.title("Live")
st.caption(
    f"The last {data.LIVE_MINUTES} minutes by minute (UTC), refreshed every {REFRESH_SECONDS} s. "
    "Only counts: a rate over a minute's handful of sessions would say nothing."
)


def _age(moment: pd.Timestamp) -> str:
    seconds = (datetime.now(UTC) - moment.to_pydatetime()).total_seconds()
    return f"{moment:%H:%M:%S} UTC ({max(seconds, 0):,.0f} s ago)"


@st.fragment(run_every=REFRESH_SECONDS)
def live_panel() -> None:
    sources = data.live_sources()
    if sources.empty:
        st.info(
            f"No events in the last {data.LIVE_MINUTES} minutes. Run `uv run dagster dev` and "
            "`uv run shoplens simulate` to watch events arrive."
        )
        return
    source = st.selectbox(
        "Source", sources["source"].tolist(), key="live_source", help="The busiest source comes first."
    )
    row = sources.set_index("source").loc[source]
    st.caption(f"Live mart built {_age(row['refreshed_at'])}; newest minute {row['last_minute']:%H:%M} UTC.")
    minutes = data.live_minutes(source)
    if minutes.empty:
        st.info(f"No {source} events in the last {data.LIVE_MINUTES} minutes.")
        return
    columns = st.columns(len(MEASURES))
    for column, (value, label, _) in zip(columns, MEASURES, strict=True):
        with column:
            show = fmt.brl if value == "revenue" else fmt.count
            newest = f"{show(minutes[value].iloc[-1])} in the newest minute"
            components.kpi(f"{label} (last hour)", show(minutes[value].sum()), newest)
    for value, label, axis_title in MEASURES:
        with st.container(border=True):
            figure = minute_bars(minutes, value=value, title=f"{label} per minute", axis_title=axis_title)
            st.plotly_chart(figure, key=f"chart_live_{value}", config={"displaylogo": False})
            components.data_table(f"live_{value}", minutes[["minute_start", value]])


live_panel()
