with

source as (

    select * from {{ source('raw', 'olist_order_payments') }}

),

renamed as (

    select
        ---------- ids
        trim(order_id) as order_id,
        payment_sequential,

        ---------- strings
        lower(trim(payment_type)) as payment_type,

        ---------- numerics
        payment_installments,
        cast(payment_value as numeric(12, 2)) as payment_value,

        ---------- load metadata
        _load_id,
        _line_number,
        _loaded_at

    from source

),

-- A newer export of an order carries all of its payments: only the newest load that contains
-- the order counts, so a payment missing from it is gone (not kept from an older export).
latest_loads as (

    select
        *,
        {{ latest_load_rank('order_id') }} as load_rank
    from renamed

),

latest_versions as (

    select
        *,
        {{ latest_version_rank('order_id, payment_sequential') }} as version_rank
    from latest_loads
    where load_rank = 1

),

final as (

    select
        order_id,
        payment_sequential,
        payment_type,
        payment_installments,
        payment_value,
        _load_id as load_id,
        _loaded_at as loaded_at
    from latest_versions
    where version_rank = 1

)

select * from final
