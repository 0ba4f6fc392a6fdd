with

orders as (

    select * from {{ ref('fct_orders') }}

),

ranked_orders as (

    select
        *,
        row_number() over (
            partition by customer_unique_id
            order by purchased_at desc, order_id desc
        ) as recency_rank
    from orders

),

latest_orders as (

    select
        customer_unique_id,
        customer_state,
        customer_city,
        customer_zip_code_prefix
    from ranked_orders
    where recency_rank = 1

),

customer_totals as (

    select
        customer_unique_id,
        min(purchased_at) as first_order_at,
        max(purchased_at) as last_order_at,
        cast(count(*) as integer) as orders,
        cast(count(case when item_count > 0 then 1 end) as integer) as orders_with_items,
        sum(item_count) as items,
        sum(revenue) as revenue,
        sum(payment_value) as payment_value
    from orders
    group by customer_unique_id

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
        customer_totals.orders > 1 as is_repeat_customer,
        latest_orders.customer_state,
        latest_orders.customer_city,
        latest_orders.customer_zip_code_prefix
    from customer_totals
    inner join latest_orders
        on customer_totals.customer_unique_id = latest_orders.customer_unique_id

)

select * from final
