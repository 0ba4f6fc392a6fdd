with

source as (

    select * from {{ source('raw', 'olist_orders') }}

),

renamed as (

    select
        ---------- ids
        trim(order_id) as order_id,
        trim(customer_id) as customer_id,

        ---------- strings
        lower(trim(order_status)) as order_status,

        ---------- timestamps (shop-local time, no time zone)
        order_purchase_timestamp as purchased_at,
        order_approved_at as approved_at,
        order_delivered_carrier_date as delivered_to_carrier_at,
        order_delivered_customer_date as delivered_at,
        order_estimated_delivery_date as estimated_delivery_at,

        ---------- load metadata
        _load_id,
        _line_number,
        _loaded_at

    from source

),

-- Versions are ranked on the cleaned key, so ' abc' and 'abc' are one order.
latest_versions as (

    select
        *,
        {{ latest_version_rank('order_id') }} as version_rank
    from renamed

),

final as (

    select
        order_id,
        customer_id,
        order_status,
        purchased_at,
        approved_at,
        delivered_to_carrier_at,
        delivered_at,
        estimated_delivery_at,
        _load_id as load_id,
        _loaded_at as loaded_at
    from latest_versions
    where version_rank = 1

)

select * from final
