with

session_steps as (

    select * from {{ ref('int_funnel_session_steps') }}

),

session_products as (

    select * from {{ ref('int_funnel_session_products') }}

),

sessions as (

    select * from {{ ref('fct_sessions') }}

),

session_carts as (

    select
        session_id,
        cast(count(*) filter (where is_cart_line) as integer) as cart_lines,
        cast(count(*) filter (where cart_line_status = 'abandoned') as integer) as abandoned_cart_lines,
        {{ money('coalesce(sum(abandoned_value), 0)') }} as abandoned_value
    from session_products
    group by session_id

),

steps_with_cart as (

    select
        session_steps.*,
        coalesce(session_carts.cart_lines, 0) as cart_lines,
        coalesce(session_carts.abandoned_cart_lines, 0) as abandoned_cart_lines,
        coalesce(session_carts.abandoned_value, 0) as abandoned_value,
        session_steps.units_added > 0 and session_steps.units_removed >= session_steps.units_added
            as emptied_cart,
        -- Entered the funnel (a product view) but did not reach the purchase step in order.
        case
            when session_steps.furthest_step_number between 1 and 4
                then session_steps.furthest_step_number
        end as dropped_after_step_number
    from session_steps
    left join session_carts
        on session_steps.session_id = session_carts.session_id

),

final as (

    select
        ---------- ids
        steps_with_cart.session_id,
        steps_with_cart.user_id,
        sessions.source,  -- noqa: RF04

        ---------- when (the shop's calendar day, as in fct_sessions)
        sessions.session_date,
        cast({{ dbt.date_trunc('week', 'sessions.session_date') }} as date) as session_week,
        steps_with_cart.started_at,
        steps_with_cart.ended_at,

        ---------- dimensions (those of fct_sessions, so funnel and conversion marts agree)
        sessions.device_type,
        sessions.browser,
        sessions.os,
        sessions.region,
        sessions.traffic_source,
        sessions.visitor_type,
        sessions.utm_campaign,

        ---------- funnel steps, in strict order
        steps_with_cart.events,
        steps_with_cart.furthest_step_number >= 1 as reached_product_view,
        steps_with_cart.furthest_step_number >= 2 as reached_add_to_cart,
        steps_with_cart.furthest_step_number >= 3 as reached_cart,
        steps_with_cart.furthest_step_number >= 4 as reached_checkout,
        steps_with_cart.furthest_step_number >= 5 as reached_purchase,
        steps_with_cart.product_view_at,
        steps_with_cart.add_to_cart_at,
        steps_with_cart.cart_at,
        steps_with_cart.checkout_at,
        steps_with_cart.purchase_at,
        steps_with_cart.furthest_step_number,
        {{ funnel_step_name('steps_with_cart.furthest_step_number') }} as furthest_step,
        steps_with_cart.converted,

        ---------- drop-off: where and why (see the doc block drop_off_reason)
        steps_with_cart.dropped_after_step_number,
        {{ funnel_step_name('steps_with_cart.dropped_after_step_number') }} as dropped_after_step,
        case
            when steps_with_cart.dropped_after_step_number is null then null
            when steps_with_cart.converted then 'purchased out of order'
            when steps_with_cart.first_error_message is not null
                then {{ error_category('steps_with_cart.first_error_message') }}
            when steps_with_cart.has_cancel_order then 'cancelled order'
            when steps_with_cart.emptied_cart then 'emptied cart'
            else 'no error'
        end as drop_off_reason,
        steps_with_cart.error_events,
        steps_with_cart.first_error_message,
        steps_with_cart.has_cancel_order,

        ---------- cart
        steps_with_cart.cart_adds,
        steps_with_cart.units_added,
        steps_with_cart.cart_removals,
        steps_with_cart.units_removed,
        steps_with_cart.cart_lines,
        steps_with_cart.cart_adds > 0 as has_cart,
        steps_with_cart.cart_adds > 0 and not steps_with_cart.converted as is_cart_abandoned,
        steps_with_cart.emptied_cart,
        steps_with_cart.abandoned_cart_lines,
        steps_with_cart.abandoned_value
    from steps_with_cart
    left join sessions
        on steps_with_cart.session_id = sessions.session_id

)

select * from final
