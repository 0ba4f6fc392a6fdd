with

order_items as (

    select * from {{ ref('fct_order_items') }}

),

final as (

    select
        order_date,
        coalesce(customer_state, 'unknown') as customer_state,
        product_category,
        order_status,
        {{ order_status_group('order_status') }} as order_status_group,
        cast(count(distinct order_id) as integer) as orders,
        cast(count(*) as integer) as items,
        sum(price) as items_price,
        sum(freight) as items_freight,
        sum(revenue) as revenue
    from order_items
    group by
        order_date,
        coalesce(customer_state, 'unknown'),
        product_category,
        order_status

)

select * from final
