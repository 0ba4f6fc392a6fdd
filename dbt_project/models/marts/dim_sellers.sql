with

sellers as (

    select * from {{ ref('stg_olist__sellers') }}

),

order_items as (

    select * from {{ ref('fct_order_items') }}

),

seller_sales as (

    select
        seller_id,
        cast(count(*) as integer) as items_sold,
        cast(count(distinct order_id) as integer) as orders,
        sum(revenue) as revenue
    from order_items
    group by seller_id

),

final as (

    select
        sellers.seller_id,
        sellers.seller_zip_code_prefix,
        sellers.seller_city,
        sellers.seller_state,
        coalesce(seller_sales.items_sold, 0) as items_sold,
        coalesce(seller_sales.orders, 0) as orders,
        {{ money('coalesce(seller_sales.revenue, 0)') }} as revenue
    from sellers
    left join seller_sales
        on sellers.seller_id = seller_sales.seller_id

)

select * from final
