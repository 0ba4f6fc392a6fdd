-- Engagement and conversion by UCI page group (administrative, informational, product related)
-- per week and source: how many sessions visited pages of the group, how many of them converted,
-- and their pages and seconds there, for converted and other sessions apart (their scales differ).
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

-- One row per session and page group (sessions x 3).
session_groups as (

    select
        cast({{ dbt.date_trunc('week', 'sessions.session_date') }} as date) as session_week,
        sessions.source,
        sessions.month_of_year,
        sessions.converted,
        page_groups.page_group,
        page_groups.pages,
        page_groups.duration_seconds
    from sessions
    cross join lateral (
        values
        ('administrative', sessions.administrative_pages, sessions.administrative_duration_seconds),
        ('informational', sessions.informational_pages, sessions.informational_duration_seconds),
        ('product_related', sessions.product_related_pages, sessions.product_related_duration_seconds)
    ) as page_groups (page_group, pages, duration_seconds)

),

aggregated as (

    select
        session_week,
        source,
        month_of_year,
        page_group,
        count(*) as sessions,
        count(*) filter (where pages > 0) as visiting_sessions,
        count(*) filter (where pages > 0 and converted) as converted_visiting_sessions,
        count(*) filter (where converted) as converted_sessions,
        sum(pages) as pages,
        sum(pages) filter (where converted) as converted_pages,
        sum(duration_seconds) as duration_seconds,
        sum(duration_seconds) filter (where converted) as converted_duration_seconds
    from session_groups
    group by session_week, source, month_of_year, page_group

),

final as (

    select
        session_week,
        source,
        month_of_year,
        page_group,
        cast(sessions as integer) as sessions,
        cast(converted_sessions as integer) as converted_sessions,
        cast(visiting_sessions as integer) as visiting_sessions,
        {{ rate('visiting_sessions', 'sessions') }} as visiting_share,
        cast(converted_visiting_sessions as integer) as converted_visiting_sessions,
        {{ rate('converted_visiting_sessions', 'visiting_sessions') }} as visiting_conversion_rate,
        cast(coalesce(pages, 0) as bigint) as pages,
        cast(coalesce(converted_pages, 0) as bigint) as converted_pages,
        cast(coalesce(pages, 0) - coalesce(converted_pages, 0) as bigint) as other_pages,
        cast(coalesce(duration_seconds, 0) as numeric(18, 2)) as duration_seconds,
        cast(coalesce(converted_duration_seconds, 0) as numeric(18, 2)) as converted_duration_seconds,
        cast(coalesce(duration_seconds, 0) - coalesce(converted_duration_seconds, 0) as numeric(18, 2))
            as other_duration_seconds,
        now() as refreshed_at
    from aggregated

)

select * from final
