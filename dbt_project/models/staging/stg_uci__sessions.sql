-- UCI Online Shoppers sessions: one row per session of the latest UCI load (each load is a whole
-- export; identical rows are distinct sessions, told apart by their line).
with

source as (

    select * from {{ source('raw', 'uci_sessions') }}

),

latest_load as (

    select _load_id
    from source
    order by _loaded_at desc, _load_id desc
    limit 1

),

renamed as (

    select
        ---------- ids (the file has none: its load and line)
        'uci-' || source._load_id || '-' || source._line_number as session_id,

        ---------- strings: the file's codes as text, so they sit beside the event dimensions
        cast(source.operatingsystems as text) as os,
        cast(source.browser as text) as browser,
        cast(source.region as text) as region,
        cast(source.traffictype as text) as traffic_source,
        case lower(trim(source.visitortype))
            when 'new_visitor' then 'new'
            when 'returning_visitor' then 'returning'
            else 'other'
        end as visitor_type,
        trim(source.month) as month_name,

        ---------- numerics
        -- 'June' is spelled out, the other months are three letters.
        cast(extract(month from to_date(left(trim(source.month), 3), 'Mon')) as integer) as month_of_year,
        source.administrative as administrative_pages,
        source.administrative_duration as administrative_duration_seconds,
        source.informational as informational_pages,
        source.informational_duration as informational_duration_seconds,
        source.productrelated as product_related_pages,
        source.productrelated_duration as product_related_duration_seconds,
        source.bouncerates as bounce_rate,
        source.exitrates as exit_rate,
        source.pagevalues as page_value,
        source.specialday as special_day_closeness,

        ---------- booleans
        source.weekend as is_weekend,
        source.revenue as converted,

        ---------- load metadata
        source._load_id as load_id,
        source._line_number as line_number

    from source
    where source._load_id = (select latest_load._load_id from latest_load)

),

final as (

    select * from renamed

)

select * from final
