-- Views, carts, purchases, revenue and abandonment per product category (within its source),
-- over all dates: int_funnel_category_days summed, with the products the category has (in
-- mart_product_performance). Small: rebuilt whole on every run.
with

category_days as (

    select * from {{ ref('int_funnel_category_days') }}

),

products as (

    select * from {{ ref('mart_product_performance') }}

),

category_products as (

    select
        source,
        coalesce(category, 'unknown') as category,
        cast(count(*) as integer) as products
    from products
    group by source, coalesce(category, 'unknown')

),

category_measures as (

    select
        source,
        category,
        {{ catalog_measures() }}
    from category_days
    group by source, category

),

final as (

    select
        category_measures.*,
        coalesce(category_products.products, 0) as products
    from category_measures
    left join category_products
        on
            category_measures.source = category_products.source
            and category_measures.category = category_products.category

)

select * from final
