with

geolocation as (

    select * from {{ ref('stg_olist__geolocation') }}

),

final as (

    select
        zip_code_prefix,
        -- Points outside Brazil's bounding box are typos in the source: they would drag the centre.
        cast(
            percentile_cont(0.5) within group (order by latitude) filter (where is_inside_brazil)
            as double precision
        ) as latitude,
        cast(
            percentile_cont(0.5) within group (order by longitude) filter (where is_inside_brazil)
            as double precision
        ) as longitude,
        -- The most common spelling wins; equally common ones resolve alphabetically (mode's rule).
        mode() within group (order by city) as city,
        mode() within group (order by state) as state,
        cast(count(*) as integer) as point_count,
        cast(count(case when is_inside_brazil then 1 end) as integer) as points_inside_brazil
    from geolocation
    group by zip_code_prefix

)

select * from final
