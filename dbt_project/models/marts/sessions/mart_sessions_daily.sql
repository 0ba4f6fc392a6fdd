-- The daily trend of event sessions per source: sessions, visitors, conversions, revenue,
-- bounces and engagement. UCI sessions have no date and are not here (see mart_sessions_monthly).
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_periods',
        replace_periods=[{'grain': 'day', 'column': 'built.session_date'}],
        indexes=[
            {'columns': ['session_date']},
        ],
    )
}}

-- depends_on: {{ ref('int_session_changes') }} (the changed periods, in incremental runs)

with

refreshed_sessions as (

    {{ sessions_to_refresh(ref('fct_sessions'), 'day') }}

),

sessions as (

    select * from refreshed_sessions
    where source <> 'uci'

),

aggregated as (

    select
        session_date,
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
    group by session_date, source

),

final as (

    select
        session_date,
        source,
        cast(sessions as integer) as sessions,
        cast(visitors as integer) as visitors,
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
