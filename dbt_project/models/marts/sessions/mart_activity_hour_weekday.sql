-- Event sessions by week, weekday and hour of their start (shop-local): sessions, events,
-- conversions and revenue for the hour x weekday heatmap under a date filter. UCI sessions have
-- no time of day and are not here.
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_periods',
        replace_periods=[{'grain': 'week', 'column': 'built.session_week'}],
        indexes=[
            {'columns': ['session_week']},
            {'columns': ['source']},
        ],
    )
}}

-- depends_on: {{ ref('int_session_changes') }} (the changed periods, in incremental runs)

with

refreshed_sessions as (

    {{ sessions_to_refresh(ref('fct_sessions'), 'week') }}

),

sessions as (

    select * from refreshed_sessions
    where source <> 'uci'

),

aggregated as (

    select
        cast({{ dbt.date_trunc('week', 'session_date') }} as date) as session_week,
        source,
        day_of_week,
        hour_of_day,
        count(*) as sessions,
        sum(events) as events,
        count(*) filter (where converted) as converted_sessions,
        sum(revenue) as revenue
    from sessions
    group by 1, 2, 3, 4

),

final as (

    select
        session_week,
        source,
        day_of_week,
        hour_of_day,
        cast(sessions as integer) as sessions,
        cast(events as bigint) as events,
        cast(converted_sessions as integer) as converted_sessions,
        {{ rate('converted_sessions', 'sessions') }} as conversion_rate,
        {{ money('revenue') }} as revenue,
        now() as refreshed_at
    from aggregated

)

select * from final
