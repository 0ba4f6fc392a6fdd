-- mart_dropped_sessions keeps the right sessions and mart_dropped_session_events their whole
-- timelines: for every source, day, step and drop-off reason the latest min(N, dropped sessions)
-- sessions, with N the var dropped_session_timelines_per_day, each with every event (event_seq 1..n,
-- n = the session's events in fct_session_funnel) and the step it dropped after in the fact.
-- Returns the sessions or groups where that is not so.
with

kept_sessions as (

    select * from {{ ref('mart_dropped_sessions') }}

),

timeline as (

    select * from {{ ref('mart_dropped_session_events') }}

),

sessions as (

    select * from {{ ref('fct_session_funnel') }}

),

timeline_sessions as (

    select
        session_id,
        count(*) as events,
        min(event_seq) as first_seq,
        max(event_seq) as last_seq
    from timeline
    group by session_id

),

incomplete_sessions as (

    select kept_sessions.session_id
    from kept_sessions
    left join timeline_sessions
        on kept_sessions.session_id = timeline_sessions.session_id
    left join sessions
        on kept_sessions.session_id = sessions.session_id
    where
        timeline_sessions.events is distinct from sessions.events
        or kept_sessions.events is distinct from sessions.events
        or timeline_sessions.first_seq <> 1
        or timeline_sessions.last_seq <> timeline_sessions.events
        or sessions.dropped_after_step_number is distinct from kept_sessions.dropped_after_step_number

),

kept as (

    select
        source,
        session_date,
        dropped_after_step_number,
        drop_off_reason,
        count(*) as sessions
    from kept_sessions
    group by source, session_date, dropped_after_step_number, drop_off_reason

),

dropped as (

    select
        source,
        session_date,
        dropped_after_step_number,
        drop_off_reason,
        count(*) as sessions
    from sessions
    where dropped_after_step_number is not null
    group by source, session_date, dropped_after_step_number, drop_off_reason

),

wrong_groups as (

    select dropped.session_date
    from dropped
    left join kept
        on
            dropped.source = kept.source
            and dropped.session_date = kept.session_date
            and dropped.dropped_after_step_number = kept.dropped_after_step_number
            and dropped.drop_off_reason = kept.drop_off_reason
    where
        coalesce(kept.sessions, 0)
        <> least(dropped.sessions, {{ var('dropped_session_timelines_per_day', 10) }})

)

select
    'incomplete session' as problem,
    session_id as detail
from incomplete_sessions

union all

select
    'wrong number of sessions' as problem,
    cast(session_date as text) as detail
from wrong_groups
