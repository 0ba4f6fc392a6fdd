-- One row per event session: when it reached each funnel step in strict order, and the facts the
-- drop-off reason is made of (errors, cancellations, conversion).
with

events as (

    select * from {{ ref('int_events_sessionized') }}

),

-- The few columns this model reads, in one scan: read twice below, a wide CTE would be
-- materialized whole (every column of every event).
session_events as (

    select
        session_id,
        user_id,
        event_source,
        event_seq,
        event_time,
        event_type,
        element_text,
        quantity,
        is_purchase,
        {{ funnel_step_number('event_type', 'page_type', 'is_purchase') }} as step_number
    from events

),

step_events as (

    -- Only the events that can reach a step; most events (page views, searches) cannot.
    select
        session_id,
        event_seq,
        event_time,
        step_number
    from session_events
    where step_number is not null

),

-- Strict order: a step is reached by its first event AFTER the event that reached the previous
-- step (by event_seq, so equal timestamps keep the file's order). A step whose event came only
-- before the previous step was reached does not count, and neither does any later step. Each
-- window sees the step reached just before it; the windows share one partition, so one sort.
product_view_reached as (

    select
        *,
        min(case when step_number = 1 then event_seq end)
            over (partition by session_id) as product_view_seq
    from step_events

),

add_to_cart_reached as (

    select
        *,
        min(case when step_number = 2 and event_seq > product_view_seq then event_seq end)
            over (partition by session_id) as add_to_cart_seq
    from product_view_reached

),

cart_reached as (

    select
        *,
        min(case when step_number = 3 and event_seq > add_to_cart_seq then event_seq end)
            over (partition by session_id) as cart_seq
    from add_to_cart_reached

),

checkout_reached as (

    select
        *,
        min(case when step_number = 4 and event_seq > cart_seq then event_seq end)
            over (partition by session_id) as checkout_seq
    from cart_reached

),

purchase_reached as (

    select
        *,
        min(case when step_number = 5 and event_seq > checkout_seq then event_seq end)
            over (partition by session_id) as purchase_seq
    from checkout_reached

),

session_steps as (

    select
        session_id,
        min(case when event_seq = product_view_seq then event_time end) as product_view_at,
        min(case when event_seq = add_to_cart_seq then event_time end) as add_to_cart_at,
        min(case when event_seq = cart_seq then event_time end) as cart_at,
        min(case when event_seq = checkout_seq then event_time end) as checkout_at,
        min(case when event_seq = purchase_seq then event_time end) as purchase_at,
        max(product_view_seq) as product_view_seq,
        max(add_to_cart_seq) as add_to_cart_seq,
        max(cart_seq) as cart_seq,
        max(checkout_seq) as checkout_seq,
        max(purchase_seq) as purchase_seq
    from purchase_reached
    group by session_id

),

session_facts as (

    select
        session_id,
        min(user_id) as user_id,
        min(event_source) as event_source,
        min(event_time) as started_at,
        max(event_time) as ended_at,
        cast(count(*) as integer) as events,
        bool_or(is_purchase) as converted,
        cast(count(*) filter (where event_type = 'error') as integer) as error_events,
        -- An error without a text is still an error: it must not fall back to "no error".
        (
            array_agg(coalesce(element_text, 'unknown error') order by event_seq)
            filter (where event_type = 'error')
        )[1] as first_error_message,
        bool_or(event_type = 'cancel_order') as has_cancel_order,
        -- Cart moves counted for the whole session, with or without a product: a journey removes
        -- from the cart page, whose path names no product. A missing quantity is one unit.
        cast(count(*) filter (where event_type = 'add_to_cart') as integer) as cart_adds,
        cast(coalesce(sum(coalesce(quantity, 1)) filter (where event_type = 'add_to_cart'), 0) as integer)
            as units_added,
        cast(count(*) filter (where event_type = 'remove_from_cart') as integer) as cart_removals,
        cast(coalesce(sum(coalesce(quantity, 1)) filter (where event_type = 'remove_from_cart'), 0) as integer)
            as units_removed
    from session_events
    group by session_id

),

final as (

    select
        session_facts.session_id,
        session_facts.user_id,
        session_facts.event_source,
        session_facts.started_at,
        session_facts.ended_at,
        session_facts.events,
        session_steps.product_view_at,
        session_steps.add_to_cart_at,
        session_steps.cart_at,
        session_steps.checkout_at,
        session_steps.purchase_at,
        session_steps.product_view_seq,
        session_steps.add_to_cart_seq,
        session_steps.cart_seq,
        session_steps.checkout_seq,
        session_steps.purchase_seq,
        case
            when session_steps.purchase_seq is not null then 5
            when session_steps.checkout_seq is not null then 4
            when session_steps.cart_seq is not null then 3
            when session_steps.add_to_cart_seq is not null then 2
            when session_steps.product_view_seq is not null then 1
            else 0
        end as furthest_step_number,
        session_facts.converted,
        session_facts.error_events,
        session_facts.first_error_message,
        session_facts.has_cancel_order,
        session_facts.cart_adds,
        session_facts.units_added,
        session_facts.cart_removals,
        session_facts.units_removed
    from session_facts
    left join session_steps
        on session_facts.session_id = session_steps.session_id

)

select * from final
