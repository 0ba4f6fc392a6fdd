-- REES46 store events mapped onto the canonical events, one row per event, incremental by load.
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

    select * from {{ source('raw', 'rees46_events') }}
    {% if is_incremental() %}
        -- Only the loads this table does not hold yet.
        where _load_id not in ({{ staged_load_ids(this) }})
    {% endif %}

),

renamed as (

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

        ---------- REES46 rows have no id: the hash of everything the file said about the event
        {{ content_hash([
            utc_text('event_time'), 'event_type', 'product_id', 'category_id', 'category_code',
            'brand', 'price', 'user_id', 'user_session',
        ]) }} as event_id,

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
        cast(null as text) as utm_campaign,
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
