-- Conversion by weekday and traffic source per week (the weekday x traffic breakdown at
-- day-of-week detail; the cube has weekend vs weekday). UCI sessions have no weekday: they are
-- here with day_of_week NULL and their weekend flag, so weekend x traffic covers both sources.
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

sessions as (

    {{ sessions_to_refresh(ref('fct_sessions'), 'week') }}

),

aggregated as (

    select
        cast({{ dbt.date_trunc('week', 'session_date') }} as date) as session_week,
        source,
        day_of_week,
        is_weekend,
        coalesce(traffic_source, 'unknown') as traffic_source,
        count(*) as sessions,
        count(*) filter (where converted) as converted_sessions,
        sum(revenue) as revenue
    from sessions
    group by 1, 2, 3, 4, 5

),

final as (

    select
        session_week,
        source,
        day_of_week,
        is_weekend,
        traffic_source,
        cast(sessions as integer) as sessions,
        cast(converted_sessions as integer) as converted_sessions,
        {{ rate('converted_sessions', 'sessions') }} as conversion_rate,
        {{ money('revenue') }} as revenue,
        now() as refreshed_at
    from aggregated

)

select * from final
