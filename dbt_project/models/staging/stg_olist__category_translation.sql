with

source as (

    select * from {{ source('raw', 'olist_category_translation') }}

),

latest_versions as (

    select
        *,
        {{ latest_version_rank('product_category_name') }} as version_rank
    from source

),

final as (

    select
        ---------- ids
        lower(trim(product_category_name)) as product_category_name,

        ---------- strings
        lower(trim(product_category_name_english)) as product_category_name_english,

        ---------- load metadata
        _load_id as load_id,
        _loaded_at as loaded_at

    from latest_versions
    where version_rank = 1

)

select * from final
