-- Canonical clickstream events, one row per event id (first seen wins), incremental by load.
-- Indexes: event_id for the incremental anti-join (unique: a reused id fails the build loudly);
-- _load_id to list the staged loads; the visitor timeline, which int_events_sessionized reads in
-- this order (no sort) and looks visitors up by.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        indexes=[
            {'columns': ['event_id'], 'unique': True},
            {'columns': ['_load_id']},
            {'columns': ['event_source', 'user_id', 'event_time', '_load_id', '_line_number', 'event_id']},
        ],
    )
}}

with

source as (

    select * from {{ source('raw', 'events') }}
    {% if is_incremental() %}
        -- Only the loads this table does not hold yet.
        where _load_id not in ({{ staged_load_ids(this) }})
    {% endif %}

),

renamed as (

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

        ---------- the file's id, else the hash of everything the file said about the event
        coalesce(nullif(trim(event_id), ''), {{ content_hash([
            utc_text('event_time'), 'user_id', 'session_id', 'event_type', 'page_path', 'page_type',
            'product_id', 'category', 'brand', 'price', 'quantity', 'order_id', 'customer_id',
            'search_query', 'element', 'element_text', 'value', 'browser', 'os', 'device_type',
            'country', 'region', 'traffic_source', 'referrer', 'utm_campaign',
        ]) }}) as event_id,

        ---------- load metadata
        _load_id,
        _line_number

    from source

),

-- An event seen in several files (or twice in one) counts once: the first load, then line, wins.
-- Partitioned by visitor too (an event id belongs to one visitor), so the table is written in
-- visitor order, the order in which int_events_sessionized reads it.
first_seen as (

    select
        *,
        cast('events' as text) as event_source,
        row_number() over (partition by user_id, event_id order by _load_id, _line_number) as seen_rank
    from renamed

),

final as (

    select {{ canonical_event_columns() | join(', ') }}
    from first_seen
    where
        seen_rank = 1
        {% if is_incremental() %}
            and not exists (
                select 1 from {{ this }} as staged
                where staged.event_id = first_seen.event_id
            )
        {% endif %}

)

select * from final
