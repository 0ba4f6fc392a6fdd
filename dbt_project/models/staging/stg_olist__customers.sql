with

source as (

    select * from {{ source('raw', 'olist_customers') }}

),

renamed as (

    select
        ---------- ids
        trim(customer_id) as customer_id,
        trim(customer_unique_id) as customer_unique_id,

        ---------- strings (zip prefixes stay text: leading zeros matter)
        {{ clean_text('customer_zip_code_prefix') }} as customer_zip_code_prefix,
        {{ clean_city('customer_city') }} as customer_city,
        upper({{ clean_text('customer_state') }}) as customer_state,

        ---------- load metadata
        _load_id,
        _line_number,
        _loaded_at

    from source

),

-- Versions are ranked on the cleaned key, so ' abc' and 'abc' are one customer record.
latest_versions as (

    select
        *,
        {{ latest_version_rank('customer_id') }} as version_rank
    from renamed

),

final as (

    select
        customer_id,
        customer_unique_id,
        customer_zip_code_prefix,
        customer_city,
        customer_state,
        _load_id as load_id,
        _loaded_at as loaded_at
    from latest_versions
    where version_rank = 1

)

select * from final
