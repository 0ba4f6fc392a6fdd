-- Journey (page-element) events mapped onto the canonical events, one row per event, as a view:
-- the loader keeps one row per event (raw.journey_events is unique on _event_key: the uuid, else
-- the md5 of the row's content), so staging only renames, types and casts.
{{ config(materialized='view') }}

-- No CTEs here, unlike the other models: PostgreSQL cannot flatten a view that has a WITH clause
-- into the query reading it, so a filter or join on its rows (a load, an event id) could not use
-- the raw table's indexes and would read every event. Derived tables flatten.

select {{ canonical_event_columns() | join(', ') }}
from (
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
        cast(null as text) as utm_campaign
    from (
        -- The event type from the element (css first, then its text); no element is a page load.
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
        from (
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

                ---------- the loader's event key: the file's id, else the hash of the row's content
                _event_key as event_id,

                ---------- load metadata
                _load_id,
                _line_number

            from {{ source('raw', 'journey_events') }}
        ) as renamed
    ) as typed
) as mapped
