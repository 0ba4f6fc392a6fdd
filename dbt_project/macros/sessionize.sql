{#-
    sessionize(events)

    A select over `events` (a relation or parenthesised subquery with the canonical event columns
    and previous_session_id) that adds each event's session: a session is the events of one
    visitor with one source session id (none counts as one), split where more than
    `session_inactivity_minutes` pass without an event (a gap of exactly that long continues it).
    Events are ordered by time, then file order (load, line), then id, and every window uses that
    one order, so PostgreSQL sorts the events once.

    Adds: session_partition (the source session id, '' for none), partition_position (the event's
    place in its partition), session_first_position, session_id (md5 of source, user, source
    session and the session's start, so it is the same however the events were loaded), event_seq
    (1-based place in the session) and dwell_seconds (time until the session's next event; 0 for
    its last).
-#}
{% macro sessionize(events) -%}
    select
        gaps.*,
        md5(
            gaps.event_source || chr(31) || gaps.user_id || chr(31) || gaps.session_partition
            || chr(31) || cast(extract(epoch from gaps.session_started_at) as text)
        ) as session_id,
        cast(gaps.partition_position - gaps.session_first_position + 1 as integer) as event_seq,
        case
            when gaps.next_starts_session = false
                then cast(extract(epoch from gaps.next_event_time - gaps.event_time) as double precision)
            else 0
        end as dwell_seconds
    from (
        select
            starts.*,
            max(case when starts.starts_session then starts.partition_position end)
                over partition_timeline as session_first_position,
            max(case when starts.starts_session then starts.event_time end)
                over partition_timeline as session_started_at,
            lead(starts.event_time) over partition_timeline as next_event_time,
            lead(starts.starts_session) over partition_timeline as next_starts_session
        from (
            select
                partitioned.*,
                row_number() over partition_timeline as partition_position,
                coalesce(
                    partitioned.event_time - lag(partitioned.event_time) over partition_timeline
                    > make_interval(mins => {{ var('session_inactivity_minutes') }}),
                    true
                ) as starts_session
            from (
                select
                    unpartitioned.*,
                    coalesce(unpartitioned.source_session_id, '') as session_partition
                from {{ events }} as unpartitioned
            ) as partitioned
            window partition_timeline as (
                partition by partitioned.event_source, partitioned.user_id, partitioned.session_partition
                order by partitioned.event_time, partitioned._load_id, partitioned._line_number, partitioned.event_id
            )
        ) as starts
        window partition_timeline as (
            partition by starts.event_source, starts.user_id, starts.session_partition
            order by starts.event_time, starts._load_id, starts._line_number, starts.event_id
            rows between unbounded preceding and current row
        )
    ) as gaps
{%- endmacro %}
