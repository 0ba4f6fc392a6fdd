-- REES46 store events mapped onto the canonical events, one row per event, as a view: the loader
-- keeps one row per event (raw.rees46_events is unique on _event_key, the md5 of the row's
-- content, since REES46 rows have no id), so staging only renames, maps and casts.
{{ config(materialized='view') }}

-- No CTEs here, unlike the other models: PostgreSQL cannot flatten a view that has a WITH clause
-- into the query reading it, so a filter or join on its rows (a load, an event id) could not use
-- the raw table's indexes and would read every event. Derived tables flatten.

select {{ canonical_event_columns() | join(', ') }}
from (
    select
        *,
        cast('rees46' as text) as event_source,
        cast(null as text) as customer_id,
        cast(null as text) as search_query,
        cast(null as text) as element,
        cast(null as text) as element_text,
        cast(null as text) as value,  -- noqa: RF04
        cast(null as text) as browser,
        cast(null as text) as os,
        cast(null as text) as device_type,
        cast(null as text) as country,
        cast(null as text) as region,
        cast(null as text) as traffic_source,
        cast(null as text) as referrer,
        cast(null as text) as utm_campaign
    from (
        select
            ---------- ids
            trim(user_id) as user_id,
            nullif(trim(user_session), '') as source_session_id,
            nullif(trim(product_id), '') as product_id,
            -- Several purchase rows in one session are one order: the session is the order.
            case
                when lower(trim(event_type)) = 'purchase' then nullif(trim(user_session), '')
            end as order_id,

            ---------- strings
            case lower(trim(event_type))
                when 'view' then 'product_view'
                when 'cart' then 'add_to_cart'
                when 'remove_from_cart' then 'remove_from_cart'
                when 'purchase' then 'purchase'
                else lower(trim(event_type))
            end as event_type,
            -- A view is a product page; the other events have no page in the source.
            case when lower(trim(event_type)) = 'view' then 'product' end as page_type,
            case
                when lower(trim(event_type)) = 'view' and nullif(trim(product_id), '') is not null
                    then '/product/' || trim(product_id)
            end as page_path,
            -- The category code ('electronics.smartphone') is often empty: the 19-digit id then.
            coalesce(nullif(trim(category_code), ''), nullif(trim(category_id), '')) as category,
            nullif(trim(brand), '') as brand,

            ---------- numerics (each row is one unit)
            price,
            case when nullif(trim(product_id), '') is not null then 1 end as quantity,

            ---------- timestamps (UTC)
            event_time,

            ---------- the loader's event key: the file's id, else the hash of the row's content
            _event_key as event_id,

            ---------- load metadata
            _load_id,
            _line_number

        from {{ source('raw', 'rees46_events') }}
    ) as renamed
) as mapped
