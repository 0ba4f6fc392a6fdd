with

source as (

    select * from {{ source('raw', 'olist_category_translation') }}

),

renamed as (

    select
        ---------- ids
        lower(trim(product_category_name)) as product_category_name,

        ---------- strings
        lower(trim(product_category_name_english)) as product_category_name_english,

        ---------- load metadata
        _load_id,
        _line_number,
        _loaded_at

    from source

),

-- Versions are ranked on the cleaned name, so 'Beleza_Saude' and 'beleza_saude ' are one
-- category (staging outputs the cleaned name: ranking on the raw one would duplicate it).
latest_versions as (

    select
        *,
        {{ latest_version_rank('product_category_name') }} as version_rank
    from renamed

),

final as (

    select
        product_category_name,
        product_category_name_english,
        _load_id as load_id,
        _loaded_at as loaded_at
    from latest_versions
    where version_rank = 1

)

select * from final
