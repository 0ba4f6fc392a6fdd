-- The events of the dropped sessions that mart_dropped_sessions keeps, in order: the drill-down reads
-- one session's timeline through the primary key (session_id, event_seq), so no other index.
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_periods',
        replace_periods=[{'grain': 'day', 'column': 'built.session_date'}],
    )
}}

-- depends_on: {{ ref('int_session_changes') }} (the changed periods, in incremental runs)

with

-- The sessions whose timelines are kept, for the changed days in incremental runs.
dropped_sessions as (

    {{ sessions_to_refresh(ref('mart_dropped_sessions'), 'day') }}

),

events as (

    select * from {{ ref('int_events_sessionized') }}

),

final as (

    select
        ---------- the session
        dropped_sessions.session_id,
        events.event_seq,
        -- the period replace_periods replaces, and the source the column rules check
        dropped_sessions.source,
        dropped_sessions.session_date,

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
