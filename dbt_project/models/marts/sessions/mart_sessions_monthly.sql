-- The monthly trend of sessions per source: event sessions by calendar month, UCI sessions by
-- month of year (UCI gives no year, so their session_month is NULL and month_of_year orders them).
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_periods',
        replace_periods=[{'grain': 'month', 'column': 'built.session_month'}],
        indexes=[
            {'columns': ['session_month']},
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
        count(*) as sessions,
        count(distinct user_id) as visitors,
        count(*) filter (where visitor_type = 'new') as new_visitor_sessions,
        count(*) filter (where converted) as converted_sessions,
        count(*) filter (where is_bounce) as bounces,
        sum(orders) as orders,
        sum(revenue) as revenue,
        sum(events) as events,
        sum(page_views) as page_views,
        sum(duration_seconds) as duration_seconds
    from sessions
    group by 1, 2, 3

),

final as (

    select
        session_month,
        month_of_year,
        source,
        cast(sessions as integer) as sessions,
        -- Distinct visitors; NULL for UCI, whose sessions have no visitor id.
        cast(case when source <> 'uci' then visitors end as integer) as visitors,
        cast(new_visitor_sessions as integer) as new_visitor_sessions,
        cast(converted_sessions as integer) as converted_sessions,
        {{ rate('converted_sessions', 'sessions') }} as conversion_rate,
        cast(bounces as integer) as bounces,
        {{ rate('bounces', 'sessions') }} as bounce_rate,
        cast(orders as integer) as orders,
        {{ money('revenue') }} as revenue,
        cast(events as bigint) as events,
        cast(page_views as bigint) as page_views,
        cast(duration_seconds as numeric(18, 2)) as duration_seconds,
        now() as refreshed_at
    from aggregated

)

select * from final
