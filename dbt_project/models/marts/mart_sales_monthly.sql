-- Sales per purchase month. The plain measures are the headline (placed orders: canceled and
-- unavailable left out); the *_all_statuses measures count every order, as the raw exports do.
with

orders as (

    select * from {{ ref('fct_orders') }}

),

data_span as (

    select
        min(order_date) as first_date,
        max(order_date) as last_date
    from orders

),

monthly as (

    select
        order_month,
        cast(count(*) filter (where order_status_group = 'placed') as integer) as orders,
        cast(count(*) filter (where order_status_group = 'placed' and has_items) as integer)
            as orders_with_items,
        cast(coalesce(sum(item_count) filter (where order_status_group = 'placed'), 0) as integer) as items,
        coalesce(sum(items_price) filter (where order_status_group = 'placed'), 0) as items_price,
        coalesce(sum(items_freight) filter (where order_status_group = 'placed'), 0) as items_freight,
        coalesce(sum(revenue) filter (where order_status_group = 'placed'), 0) as revenue,
        coalesce(sum(payment_value) filter (where order_status_group = 'placed'), 0) as payment_value,
        cast(count(distinct customer_unique_id) filter (where order_status_group = 'placed') as integer)
            as customers,
        cast(count(*) as integer) as orders_all_statuses,
        cast(count(*) filter (where has_items) as integer) as orders_with_items_all_statuses,
        sum(items_price) as items_price_all_statuses,
        sum(items_freight) as items_freight_all_statuses,
        sum(revenue) as revenue_all_statuses,
        sum(payment_value) as payment_value_all_statuses,
        cast(count(distinct customer_unique_id) as integer) as customers_all_statuses,
        cast(count(case when is_first_order then 1 end) as integer) as new_customers
    from orders
    group by order_month

),

final as (

    select
        monthly.*,
        {{ complete_month('monthly.order_month', 'data_span.first_date', 'data_span.last_date') }}
            as is_complete_month,
        {{ aov('monthly.revenue', 'monthly.orders_with_items') }} as aov
    from monthly
    cross join data_span

)

select * from final
