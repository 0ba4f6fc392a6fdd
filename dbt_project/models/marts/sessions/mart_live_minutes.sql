-- The last hours of the clickstream, minute by minute and per source: events, active sessions,
-- sessions started, conversions and revenue, for the Live page. Rebuilt whole on every run from
-- the events of the window only (the event_time BRIN index of int_events_sessionized skips the
-- history), so it costs the same on a warehouse of 10M events as on an empty one.
{{
    config(
        indexes=[{'columns': ['source', 'minute_start']}],
    )
}}

with

events as (

    select * from {{ ref('int_events_sessionized') }}

),

recent_events as (

    select
        event_source as source,  -- noqa: RF04
        session_id,
        event_seq,
        is_purchase,
        price,
        quantity,
        cast({{ dbt.date_trunc('minute', 'event_time') }} as timestamptz) as minute_start
    from events
    where event_time >= now() - make_interval(hours => {{ var('live_window_hours') }})

),

final as (

    select
        source,
        minute_start,
        cast(count(*) as integer) as events,
        cast(count(distinct session_id) as integer) as active_sessions,
        cast(count(*) filter (where event_seq = 1) as integer) as sessions_started,
        cast(count(distinct session_id) filter (where is_purchase) as integer) as converting_sessions,
        cast(count(*) filter (where is_purchase) as integer) as purchases,
        {{ money('coalesce(sum(price * coalesce(quantity, 1)) filter (where is_purchase), 0)') }} as revenue,
        now() as refreshed_at
    from recent_events
    group by source, minute_start

)

select * from final
