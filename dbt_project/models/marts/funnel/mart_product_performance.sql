-- Views, carts, purchases, revenue and abandonment per product (within its source: product ids
-- are the source's own), over all dates, summed from int_funnel_product_days. Incremental: the
-- products with a recomputed day are summed again (delete + insert on the product).
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['source', 'product_id'],
        indexes=[
            {'columns': ['source', 'product_id'], 'unique': True},
        ],
    )
}}

with

product_days as (

    select * from {{ ref('int_funnel_product_days') }}

),

{% if is_incremental() %}

    refreshed_products as (

        select distinct
            source,
            product_id
        from product_days
        where refreshed_at > {{ watermark(this, 'refreshed_at') }}

    ),

    products_to_sum as (

        select product_days.*
        from product_days
        inner join refreshed_products
            on
                product_days.source = refreshed_products.source
                and product_days.product_id = refreshed_products.product_id

    ),

{% else %}

    products_to_sum as (

        select * from product_days

    ),

{% endif %}

final as (

    select
        source,
        product_id,
        -- A product's events normally agree on these; when they do not, one value is kept.
        max(category) as category,
        max(brand) as brand,
        {{ catalog_measures() }},
        now() as refreshed_at
    from products_to_sum
    group by source, product_id

)

select * from final
