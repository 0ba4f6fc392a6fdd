-- New vs returning (and UCI's other) sessions per month and source, with their conversions and
-- the distinct visitors behind them. UCI sessions have a month but no year: session_month is
-- NULL for them and month_of_year gives the calendar order.
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_periods',
        replace_periods=[{'grain': 'month', 'column': 'built.session_month'}],
        indexes=[
            {'columns': ['session_month']},
            {'columns': ['source']},
        ],
    )
}}

-- depends_on: {{ ref('int_session_changes') }} (the changed periods, in incremental runs)

with

sessions as (

    {{ sessions_to_refresh(ref('fct_sessions'), 'month') }}

),

aggregated as (

    select
        {{ month_start('session_date') }} as session_month,
        month_of_year,
        source,
        visitor_type,
        count(*) as sessions,
        count(distinct user_id) as visitors,
        count(*) filter (where converted) as converted_sessions,
        sum(revenue) as revenue
    from sessions
    group by 1, 2, 3, 4

),

final as (

    select
        session_month,
        month_of_year,
        source,
        visitor_type,
        cast(sessions as integer) as sessions,
        -- Distinct visitors of the month; NULL for UCI, whose sessions have no visitor id.
        cast(case when source <> 'uci' then visitors end as integer) as visitors,
        cast(converted_sessions as integer) as converted_sessions,
        {{ rate('converted_sessions', 'sessions') }} as conversion_rate,
        {{ rate('sessions', 'sum(sessions) over (partition by session_month, month_of_year, source)') }}
            as session_share,
        cast(sum(sessions) over (partition by session_month, month_of_year, source) as integer)
            as month_sessions,
        {{ money('revenue') }} as revenue,
        now() as refreshed_at
    from aggregated

)

select * from final
