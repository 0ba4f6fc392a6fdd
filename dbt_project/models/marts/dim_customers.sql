with

orders as (

    select * from {{ ref('fct_orders') }}

),

customer_totals as (

    select
        customer_unique_id,
        min(purchased_at) as first_order_at,
        max(purchased_at) as last_order_at,
        cast(count(*) as integer) as orders,
        cast(count(*) filter (where has_items) as integer) as orders_with_items,
        -- Repeat buying: distinct days with a placed order (canceled/unavailable left out, and
        -- several orders on one day are one purchase).
        cast(count(distinct order_date) filter (where order_status_group = 'placed') as integer)
            as purchase_days,
        sum(item_count) as items,
        sum(revenue) as revenue,
        sum(payment_value) as payment_value
    from orders
    group by customer_unique_id

),

-- The person's latest order is the one numbered last (order_sequence = their order count).
latest_orders as (

    select
        orders.customer_unique_id,
        orders.customer_state,
        orders.customer_city,
        orders.customer_zip_code_prefix
    from orders
    inner join customer_totals
        on
            orders.customer_unique_id = customer_totals.customer_unique_id
            and orders.order_sequence = customer_totals.orders

),

final as (

    select
        customer_totals.customer_unique_id,
        customer_totals.first_order_at,
        customer_totals.last_order_at,
        {{ month_start('customer_totals.first_order_at') }} as cohort_month,
        customer_totals.orders,
        customer_totals.orders_with_items,
        cast(customer_totals.items as integer) as items,
        customer_totals.revenue,
        customer_totals.payment_value,
        customer_totals.purchase_days,
        customer_totals.purchase_days > 1 as is_repeat_customer,
        latest_orders.customer_state,
        latest_orders.customer_city,
        latest_orders.customer_zip_code_prefix
    from customer_totals
    inner join latest_orders
        on customer_totals.customer_unique_id = latest_orders.customer_unique_id

)

select * from final
