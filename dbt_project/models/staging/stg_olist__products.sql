with

source as (

    select * from {{ source('raw', 'olist_products') }}

),

renamed as (

    select
        ---------- ids
        trim(product_id) as product_id,

        ---------- strings
        lower({{ clean_text('product_category_name') }}) as product_category_name,

        ---------- numerics (the source spells "lenght"; the counts arrive as floats, e.g. 49.0)
        cast(product_name_lenght as integer) as product_name_length,
        cast(product_description_lenght as integer) as product_description_length,
        cast(product_photos_qty as integer) as product_photos_qty,
        cast(product_weight_g as numeric(12, 2)) as product_weight_g,
        cast(product_length_cm as numeric(12, 2)) as product_length_cm,
        cast(product_height_cm as numeric(12, 2)) as product_height_cm,
        cast(product_width_cm as numeric(12, 2)) as product_width_cm,

        ---------- load metadata
        _load_id,
        _line_number,
        _loaded_at

    from source

),

-- Versions are ranked on the cleaned key, so ' abc' and 'abc' are one product.
latest_versions as (

    select
        *,
        {{ latest_version_rank('product_id') }} as version_rank
    from renamed

),

final as (

    select
        product_id,
        product_category_name,
        product_name_length,
        product_description_length,
        product_photos_qty,
        product_weight_g,
        product_length_cm,
        product_height_cm,
        product_width_cm,
        _load_id as load_id,
        _loaded_at as loaded_at
    from latest_versions
    where version_rank = 1

)

select * from final
