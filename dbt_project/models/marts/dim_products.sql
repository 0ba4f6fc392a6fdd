with

products as (

    select * from {{ ref('int_products_translated') }}

),

order_items as (

    select * from {{ ref('fct_order_items') }}

),

product_sales as (

    select
        product_id,
        cast(count(*) as integer) as items_sold,
        cast(count(distinct order_id) as integer) as orders,
        sum(revenue) as revenue
    from order_items
    group by product_id

),

final as (

    select
        products.product_id,
        products.product_category,
        products.product_category_name,
        products.product_category_name_english,
        products.product_name_length,
        products.product_description_length,
        products.product_photos_qty,
        products.product_weight_g,
        products.product_length_cm,
        products.product_height_cm,
        products.product_width_cm,
        coalesce(product_sales.items_sold, 0) as items_sold,
        coalesce(product_sales.orders, 0) as orders,
        {{ money('coalesce(product_sales.revenue, 0)') }} as revenue
    from products
    left join product_sales
        on products.product_id = product_sales.product_id

)

select * from final
