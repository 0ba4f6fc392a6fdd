with

source as (

    select * from {{ source('raw', 'olist_sellers') }}

),

renamed as (

    select
        ---------- ids
        trim(seller_id) as seller_id,

        ---------- strings (zip prefixes stay text: leading zeros matter)
        {{ clean_text('seller_zip_code_prefix') }} as seller_zip_code_prefix,
        {{ clean_city('seller_city') }} as seller_city,
        upper({{ clean_text('seller_state') }}) as seller_state,

        ---------- load metadata
        _load_id,
        _line_number,
        _loaded_at

    from source

),

-- Versions are ranked on the cleaned key, so ' abc' and 'abc' are one seller.
latest_versions as (

    select
        *,
        {{ latest_version_rank('seller_id') }} as version_rank
    from renamed

),

final as (

    select
        seller_id,
        seller_zip_code_prefix,
        seller_city,
        seller_state,
        _load_id as load_id,
        _loaded_at as loaded_at
    from latest_versions
    where version_rank = 1

)

select * from final
