-- Items summed to order grain, BEFORE any join that could fan out: the one place revenue is added up.
with

order_items as (

    select * from {{ ref('stg_olist__order_items') }}

),

final as (

    select
        order_id,
        cast(count(*) as integer) as item_count,
        cast(count(distinct product_id) as integer) as distinct_products,
        cast(count(distinct seller_id) as integer) as distinct_sellers,
        sum(price) as items_price,
        sum(freight) as items_freight,
        sum(price + freight) as revenue
    from order_items
    group by order_id

)

select * from final
