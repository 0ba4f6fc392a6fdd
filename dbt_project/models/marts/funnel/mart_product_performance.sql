with

session_products as (

    select * from {{ ref('int_funnel_session_products') }}

),

final as (

    select
        event_source as source,  -- noqa: RF04
        product_id,
        -- A product's events normally agree on these; when they do not, one value is kept.
        max(category) as category,
        max(brand) as brand,
        {{ catalog_funnel_measures() }}
    from session_products
    group by
        event_source,
        product_id

)

select * from final
