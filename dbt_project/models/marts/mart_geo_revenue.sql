with

orders as (

    select * from {{ ref('fct_orders') }}

),

brazil_states as (

    select * from {{ ref('brazil_states') }}

),

state_orders as (

    select
        coalesce(customer_state, 'unknown') as customer_state,
        -- Headline measures: placed orders only (see order_status_group).
        cast(count(*) filter (where order_status_group = 'placed') as integer) as orders,
        cast(count(*) filter (where order_status_group = 'placed' and has_items) as integer)
            as orders_with_items,
        cast(count(distinct customer_unique_id) filter (where order_status_group = 'placed') as integer)
            as customers,
        coalesce(sum(revenue) filter (where order_status_group = 'placed'), 0) as revenue,
        coalesce(sum(payment_value) filter (where order_status_group = 'placed'), 0) as payment_value,
        cast(count(*) as integer) as orders_all_statuses,
        sum(revenue) as revenue_all_statuses,
        -- Delivery measures: every delivered order (a delivery date makes it delivered).
        cast(count(is_late) as integer) as delivered_orders,
        cast(count(case when is_late then 1 end) as integer) as late_orders,
        cast(coalesce(sum(delivery_days) filter (where is_late is not null), 0) as integer)
            as delivery_days_total
    from orders
    group by coalesce(customer_state, 'unknown')

),

final as (

    select
        state_orders.customer_state,
        brazil_states.state_name,
        brazil_states.region,
        state_orders.orders,
        state_orders.orders_with_items,
        state_orders.customers,
        state_orders.revenue,
        state_orders.payment_value,
        state_orders.orders_all_statuses,
        state_orders.revenue_all_statuses,
        {{ aov('state_orders.revenue', 'state_orders.orders_with_items') }} as aov,
        state_orders.delivery_days_total,
        {{ mean_of('state_orders.delivery_days_total', 'state_orders.delivered_orders', 10, 2) }}
            as avg_delivery_days,
        state_orders.delivered_orders,
        state_orders.late_orders,
        {{ rate('state_orders.late_orders', 'state_orders.delivered_orders') }} as late_share
    from state_orders
    left join brazil_states
        on state_orders.customer_state = brazil_states.state_code

)

select * from final
