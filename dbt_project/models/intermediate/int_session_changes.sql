-- The days whose sessions changed, per run and source: the change feed the session and funnel
-- aggregate marts recompute from (each reads the changes newer than its own refreshed_at). A day
-- changed when a session that starts on it was added, rewritten or renumbered (fct_sessions rows
-- whose updated_at moved), or when a session that started on it was absorbed by another (its old
-- start, from the events that carry its id as previous_session_id). UCI sessions have no day: a
-- new UCI export is one change with a NULL day.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        indexes=[{'columns': ['changed_at']}],
        post_hook=["{{ analyze_after_build() }}", "{{ analyze_new_rows('changed_at') }}"],
    )
}}

-- depends_on: {{ ref('int_events_sessionized') }} (read in incremental runs only)

with

sessions as (

    select * from {{ ref('fct_sessions') }}

),

{% if is_incremental() %}

    events as (

        select * from {{ ref('int_events_sessionized') }}

    ),

    rewritten_days as (

        select distinct
            source,
            session_date
        from sessions
        where updated_at > {{ watermark(this, 'changed_at') }}

    ),

    absorbed_sessions as (

        select
            event_source as source,  -- noqa: RF04
            previous_session_id,
            min(event_time) as started_at
        from events
        where
            sessionized_at > {{ watermark(this, 'changed_at') }}
            and previous_session_id is not null
        group by event_source, previous_session_id

    ),

    changed_days as (

        select * from rewritten_days
        union
        select
            source,
            cast({{ source_local_time('started_at', 'source') }} as date) as session_date
        from absorbed_sessions

    ),

{% else %}

    changed_days as (

        select distinct
            source,
            session_date
        from sessions

    ),

{% endif %}

final as (

    select
        now() as changed_at,
        source,
        session_date
    from changed_days

)

select * from final
