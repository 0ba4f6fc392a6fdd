-- One row per order that a purchase event names: the session credited with it, the first that
-- bought it (by time), so an order counts once even when its lines, or a replayed purchase, sit
-- in several sessions. A table of its own: its few rows among millions of events are what the
-- planner cannot guess, and a wrong guess turns the attribution join into a nested loop.
with

events as (

    select * from {{ ref('int_events_sessionized') }}

),

ranked_purchases as (

    select
        order_id,
        session_id,
        event_time,
        row_number() over (
            partition by order_id
            order by event_time, session_id, event_seq
        ) as purchase_rank
    from events
    where is_purchase and order_id is not null

),

final as (

    select
        order_id,
        session_id,
        event_time as purchased_at
    from ranked_purchases
    where purchase_rank = 1

)

select * from final
