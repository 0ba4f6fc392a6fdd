with

source as (

    select * from {{ source('raw', 'olist_products') }}

),

latest_versions as (

    select
        *,
        {{ latest_version_rank('product_id') }} as version_rank
    from source

),

final as (

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
        _load_id as load_id,
        _loaded_at as loaded_at

    from latest_versions
    where version_rank = 1

)

select * from final
