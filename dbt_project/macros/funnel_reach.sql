{#-
    funnel_reach(events)

    The final select of int_events_sessionized over `events` (sessionized, with is_purchase): its
    columns, plus funnel_step, the funnel step an event reaches in strict order. A step-k event
    reaches step k when an event reaching step k-1 came before it in the session (any step-1 event
    reaches step 1); the first such event is the one that reached the step. One running maximum per
    step over the partition's timeline finds them without sorting again: the last event that
    reached step k-1 is in this session when its position is at or after the session's first.
-#}
{% macro funnel_reach(events) -%}
    {%- set timeline -%}
        partition by event_source, user_id, session_partition
        order by event_time, _load_id, _line_number, event_id
        rows between unbounded preceding and current row
    {%- endset -%}
    select
        {{ canonical_event_columns() | join(', ') }},
        previous_session_id,
        session_id,
        event_seq,
        is_purchase,
        cast(case
            when step_number = 1 then 1
            when step_number = 2 and reached_1 >= session_first_position then 2
            when step_number = 3 and reached_2 >= session_first_position then 3
            when step_number = 4 and reached_3 >= session_first_position then 4
            when step_number = 5 and reached_4 >= session_first_position then 5
        end as smallint) as funnel_step,
        dwell_seconds,
        now() as sessionized_at
    from (
        select
            *,
            max(case when step_number = 4 and reached_3 >= session_first_position then partition_position end)
                over ({{ timeline }}) as reached_4
        from (
            select
                *,
                max(case when step_number = 3 and reached_2 >= session_first_position then partition_position end)
                    over ({{ timeline }}) as reached_3
            from (
                select
                    *,
                    max(case when step_number = 2 and reached_1 >= session_first_position then partition_position end)
                        over ({{ timeline }}) as reached_2
                from (
                    select
                        *,
                        max(case when step_number = 1 then partition_position end) over ({{ timeline }}) as reached_1
                    from (
                        select
                            *,
                            {{ funnel_step_number('event_type', 'page_type', 'is_purchase') }} as step_number
                        from {{ events }}
                    ) as steps
                ) as reached_product_view
            ) as reached_add_to_cart
        ) as reached_cart
    ) as reached_checkout
{%- endmacro %}
