with

source as (

    select * from {{ source('raw', 'olist_order_payments') }}

),

latest_versions as (

    select
        *,
        {{ latest_version_rank('order_id, payment_sequential') }} as version_rank
    from source

),

final as (

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
        _load_id as load_id,
        _loaded_at as loaded_at

    from latest_versions
    where version_rank = 1

)

select * from final
