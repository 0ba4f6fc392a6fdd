-- Journey (page-element) events mapped onto the canonical events, one row per event, incremental by load.
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

    select * from {{ source('raw', 'journey_events') }}
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

        ---------- strings
        nullif(trim(path), '') as page_path,
        nullif(trim(css), '') as element,
        nullif(trim(text), '') as element_text,
        nullif(trim(value), '') as value,  -- noqa: RF04
        -- What the element is, for the event type: the css selector, else the visible text.
        nullif(lower(trim(css)), '') as css_key,
        lower(regexp_replace(trim(text), '\s+', ' ', 'g')) as text_key,

        ---------- timestamps (UTC)
        event_time,

        ---------- the uuid, else the hash of everything the file said about the event
        coalesce(nullif(trim(uuid), ''), {{ content_hash([
            'user_id', 'session_id', 'path', 'css', 'text', 'value', utc_text('event_time'),
        ]) }}) as event_id,

        ---------- load metadata
        _load_id,
        _line_number

    from source

),

-- The event type from the element (css first, then its text); no element is a page load.
typed as (

    select
        *,
        {{ page_type_from_path('page_path') }} as page_type,
        case
            when css_key = 'button.add-to-cart' then 'add_to_cart'
            when css_key = 'button.remove-from-cart' then 'remove_from_cart'
            when css_key = 'button.checkout' then 'begin_checkout'
            when css_key = 'button.place-order' then 'place_order'
            when css_key = 'div.error-message' then 'error'
            when css_key = 'button.retry' then 'retry'
            when css_key = 'button.cancel-order' then 'cancel_order'
            when text_key = 'add to cart' then 'add_to_cart'
            when text_key in ('remove', 'remove from cart') then 'remove_from_cart'
            when text_key in ('checkout', 'proceed to checkout') then 'begin_checkout'
            when text_key = 'place order' then 'place_order'
            when text_key in ('retry', 'try again') then 'retry'
            when text_key = 'cancel order' then 'cancel_order'
            when coalesce(css_key, 'body') in ('body', 'page')
                then case
                    when {{ page_type_from_path('page_path') }} = 'product' then 'product_view'
                    else 'page_view'
                end
            else 'click'
        end as event_type,
        substring({{ clean_url_path('page_path') }} from '^/(?:products?|p)/([^/]+)') as product_id
    from renamed

),

-- An event seen in several files (or twice in one) counts once: the first load, then line, wins.
-- Partitioned by visitor too (an event id belongs to one visitor), so the table is written in
-- visitor order, the order in which int_events_sessionized reads it.
first_seen as (

    select
        *,
        cast('journey' as text) as event_source,
        cast(null as text) as category,
        cast(null as text) as brand,
        cast(null as numeric) as price,
        cast(null as integer) as quantity,
        cast(null as text) as order_id,
        cast(null as text) as customer_id,
        cast(null as text) as search_query,
        cast(null as text) as browser,
        cast(null as text) as os,
        cast(null as text) as device_type,
        cast(null as text) as country,
        cast(null as text) as region,
        cast(null as text) as traffic_source,
        cast(null as text) as referrer,
        cast(null as text) as utm_campaign,
        row_number() over (partition by user_id, event_id order by _load_id, _line_number) as seen_rank
    from typed

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
