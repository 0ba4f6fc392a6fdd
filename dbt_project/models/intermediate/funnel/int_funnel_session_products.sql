-- One row per session and product the session viewed, added, removed or bought: the product
-- counts behind product and category performance, and the cart lines behind cart abandonment.
with

events as (

    select * from {{ ref('int_events_sessionized') }}

),

-- Views, cart moves and purchases, with or without a product, in one scan of the events: the
-- CTE is read three times below, so it is kept narrow and to the events that matter here.
catalog_events as (

    select
        session_id,
        event_source,
        product_id,
        category,
        brand,
        event_type,
        is_purchase,
        price,
        coalesce(quantity, 1) as units
    from events
    where event_type in ('product_view', 'add_to_cart', 'remove_from_cart') or is_purchase

),

product_events as (

    select * from catalog_events
    where product_id is not null

),

-- A purchase that names no product (a journey place_order) orders the whole cart.
whole_cart_purchases as (

    select distinct session_id
    from catalog_events
    where is_purchase and product_id is null

),

-- Sessions that removed as many units as they added, with or without a product: a journey
-- removes from the cart page, whose path names no product, so its lines are emptied this way.
emptied_carts as (

    select session_id
    from catalog_events
    where event_type in ('add_to_cart', 'remove_from_cart')
    group by session_id
    having
        sum(case when event_type = 'remove_from_cart' then units else 0 end)
        >= sum(case when event_type = 'add_to_cart' then units else 0 end)

),

session_products as (

    select
        session_id,
        product_id,
        min(event_source) as event_source,
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
    from product_events
    group by session_id, product_id

),

cart_lines as (

    select
        session_products.*,
        session_products.units_added > 0 as is_cart_line,
        -- A cart line (added in this session) ends one of three ways: bought (a purchase of the
        -- product, or an order of the whole cart while units were left in it), removed (every unit
        -- added was removed, or the session emptied its whole cart), or abandoned (still in the
        -- cart when the session ended).
        case
            when session_products.units_added = 0 then null
            when session_products.units_purchased > 0 then 'purchased'
            when session_products.units_removed >= session_products.units_added then 'removed'
            when emptied_carts.session_id is not null then 'removed'
            when whole_cart_purchases.session_id is not null then 'purchased'
            else 'abandoned'
        end as cart_line_status
    from session_products
    left join whole_cart_purchases
        on session_products.session_id = whole_cart_purchases.session_id
    left join emptied_carts
        on session_products.session_id = emptied_carts.session_id

),

final as (

    select
        *,
        cast(
            case when cart_line_status = 'abandoned' then units_added - units_removed else 0 end
            as integer
        ) as abandoned_units,
        -- NULL when an abandoned line's price is unknown (journey events carry no price).
        {{ money(
            "case when cart_line_status = 'abandoned' then (units_added - units_removed) * unit_price else 0 end"
        ) }} as abandoned_value
    from cart_lines

)

select * from final
