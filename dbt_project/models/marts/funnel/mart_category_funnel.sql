with

session_products as (

    select * from {{ ref('int_funnel_session_products') }}

),

-- One row per session and category, so a session that looks at three products of a category
-- counts once for it. A category's cart line ends like its products' lines: bought if any was
-- bought, removed if all were removed, else abandoned.
session_categories as (

    select
        session_id,
        event_source as source,  -- noqa: RF04
        coalesce(category, 'unknown') as category,
        sum(product_views) as product_views,
        sum(cart_adds) as cart_adds,
        sum(units_added) as units_added,
        sum(removals) as removals,
        sum(units_removed) as units_removed,
        sum(purchases) as purchases,
        sum(units_purchased) as units_purchased,
        sum(revenue) as revenue,
        case
            when bool_or(cart_line_status = 'purchased') then 'purchased'
            when bool_or(cart_line_status = 'abandoned') then 'abandoned'
            when bool_or(cart_line_status = 'removed') then 'removed'
        end as cart_line_status,
        sum(abandoned_units) as abandoned_units,
        sum(abandoned_value) as abandoned_value
    from session_products
    group by
        session_id,
        event_source,
        coalesce(category, 'unknown')

),

-- Distinct pairs first, then a count: a count(distinct) would sort every session's product.
category_product_pairs as (

    select distinct
        event_source as source,  -- noqa: RF04
        coalesce(category, 'unknown') as category,
        product_id
    from session_products

),

category_products as (

    select
        source,
        category,
        cast(count(*) as integer) as products
    from category_product_pairs
    group by
        source,
        category

),

category_measures as (

    select
        source,
        category,
        {{ catalog_funnel_measures() }}
    from session_categories
    group by
        source,
        category

),

final as (

    select
        category_measures.*,
        category_products.products
    from category_measures
    inner join category_products
        on
            category_measures.source = category_products.source
            and category_measures.category = category_products.category

)

select * from final
