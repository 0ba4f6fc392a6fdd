-- Canonical clickstream events, one row per event, as a view: the loader keeps one row per event
-- (raw.events is unique on _event_key: the file's event_id, else the md5 of the row's content), so
-- staging only renames, trims and casts, and int_events_sessionized reads raw through it by load.
{{ config(materialized='view') }}

-- No CTEs here, unlike the other models: PostgreSQL cannot flatten a view that has a WITH clause
-- into the query reading it, so a filter or join on its rows (a load, an event id) could not use
-- the raw table's indexes and would read every event. Derived tables flatten.

select {{ canonical_event_columns() | join(', ') }}
from (
    select
        *,
        cast('events' as text) as event_source
    from (
        select
            ---------- ids
            trim(user_id) as user_id,
            nullif(trim(session_id), '') as source_session_id,
            nullif(trim(product_id), '') as product_id,
            nullif(trim(order_id), '') as order_id,
            nullif(trim(customer_id), '') as customer_id,

            ---------- strings
            lower(trim(event_type)) as event_type,
            nullif(trim(page_path), '') as page_path,
            coalesce(
                nullif(lower(trim(page_type)), ''),
                {{ page_type_from_path("nullif(trim(page_path), '')") }}
            ) as page_type,
            nullif(trim(category), '') as category,
            nullif(trim(brand), '') as brand,
            nullif(trim(search_query), '') as search_query,
            nullif(trim(element), '') as element,
            nullif(trim(element_text), '') as element_text,
            nullif(trim(value), '') as value,  -- noqa: RF04
            nullif(trim(browser), '') as browser,
            nullif(trim(os), '') as os,
            nullif(lower(trim(device_type)), '') as device_type,
            nullif(upper(trim(country)), '') as country,
            nullif(upper(trim(region)), '') as region,
            nullif(lower(trim(traffic_source)), '') as traffic_source,
            nullif(trim(referrer), '') as referrer,
            nullif(trim(utm_campaign), '') as utm_campaign,

            ---------- numerics
            price,
            quantity,

            ---------- timestamps (UTC)
            event_time,

            ---------- the loader's event key: the file's id, else the hash of the row's content
            _event_key as event_id,

            ---------- load metadata
            _load_id,
            _line_number

        from {{ source('raw', 'events') }}
    ) as renamed
) as mapped
