-- Sales per purchase date x customer state x product category x order status x RFM segment, from
-- order items: the orders pages filter on any of these and sum.
with

order_items as (

    select * from {{ ref('fct_order_items') }}

),

customer_rfm as (

    select * from {{ ref('mart_customer_rfm') }}

),

final as (

    select
        order_items.order_date,
        coalesce(order_items.customer_state, 'unknown') as customer_state,
        order_items.product_category,
        order_items.order_status,
        {{ order_status_group('order_items.order_status') }} as order_status_group,
        customer_rfm.rfm_segment,
        cast(count(distinct order_items.order_id) as integer) as orders,
        cast(count(*) as integer) as items,
        sum(order_items.price) as items_price,
        sum(order_items.freight) as items_freight,
        sum(order_items.revenue) as revenue
    from order_items
    inner join customer_rfm
        on order_items.customer_unique_id = customer_rfm.customer_unique_id
    group by
        order_items.order_date,
        coalesce(order_items.customer_state, 'unknown'),
        order_items.product_category,
        order_items.order_status,
        customer_rfm.rfm_segment

)

select * from final
