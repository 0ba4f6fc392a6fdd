-- One row per session and product the session viewed, added, removed or bought: the product
-- counts behind product and category performance, and the cart lines behind cart abandonment.
-- Incremental by session: a run recomputes the sessions int_events_sessionized (re)wrote since
-- its last run, from their events, and replaces their rows and those of the sessions they absorbed.
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_sessions',
        indexes=[
            {'columns': ['session_id']},
            {'columns': ['source', 'session_date']},
            {'columns': ['updated_at']},
        ],
        post_hook="{{ analyze_after_build() }}",
    )
}}

with

events as (

    select * from {{ ref('int_events_sessionized') }}

),

-- Views, cart moves and purchases, with or without a product, and each session's first event (for
-- its date), in one scan of the events; kept narrow, since it is read three times below.
catalog_events as (

    select
        session_id,
        event_source,
        event_seq,
        event_time,
        product_id,
        category,
        brand,
        event_type,
        is_purchase,
        price,
        coalesce(quantity, 1) as units
    from events
    where
        (event_type in ('product_view', 'add_to_cart', 'remove_from_cart') or is_purchase or event_seq = 1)
        {% if is_incremental() %}
            and sessionized_at > {{ watermark(this, 'updated_at') }}
        {% endif %}

),

-- A session's calendar day is its first event's, in its source's time zone (as in fct_sessions);
-- whether it ordered its whole cart (a purchase naming no product: a journey place_order); and
-- whether it removed as many units as it added, with or without a product (a journey removes
-- from the cart page, whose path names no product), which empties its cart lines.
session_facts as (

    select
        session_id,
        cast(min({{ source_local_time('event_time', 'event_source') }}) filter (where event_seq = 1) as date)
            as session_date,
        bool_or(is_purchase and product_id is null) as ordered_whole_cart,
        coalesce(
            sum(units) filter (where event_type = 'remove_from_cart')
            >= sum(units) filter (where event_type = 'add_to_cart'),
            false
        ) as emptied_cart
    from catalog_events
    group by session_id

),

session_products as (

    select
        session_id,
        product_id,
        min(event_source) as source,  -- noqa: RF04
        max(category) as category,
        max(brand) as brand,
        cast(count(*) filter (where event_type = 'product_view') as integer) as product_views,
        cast(count(*) filter (where event_type = 'add_to_cart') as integer) as cart_adds,
        cast(coalesce(sum(units) filter (where event_type = 'add_to_cart'), 0) as integer) as units_added,
        cast(count(*) filter (where event_type = 'remove_from_cart') as integer) as removals,
        cast(coalesce(sum(units) filter (where event_type = 'remove_from_cart'), 0) as integer) as units_removed,
        cast(count(*) filter (where is_purchase) as integer) as purchases,
        cast(coalesce(sum(units) filter (where is_purchase), 0) as integer) as units_purchased,
        {{ money('coalesce(sum(price * units) filter (where is_purchase), 0)') }} as revenue,
        -- The price the visitor saw when adding it (else when viewing it): the cart's value.
        coalesce(
            max(price) filter (where event_type = 'add_to_cart'),
            max(price) filter (where event_type = 'product_view')
        ) as unit_price
    from catalog_events
    where
        product_id is not null
        and (event_type in ('product_view', 'add_to_cart', 'remove_from_cart') or is_purchase)
    group by session_id, product_id

),

cart_lines as (

    select
        session_products.*,
        session_facts.session_date,
        session_products.units_added > 0 as is_cart_line,
        -- A cart line (added in this session) ends one of three ways: bought (a purchase of the
        -- product, or an order of the whole cart while units were left in it), removed (every unit
        -- added was removed, or the session emptied its whole cart), or abandoned (still in the
        -- cart when the session ended).
        case
            when session_products.units_added = 0 then null
            when session_products.units_purchased > 0 then 'purchased'
            when session_products.units_removed >= session_products.units_added then 'removed'
            when session_facts.emptied_cart then 'removed'
            when session_facts.ordered_whole_cart then 'purchased'
            else 'abandoned'
        end as cart_line_status
    from session_products
    inner join session_facts
        on session_products.session_id = session_facts.session_id

),

final as (

    select
        session_id,
        product_id,
        source,
        session_date,
        category,
        brand,
        product_views,
        cart_adds,
        units_added,
        removals,
        units_removed,
        purchases,
        units_purchased,
        revenue,
        unit_price,
        is_cart_line,
        cart_line_status,
        cast(
            case when cart_line_status = 'abandoned' then units_added - units_removed else 0 end
            as integer
        ) as abandoned_units,
        -- NULL when an abandoned line's price is unknown (journey events carry no price).
        {{ money(
            "case when cart_line_status = 'abandoned' then (units_added - units_removed) * unit_price else 0 end"
        ) }} as abandoned_value,
        now() as updated_at
    from cart_lines

)

select * from final
