-- Every event of the three event sources with its session: a session breaks after more than
-- `session_inactivity_minutes` of inactivity or when the source session id changes.
-- Incremental: the users with events in new loads get all their events re-sessionized (delete +
-- insert on the user), so late-arriving events, merged and split sessions come out exactly as a
-- full rebuild would.
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['event_source', 'user_id'],
        indexes=[
            {'columns': ['event_source', 'user_id']},
            {'columns': ['session_id']},
            {'columns': ['_load_id']},
            {'columns': ['sessionized_at']},
        ],
        post_hook="analyze {{ this }}",
    )
}}

with

-- Not materialized: the incremental branch filters these through their indexes.
canonical_events as not materialized (

    select * from {{ ref('stg_events__events') }}

),

rees46_events as not materialized (

    select * from {{ ref('stg_rees46__events') }}

),

journey_events as not materialized (

    select * from {{ ref('stg_journey__events') }}

),

all_events as not materialized (

    select * from canonical_events
    union all
    select * from rees46_events
    union all
    select * from journey_events

),

{% if is_incremental() %}

    -- Loads staged upstream that this table does not hold yet.
    new_loads as (

        select load_id from ({{ staged_load_ids('canonical_events') }}) as canonical_loads
        union
        select load_id from ({{ staged_load_ids('rees46_events') }}) as rees46_loads
        union
        select load_id from ({{ staged_load_ids('journey_events') }}) as journey_loads
        except
        select load_id from ({{ staged_load_ids(this) }}) as sessionized_loads

    ),

    touched_users as (

        select distinct
            event_source,
            user_id
        from all_events
        where _load_id in (select new_loads.load_id from new_loads)

    ),

    -- All events of those users, old and new: their sessions are recomputed from scratch.
    events as (

        select * from all_events
        where (event_source, user_id) in (
            select
                touched_users.event_source,
                touched_users.user_id
            from touched_users
        )

    ),

{% else %}

    events as (

        select * from all_events

    ),

{% endif %}

-- Events in time order per visitor; file order (load, line) breaks ties, then the id. Every
-- window below uses this one order, so PostgreSQL sorts the events once (plus a small
-- incremental sort for the order attempts).
gaps as (

    select
        *,
        lag(event_time) over user_timeline as previous_event_time,
        lag(source_session_id) over user_timeline as previous_source_session_id,
        row_number() over user_timeline as user_event_number
    from events
    window user_timeline as (
        partition by event_source, user_id
        order by event_time, _load_id, _line_number, event_id
        rows between unbounded preceding and current row
    )

),

-- A gap of exactly the threshold continues the session (only a longer one breaks it); a change of
-- source session id (NULL counts as a value) breaks it; midnight does not.
session_starts as (

    select
        *,
        (
            user_event_number = 1
            or event_time - previous_event_time > make_interval(mins => {{ var('session_inactivity_minutes') }})
            or (source_session_id is distinct from previous_source_session_id)
        ) as starts_session
    from gaps

),

-- Running aggregates over the same order: the session number, the visitor's event number and
-- id of the session's first event (the latest session start so far: zero-padded event numbers
-- sort in order), and the visitor's place_order count so far (with the session number, it
-- names the order attempt an event belongs to).
numbered as (

    select
        *,
        cast(count(*) filter (where starts_session) over user_timeline as integer) as session_number,
        max(
            case when starts_session then lpad(cast(user_event_number as text), 12, '0') || event_id end
            collate "C"
        ) over user_timeline as session_start_key,
        count(*) filter (where event_type = 'place_order') over user_timeline as order_attempt
    from session_starts
    window user_timeline as (
        partition by event_source, user_id
        order by event_time, _load_id, _line_number, event_id
        rows between unbounded preceding and current row
    )

),

-- A place_order converts unless an error follows it in the session before the next place_order.
attempts as (

    select
        *,
        bool_or(event_type = 'error') over (
            partition by event_source, user_id, session_number, order_attempt
        ) as attempt_has_error
    from numbered

),

final as (

    select
        {{ canonical_event_columns() | join(', ') }},
        md5(event_source || '|' || user_id || '|' || substr(session_start_key, 13)) as session_id,
        session_number,
        cast(user_event_number - cast(left(session_start_key, 12) as bigint) + 1 as integer) as event_seq,
        event_type = 'purchase' or (event_type = 'place_order' and not attempt_has_error) as is_purchase,
        -- The transaction's start: later than any earlier run's, so it marks this run's visitors.
        now() as sessionized_at
    from attempts

)

select * from final
