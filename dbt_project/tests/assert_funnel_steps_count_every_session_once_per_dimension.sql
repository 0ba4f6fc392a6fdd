-- Within every period grain and dimension, mart_funnel_steps' rows split the sessions of
-- fct_session_funnel: their sessions, and the sessions that reached each step, add up to the
-- totals of the session fact. Returns the (grain, dimension, step) whose totals differ.
with

funnel_steps as (

    select * from {{ ref('mart_funnel_steps') }}

),

sessions as (

    select * from {{ ref('fct_session_funnel') }}

),

step_totals as (

    select
        period_grain,
        dimension,
        step_number,
        sum(sessions) as sessions,
        sum(sessions_reached) as sessions_reached
    from funnel_steps
    group by period_grain, dimension, step_number

),

expected as (

    select
        steps.step_number,
        count(*) as sessions,
        count(*) filter (where sessions.furthest_step_number >= steps.step_number) as sessions_reached
    from sessions
    cross join (values (1), (2), (3), (4), (5)) as steps (step_number)
    group by steps.step_number

)

select
    step_totals.period_grain,
    step_totals.dimension,
    step_totals.step_number,
    step_totals.sessions,
    expected.sessions as expected_sessions,
    step_totals.sessions_reached,
    expected.sessions_reached as expected_sessions_reached
from step_totals
inner join expected
    on step_totals.step_number = expected.step_number
where
    step_totals.sessions <> expected.sessions
    or step_totals.sessions_reached <> expected.sessions_reached
