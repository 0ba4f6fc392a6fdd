-- One row per product category and day: the additive counts of mart_category_funnel. A session
-- counts once per category, however many of its products it looked at, and a category's cart line
-- ends like its products' lines: bought if any was bought, abandoned if any was left in the cart,
-- else removed. Incremental: the days whose sessions changed are recomputed (replace_periods).
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_periods',
        replace_periods=[{'grain': 'day', 'column': 'built.session_date'}],
    )
}}

-- depends_on: {{ ref('int_session_changes') }} (the changed periods, in incremental runs)

with

session_products as (

    {{ sessions_to_refresh(ref('int_funnel_session_products'), 'day') }}

),

session_categories as (

    select
        session_id,
        source,
        session_date,
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
        source,
        session_date,
        coalesce(category, 'unknown')

),

final as (

    select
        source,
        category,
        session_date,
        {{ catalog_counts() }},
        now() as refreshed_at
    from session_categories
    group by source, category, session_date

)

select * from final
