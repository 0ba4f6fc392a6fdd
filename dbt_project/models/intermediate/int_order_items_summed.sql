-- Items summed to order grain, BEFORE any join that could fan out. Order revenue is the sum of
-- the items' revenue (the item_revenue macro, which fct_order_items also uses per item).
with

order_items as (

    select * from {{ ref('stg_olist__order_items') }}

),

final as (

    select
        order_id,
        cast(count(*) as integer) as item_count,
        sum(price) as items_price,
        sum(freight) as items_freight,
        sum({{ item_revenue('price', 'freight') }}) as revenue
    from order_items
    group by order_id

)

select * from final
