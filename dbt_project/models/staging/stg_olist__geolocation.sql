with

source as (

    select * from {{ source('raw', 'olist_geolocation') }}

),

renamed as (

    select
        ---------- ids (one zip prefix has many points; exact duplicates are kept as points)
        trim(geolocation_zip_code_prefix) as zip_code_prefix,

        ---------- strings
        {{ clean_city('geolocation_city') }} as city,
        upper({{ clean_text('geolocation_state') }}) as state,

        ---------- numerics
        geolocation_lat as latitude,
        geolocation_lng as longitude,

        ---------- booleans
        coalesce(
            geolocation_lat between {{ var('brazil_min_latitude') }} and {{ var('brazil_max_latitude') }}
            and geolocation_lng between {{ var('brazil_min_longitude') }} and {{ var('brazil_max_longitude') }},
            false
        ) as is_inside_brazil,

        ---------- load metadata
        _load_id,
        _line_number,
        _loaded_at

    from source

),

-- A newer export of a zip prefix replaces all its points (ranked on the cleaned prefix).
latest_loads as (

    select
        *,
        {{ latest_load_rank('zip_code_prefix') }} as load_rank
    from renamed

),

final as (

    select
        zip_code_prefix,
        city,
        state,
        latitude,
        longitude,
        is_inside_brazil,
        _load_id as load_id,
        _line_number as line_number,
        _loaded_at as loaded_at
    from latest_loads
    where load_rank = 1

)

select * from final
