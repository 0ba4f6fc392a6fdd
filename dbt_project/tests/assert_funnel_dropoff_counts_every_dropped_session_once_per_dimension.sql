-- Within every dimension, mart_funnel_dropoff's rows split the dropped sessions of
-- fct_session_funnel: per step they add up to the sessions that dropped after it, and those
-- equal the funnel's own drop-off (reached the step, not the next). Returns what differs.
with

dropoff as (

    select * from {{ ref('mart_funnel_dropoff') }}

),

sessions as (

    select * from {{ ref('fct_session_funnel') }}

),

funnel_steps as (

    select * from {{ ref('mart_funnel_steps') }}

),

dropoff_totals as (

    select
        dimension,
        dropped_after_step_number,
        sum(dropped_sessions) as dropped_sessions
    from dropoff
    group by dimension, dropped_after_step_number

),

expected as (

    select
        dropped_after_step_number,
        count(*) as dropped_sessions
    from sessions
    where dropped_after_step_number is not null
    group by dropped_after_step_number

),

funnel_drops as (

    select
        step_number,
        sum(sessions_dropped) as sessions_dropped
    from funnel_steps
    where period_grain = 'day' and dimension = 'all' and step_number < 5
    group by step_number

)

select
    dropoff_totals.dimension,
    coalesce(dropoff_totals.dropped_after_step_number, expected.dropped_after_step_number) as step_number,
    dropoff_totals.dropped_sessions,
    expected.dropped_sessions as expected_dropped_sessions,
    funnel_drops.sessions_dropped as funnel_sessions_dropped
from dropoff_totals
full outer join expected
    on dropoff_totals.dropped_after_step_number = expected.dropped_after_step_number
left join funnel_drops
    on
        coalesce(dropoff_totals.dropped_after_step_number, expected.dropped_after_step_number)
        = funnel_drops.step_number
where
    dropoff_totals.dropped_sessions is distinct from expected.dropped_sessions
    or expected.dropped_sessions is distinct from funnel_drops.sessions_dropped
