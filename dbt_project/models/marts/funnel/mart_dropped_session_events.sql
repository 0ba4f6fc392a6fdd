{{
    config(
        materialized='incremental',
        incremental_strategy='replace_periods',
        replace_periods=[{'grain': 'day', 'column': 'built.session_date'}],
        indexes=[
            {'columns': ['source', 'dropped_after_step_number', 'session_date']},
            {'columns': ['session_id']},
        ],
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

events as (

    select * from {{ ref('int_events_sessionized') }}

),

-- Sessions that entered the funnel and stopped before the purchase, ranked within their source,
-- day, step and reason (the latest first). Most sessions that view a product drop out, so keeping every
-- one would copy most of the events; the drill-down pages through the latest few of each kind.
ranked_sessions as (

    select
        sessions.session_id,
        sessions.source,
        sessions.session_date,
        sessions.started_at,
        sessions.dropped_after_step_number,
        sessions.dropped_after_step,
        sessions.drop_off_reason,
        sessions.is_weekend,
        sessions.device_type,
        sessions.browser,
        sessions.os,
        sessions.region,
        sessions.traffic_source,
        sessions.visitor_type,
        row_number() over (
            partition by
                sessions.source, sessions.session_date, sessions.dropped_after_step_number,
                sessions.drop_off_reason
            order by sessions.started_at desc, sessions.session_id asc
        ) as session_rank
    from sessions
    where sessions.dropped_after_step_number is not null

),

dropped_sessions as (

    select
        ranked_sessions.*,
        session_steps.product_view_seq,
        session_steps.add_to_cart_seq,
        session_steps.cart_seq,
        session_steps.checkout_seq
    from ranked_sessions
    inner join session_steps
        on ranked_sessions.session_id = session_steps.session_id
    where ranked_sessions.session_rank <= {{ var('dropped_session_timelines_per_day') }}

),

final as (

    select
        ---------- the session
        dropped_sessions.session_id,
        events.event_seq,
        events.user_id,
        dropped_sessions.source,
        dropped_sessions.session_date,
        dropped_sessions.dropped_after_step_number,
        dropped_sessions.dropped_after_step,
        dropped_sessions.drop_off_reason,
        cast(dropped_sessions.session_rank as integer) as session_rank,
        -- The session's dimensions, so the drill-down pages through the sidebar's selection here.
        dropped_sessions.is_weekend,
        dropped_sessions.device_type,
        dropped_sessions.browser,
        dropped_sessions.os,
        dropped_sessions.region,
        dropped_sessions.traffic_source,
        dropped_sessions.visitor_type,

        ---------- the event
        events.event_time,
        cast(extract(epoch from events.event_time - dropped_sessions.started_at) as integer)
            as seconds_since_start,
        events.event_type,
        -- The funnel step this event reached, when it is the one that reached it (a dropped
        -- session reaches checkout at most), so the drill-down can mark the steps on the timeline.
        case events.event_seq
            when dropped_sessions.product_view_seq then 1
            when dropped_sessions.add_to_cart_seq then 2
            when dropped_sessions.cart_seq then 3
            when dropped_sessions.checkout_seq then 4
        end as reached_step_number,
        events.page_type,
        events.page_path,
        events.product_id,
        events.category,
        {{ money('events.price') }} as price,
        events.quantity,
        events.search_query,
        events.element,
        events.element_text,
        events.is_purchase,

        ---------- bookkeeping
        now() as refreshed_at
    from dropped_sessions
    inner join events
        on dropped_sessions.session_id = events.session_id

)

select * from final
