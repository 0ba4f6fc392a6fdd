-- Every event of the three event sources with its session, its place in it and the funnel step
-- it reaches (doc blocks sessionization_rules and incremental_sessions).
-- Incremental: a run sessionizes the events of the loads it has not seen, together with every
-- built session they touch (one with an event within the gap of a new event, in the same
-- source session), and replaces those sessions' rows. Sessions no new event touches are not read.
-- Indexes: the partition timeline (the touched-session probes), session_id (reopened sessions'
-- events, the drill-down), _load_id (the loads held), sessionized_at (the downstream batches) and
-- a block range index on event_time: new events are appended, so the last hours' sit in the last
-- pages, and mart_live_minutes finds them without reading the history.
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_reopened_sessions',
        indexes=[
            {'columns': ['event_source', 'user_id', "(coalesce(source_session_id, ''))", 'event_time']},
            {'columns': ['session_id']},
            {'columns': ['_load_id']},
            {'columns': ['sessionized_at']},
            {'columns': ['event_time'], 'type': 'brin'},
        ],
        post_hook=[
            "{{ analyze_after_build() }}",
            "{{ analyze_new_rows('sessionized_at') }}",
            "create index if not exists {{ this.identifier }}_purchased_orders on {{ this }} (order_id)
                where is_purchase and order_id is not null",
        ],
    )
}}

with

-- Not materialized: the incremental branch reads them through the raw tables' load index.
canonical_events as not materialized (

    select * from {{ ref('stg_events__events') }}

),

rees46_events as not materialized (

    select * from {{ ref('stg_rees46__events') }}

),

journey_events as not materialized (

    select * from {{ ref('stg_journey__events') }}

),

{% if is_incremental() %}

    {%- set new_loads = new_load_ids(
        ['events', 'rees46_events', 'journey_events'], ['canonical_events', 'rees46_events', 'journey_events'], this
    ) %}

    -- The events of the loads staged upstream that this table does not hold yet.
    new_events as (

        select
            *,
            cast(null as text) as previous_session_id
        from canonical_events
        where _load_id in ({{ new_loads }})
        union all
        select
            *,
            cast(null as text) as previous_session_id
        from rees46_events
        where _load_id in ({{ new_loads }})
        union all
        select
            *,
            cast(null as text) as previous_session_id
        from journey_events
        where _load_id in ({{ new_loads }})

    ),

    -- A built session is touched when one of its events lies within the gap of a new event in the
    -- same partition: then the nearest built event before or after the new one does (sessions of a
    -- partition are more than the gap apart), so two index probes per new event find them all.
    touched_sessions as (

        select distinct neighbour.session_id
        from new_events
        cross join lateral (
            (
                select built.session_id
                from {{ this }} as built
                where
                    built.event_source = new_events.event_source
                    and built.user_id = new_events.user_id
                    and coalesce(built.source_session_id, '') = coalesce(new_events.source_session_id, '')
                    and built.event_time <= new_events.event_time
                    and built.event_time
                    >= new_events.event_time - make_interval(mins => {{ var('session_inactivity_minutes') }})
                order by built.event_time desc
                limit 1
            )
            union all
            (
                select built.session_id
                from {{ this }} as built
                where
                    built.event_source = new_events.event_source
                    and built.user_id = new_events.user_id
                    and coalesce(built.source_session_id, '') = coalesce(new_events.source_session_id, '')
                    and built.event_time >= new_events.event_time
                    and built.event_time
                    <= new_events.event_time + make_interval(mins => {{ var('session_inactivity_minutes') }})
                order by built.event_time asc
                limit 1
            )
        ) as neighbour

    ),

    -- The events of those sessions, which keep their old session id as previous_session_id:
    -- downstream models replace those sessions by it. Their rows come from staging (by the
    -- loader's unique event key), like the new events', so this table only needs to name them.
    reopened_events as (

        select
            built.event_source,
            built.event_id,
            built.session_id as previous_session_id
        from {{ this }} as built
        where built.session_id in (select touched_sessions.session_id from touched_sessions)

    ),

    events as not materialized (

        select * from new_events
        union all
        select
            staged.*,
            reopened_events.previous_session_id
        from canonical_events as staged
        inner join reopened_events
            on staged.event_id = reopened_events.event_id and reopened_events.event_source = 'events'
        union all
        select
            staged.*,
            reopened_events.previous_session_id
        from rees46_events as staged
        inner join reopened_events
            on staged.event_id = reopened_events.event_id and reopened_events.event_source = 'rees46'
        union all
        select
            staged.*,
            reopened_events.previous_session_id
        from journey_events as staged
        inner join reopened_events
            on staged.event_id = reopened_events.event_id and reopened_events.event_source = 'journey'

    ),

{% else %}

    events as not materialized (

        select
            *,
            cast(null as text) as previous_session_id
        from canonical_events
        union all
        select
            *,
            cast(null as text) as previous_session_id
        from rees46_events
        union all
        select
            *,
            cast(null as text) as previous_session_id
        from journey_events

    ),

{% endif %}

-- Canonical and REES46 events: a purchase is a `purchase` event.
sessioned_events as (

    {{ sessionize("(select * from events where event_source <> 'journey')") }}

),

-- Journey events: a place_order converts unless an error follows it in the session before the
-- next place_order (an attempt is the session's place_order count so far).
journey_sessioned as (

    {{ sessionize("(select * from events where event_source = 'journey')") }}

),

journey_attempts as (

    select
        *,
        count(*) filter (where event_type = 'place_order') over session_timeline as order_attempt
    from journey_sessioned
    window session_timeline as (
        partition by session_id
        order by event_seq
        rows between unbounded preceding and current row
    )

),

journey_purchases as (

    select
        {{ canonical_event_columns() | join(', ') }},
        previous_session_id,
        session_id,
        event_seq,
        event_type = 'purchase' or (
            event_type = 'place_order'
            and not bool_or(event_type = 'error') over (partition by session_id, order_attempt)
        ) as is_purchase,
        dwell_seconds
    from journey_attempts

),

other_purchases as (

    select
        {{ canonical_event_columns() | join(', ') }},
        previous_session_id,
        session_id,
        event_seq,
        event_type = 'purchase' as is_purchase,
        dwell_seconds
    from sessioned_events

),

-- The funnel steps an event reaches depend on the events before it in its session: they are
-- found per session in int_sessions_aggregated, not here with a window pass per step over every
-- (wide) event row.
final as (

    select
        *,
        now() as sessionized_at
    from other_purchases
    union all
    select
        *,
        now() as sessionized_at
    from journey_purchases

)

select * from final
