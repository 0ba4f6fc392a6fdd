-- Orders with their person, location and the order-grain sums of items, payments and reviews.
-- Every join is to one row per order (or per customer_id), so nothing fans out.
with

orders as (

    select * from {{ ref('stg_olist__orders') }}

),

customers as (

    select * from {{ ref('stg_olist__customers') }}

),

order_items as (

    select * from {{ ref('int_order_items_summed') }}

),

order_payments as (

    select * from {{ ref('int_order_payments_summed') }}

),

order_reviews as (

    select * from {{ ref('int_order_reviews_summarized') }}

),

joined as (

    select
        orders.order_id,
        orders.customer_id,
        customers.customer_unique_id,
        orders.order_status,
        orders.purchased_at,
        orders.approved_at,
        orders.delivered_to_carrier_at,
        orders.delivered_at,
        orders.estimated_delivery_at,
        coalesce(order_items.item_count, 0) as item_count,
        coalesce(order_items.items_price, 0) as items_price,
        coalesce(order_items.items_freight, 0) as items_freight,
        coalesce(order_items.revenue, 0) as revenue,
        coalesce(order_payments.payment_rows, 0) as payment_rows,
        coalesce(order_payments.payment_value, 0) as payment_value,
        order_payments.payment_type,
        order_payments.payment_installments,
        coalesce(order_reviews.review_count, 0) as review_count,
        order_reviews.latest_review_score as review_score,
        customers.customer_state,
        customers.customer_city,
        customers.customer_zip_code_prefix
    from orders
    left join customers
        on orders.customer_id = customers.customer_id
    left join order_items
        on orders.order_id = order_items.order_id
    left join order_payments
        on orders.order_id = order_payments.order_id
    left join order_reviews
        on orders.order_id = order_reviews.order_id

),

final as (

    select
        *,
        {{ order_status_group('order_status') }} as order_status_group,
        cast({{ dbt.date_trunc('day', 'purchased_at') }} as date) as order_date,
        {{ month_start('purchased_at') }} as order_month,
        cast({{ dbt.datediff('purchased_at', 'delivered_at', 'day') }} as integer) as delivery_days,
        case
            when delivered_at is not null and estimated_delivery_at is not null
                then cast(delivered_at as date) > cast(estimated_delivery_at as date)
        end as is_late
    from joined

)

select * from final
