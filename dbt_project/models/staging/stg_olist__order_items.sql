with

source as (

    select * from {{ source('raw', 'olist_order_items') }}

),

renamed as (

    select
        ---------- ids
        trim(order_id) as order_id,
        order_item_id,
        trim(product_id) as product_id,
        trim(seller_id) as seller_id,

        ---------- numerics
        cast(price as numeric(12, 2)) as price,
        cast(freight_value as numeric(12, 2)) as freight,

        ---------- timestamps (shop-local time, no time zone)
        shipping_limit_date as shipping_limit_at,

        ---------- load metadata
        _load_id,
        _line_number,
        _loaded_at

    from source

),

-- A newer export of an order carries all of its items: only the newest load that contains the
-- order counts, so an item missing from it is gone (not kept from an older export).
latest_loads as (

    select
        *,
        {{ latest_load_rank('order_id') }} as load_rank
    from renamed

),

latest_versions as (

    select
        *,
        {{ latest_version_rank('order_id, order_item_id') }} as version_rank
    from latest_loads
    where load_rank = 1

),

final as (

    select
        order_id,
        order_item_id,
        product_id,
        seller_id,
        price,
        freight,
        shipping_limit_at,
        _load_id as load_id,
        _loaded_at as loaded_at
    from latest_versions
    where version_rank = 1

)

select * from final
