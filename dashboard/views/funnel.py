"""Funnel: the ordered steps, where sessions drop out and why, and a pager over the dropped sessions."""

from functools import partial

import streamlit as st

from dashboard import charts, components, data, filters, sidebar
from dashboard import formatting as fmt

active = filters.active_sessions()
st.title("Funnel")
sidebar.show_active(active)
st.caption(
    "Steps in order within a session: product view → add to cart → cart page → checkout → purchase. "
    + ("Event sessions only: UCI sessions have no events. " if active.shows_uci else "")
    + "REES46 records no cart page or checkout, so its sessions stop at add to cart."
)
NO_SESSIONS = components.SESSION_EMPTY_MESSAGE + (
    " (The funnel has event sessions only: UCI sessions have no events.)" if active.shows_uci else ""
)


def _drill_into(step_labels: list[str]) -> None:
    """A clicked funnel step opens the drill-down below on the sessions that dropped after it."""
    steps = {fmt.step_label(step): step for step in fmt.FUNNEL_STEPS[:-1]}  # none drop after purchase
    chosen = [steps[label] for label in step_labels if label in steps]
    if chosen:
        st.session_state["drill_step"] = chosen[-1]
        st.session_state.pop("drill_reason", None)


def _users_requested(chart_filters: filters.SessionFilters) -> bool:
    """Whether to count the users: always on a small shop; on a large one, when asked (a toggle that
    stays on across filter changes), since users are a distinct count over all its sessions."""
    sessions = data.sessions_to_scan(chart_filters)
    if sessions <= data.USERS_ON_REQUEST_ABOVE:
        return True
    st.markdown("**Funnel of users**")
    wanted = st.toggle(
        "Count the users",
        key="count_funnel_users",
        help="Users do not add up across the funnel cube's rows, so they are counted from the sessions "
        f"themselves: {sessions:,} here, a few seconds. Sessions come from the cube at once.",
    )
    if not wanted:
        st.info(
            f"Counting users reads all {sessions:,} sessions of this source and dates, which takes a few "
            "seconds, so it runs when you ask (the toggle above). The funnel of sessions is complete."
        )
    return wanted


left, right = st.columns(2)
for column, level, note in (
    (
        left,
        "sessions",
        "Each step: sessions that reached it, and their share of those that reached the step before.",
    ),
    (
        right,
        "users",
        "A user reached a step when any of their sessions reached it, in order within that session.",
    ),
):
    chart_filters = active.for_chart(f"funnel_{level}")
    with column:
        if level == "users" and not _users_requested(chart_filters):
            continue
        steps = data.funnel_steps(chart_filters, users=level == "users")
        components.chart_panel(
            f"funnel_{level}",
            steps,
            partial(charts.funnel_steps, level=level),
            filters=active,
            caption=note,
            table=steps.round(4),
            empty_message=NO_SESSIONS,
            on_click=_drill_into,
            click_hint="Click a step to list the sessions that dropped out after it (below).",
        )

reasons = data.drop_off_reasons(active.for_chart("drop_off_reasons"))
components.chart_panel(
    "drop_off_reasons",
    reasons,
    charts.drop_off_reasons,
    filters=active,
    caption="The first error decides the reason; see the metric definitions (dbt docs: drop_off_reason).",
    table=reasons.round({"abandoned_value": 2}),
    empty_message=NO_SESSIONS,
)

st.subheader("Drill-down: the sessions that dropped out")
timeline_filters = active.for_chart("dropped_session_timeline")
drill_reasons = data.drop_off_reasons(timeline_filters)
left, right = st.columns(2)
step = left.selectbox(
    "Dropped after step",
    [None, *fmt.FUNNEL_STEPS[:-1]],
    format_func=lambda s: "any step" if s is None else fmt.step_label(s),
    key="drill_step",
)
step_reasons = drill_reasons if step is None else drill_reasons[drill_reasons["dropped_after_step"] == step]
reason = right.selectbox(
    "Reason",
    [None, *sorted(step_reasons["drop_off_reason"].unique())],
    format_func=lambda r: "any reason" if r is None else r,
    key="drill_reason",
)
dropped = data.dropped_session_count(timeline_filters, step, reason)
chosen = step_reasons if reason is None else step_reasons[step_reasons["drop_off_reason"] == reason]
st.caption(
    f"{dropped:,} of the {int(chosen['dropped_sessions'].sum()):,} dropped sessions in the selection have "
    "their timeline kept: the latest few per day, step and reason "
    "(dbt var dropped_session_timelines_per_day)."
)
if dropped == 0:
    st.info("No dropped session with a timeline for this step and reason in the selection.")
    st.stop()

index = components.pager("dropped_sessions", dropped, (timeline_filters, step, reason))
session, events = data.dropped_session(timeline_filters, step, reason, index)
facts = session.iloc[0]
known = [facts[c] for c in ("device_type", "browser", "os", "region", "traffic_source") if facts[c]]
st.markdown(
    f"**{facts['source']}** session of user `{facts['user_id']}` · started "
    f"{facts['started_at']:%Y-%m-%d %H:%M} UTC · {fmt.count(facts['events'])} "
    f"{'event' if facts['events'] == 1 else 'events'} · {facts['visitor_type']} visitor"
    + "".join(f" · {value}" for value in known)
)
st.markdown(
    f"Dropped after **{fmt.step_label(facts['dropped_after_step']).lower()}** · reason: "
    f"**{facts['drop_off_reason']}**"
    + (f" (first error: {facts['first_error_message']})" if facts["first_error_message"] else "")
    + (f" · left {fmt.brl(facts['abandoned_value'])} in the cart" if facts["abandoned_value"] else "")
)
components.chart_panel(
    "dropped_session_timeline",
    events,
    charts.session_timeline,
    filters=active,
    caption=f"Session id {facts['session_id']}; the pager shows the latest sessions first.",
    table=events,
    empty_message="This session has no events in the drill-down mart; rebuild the marts.",
)
