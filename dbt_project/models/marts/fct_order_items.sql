with

order_items as (

    select * from {{ ref('stg_olist__order_items') }}

),

products as (

    select * from {{ ref('int_products_translated') }}

),

orders as (

    select * from {{ ref('fct_orders') }}

),

final as (

    select
        order_items.order_id,
        order_items.order_item_id,
        order_items.product_id,
        order_items.seller_id,
        orders.customer_unique_id,
        orders.order_status,
        coalesce(products.product_category, 'unknown') as product_category,
        order_items.price,
        order_items.freight,
        {{ item_revenue('order_items.price', 'order_items.freight') }} as revenue,
        order_items.shipping_limit_at,
        orders.purchased_at,
        orders.order_date,
        orders.order_month,
        orders.customer_state
    from order_items
    left join products
        on order_items.product_id = products.product_id
    left join orders
        on order_items.order_id = orders.order_id

)

select * from final
