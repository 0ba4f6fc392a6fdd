with

orders as (

    select * from {{ ref('int_orders_enriched') }}

),

customer_orders as (

    select * from {{ ref('int_customer_orders_numbered') }}

),

final as (

    select
        orders.order_id,
        orders.customer_id,
        orders.customer_unique_id,
        orders.order_status,
        orders.order_status_group,
        orders.purchased_at,
        orders.approved_at,
        orders.delivered_to_carrier_at,
        orders.delivered_at,
        orders.estimated_delivery_at,
        orders.order_date,
        orders.order_month,
        orders.item_count,
        orders.item_count > 0 as has_items,
        orders.items_price,
        orders.items_freight,
        orders.revenue,
        orders.payment_rows,
        orders.payment_value,
        orders.payment_type,
        orders.payment_installments,
        orders.review_count,
        orders.review_score,
        orders.delivery_days,
        orders.is_late,
        orders.customer_state,
        orders.customer_city,
        orders.customer_zip_code_prefix,
        customer_orders.order_sequence,
        customer_orders.is_first_order
    from orders
    inner join customer_orders
        on orders.order_id = customer_orders.order_id

)

select * from final
