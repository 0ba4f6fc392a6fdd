-- The dropped sessions whose timelines mart_dropped_session_events keeps: the latest few per
-- source, day, step dropped after and drop-off reason, one row each, with the session's facts and
-- dimensions. The funnel's drill-down pager counts and pages through these rows (tens of thousands
-- at 10M events), then reads one session's events; it never scans the timelines.
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_periods',
        replace_periods=[{'grain': 'day', 'column': 'built.session_date'}],
        indexes=[{'columns': ['source', 'session_date']}],
    )
}}

-- depends_on: {{ ref('int_session_changes') }} (the changed periods, in incremental runs)

with

sessions as (

    {{ sessions_to_refresh(ref('fct_session_funnel'), 'day') }}

),

session_steps as (

    select * from {{ ref('int_sessions_aggregated') }}

),

-- Sessions that entered the funnel and stopped before the purchase, ranked within their source,
-- day, step and reason (the latest first). Most sessions that view a product drop out, so keeping every
-- one would copy most of the events; the drill-down pages through the latest few of each kind.
ranked_sessions as (

    select
        sessions.*,
        row_number() over (
            partition by
                sessions.source, sessions.session_date, sessions.dropped_after_step_number,
                sessions.drop_off_reason
            order by sessions.started_at desc, sessions.session_id asc
        ) as session_rank
    from sessions
    where sessions.dropped_after_step_number is not null

),

final as (

    select
        ---------- the session
        ranked_sessions.session_id,
        ranked_sessions.source,
        ranked_sessions.user_id,
        ranked_sessions.session_date,
        ranked_sessions.started_at,
        ranked_sessions.ended_at,
        ranked_sessions.events,
        ranked_sessions.dropped_after_step_number,
        ranked_sessions.dropped_after_step,
        ranked_sessions.drop_off_reason,
        ranked_sessions.first_error_message,
        ranked_sessions.cart_adds,
        ranked_sessions.abandoned_value,
        cast(ranked_sessions.session_rank as integer) as session_rank,

        ---------- dimensions (the sidebar's selection applies here)
        ranked_sessions.is_weekend,
        ranked_sessions.device_type,
        ranked_sessions.browser,
        ranked_sessions.os,
        ranked_sessions.region,
        ranked_sessions.traffic_source,
        ranked_sessions.visitor_type,

        ---------- the event that reached each step (the timeline marks them)
        session_steps.product_view_seq,
        session_steps.add_to_cart_seq,
        session_steps.cart_seq,
        session_steps.checkout_seq,

        ---------- bookkeeping
        now() as refreshed_at
    from ranked_sessions
    inner join session_steps
        on ranked_sessions.session_id = session_steps.session_id
    where ranked_sessions.session_rank <= {{ var('dropped_session_timelines_per_day') }}

)

select * from final
