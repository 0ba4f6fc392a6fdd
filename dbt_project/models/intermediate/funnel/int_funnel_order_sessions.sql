-- One row per order that a purchase event names: the session credited with it, the first that
-- bought it (by time), so an order counts once even when its lines, or a replayed purchase, sit
-- in several sessions. A table of its own: its few rows among millions of events are what the
-- planner cannot guess, and a wrong guess turns the attribution join into a nested loop.
-- Incremental: the orders named by events (re)sessionized since the last run are attributed again
-- from all their purchase events (through the purchased-orders index of int_events_sessionized).
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='order_id',
        indexes=[{'columns': ['order_id'], 'unique': True}],
        post_hook="{{ analyze_after_build() }}",
    )
}}

with

-- Not materialized: read twice, both times through the table's indexes, never copied whole.
events as not materialized (

    select * from {{ ref('int_events_sessionized') }}

),

purchases as (

    select
        order_id,
        session_id,
        event_time,
        event_seq
    from events
    where
        is_purchase and order_id is not null
        {% if is_incremental() %}
            and order_id in (
                select rewritten.order_id from events as rewritten
                where
                    rewritten.sessionized_at > {{ watermark(this, 'updated_at') }}
                    and rewritten.is_purchase and rewritten.order_id is not null
            )
        {% endif %}

),

ranked_purchases as (

    select
        *,
        row_number() over (
            partition by order_id
            order by event_time, session_id, event_seq
        ) as purchase_rank
    from purchases

),

final as (

    select
        order_id,
        session_id,
        event_time as purchased_at,
        now() as updated_at
    from ranked_purchases
    where purchase_rank = 1

)

select * from final
