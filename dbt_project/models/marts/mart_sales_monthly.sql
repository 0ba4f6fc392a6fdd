with

orders as (

    select * from {{ ref('fct_orders') }}

),

monthly as (

    select
        order_month,
        cast(count(*) as integer) as orders,
        cast(count(*) filter (where has_items) as integer) as orders_with_items,
        cast(sum(item_count) as integer) as items,
        sum(items_price) as items_price,
        sum(items_freight) as items_freight,
        sum(revenue) as revenue,
        sum(payment_value) as payment_value,
        cast(count(distinct customer_unique_id) as integer) as customers,
        cast(count(case when is_first_order then 1 end) as integer) as new_customers
    from orders
    group by order_month

),

final as (

    select
        *,
        {{ aov('revenue', 'orders_with_items') }} as aov
    from monthly

)

select * from final
