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
        cast(count(*) as integer) as orders,
        cast(count(*) filter (where has_items) as integer) as orders_with_items,
        cast(count(distinct customer_unique_id) as integer) as customers,
        sum(revenue) as revenue,
        sum(payment_value) as payment_value,
        cast(count(is_late) as integer) as delivered_orders,
        cast(count(case when is_late then 1 end) as integer) as late_orders,
        avg(case when is_late is not null then delivery_days end) as avg_delivery_days
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
        {{ aov('state_orders.revenue', 'state_orders.orders_with_items') }} as aov,
        state_orders.avg_delivery_days,
        state_orders.delivered_orders,
        state_orders.late_orders,
        {{ rate('state_orders.late_orders', 'state_orders.delivered_orders') }} as late_share
    from state_orders
    left join brazil_states
        on state_orders.customer_state = brazil_states.state_code

)

select * from final
