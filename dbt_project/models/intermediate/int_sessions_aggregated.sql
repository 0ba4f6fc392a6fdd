-- One row per event session: everything fct_sessions and fct_session_funnel say about it, from
-- one pass over its events. Every aggregate is one PostgreSQL can hash (counts, sums, min and
-- max): a first or last value is the min or max of the event's place in the session prefixed to
-- the value, so no aggregate needs the events sorted.
-- Incremental by session, like int_funnel_session_products.
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_sessions',
        indexes=[
            {'columns': ['session_id'], 'unique': True},
            {'columns': ['source', 'user_id']},
            {'columns': ['updated_at']},
        ],
        pre_hook="set local work_mem = '256MB'",
        post_hook=["{{ analyze_after_build() }}", "{{ analyze_new_rows('updated_at') }}"],
    )
}}

with

events as (

    select * from {{ ref('int_events_sessionized') }}

),

session_products as (

    select * from {{ ref('int_funnel_session_products') }}

),

-- Not materialized: read three times, each time through the table's indexes (or, in a full
-- build, in one scan each) rather than copied whole.
batch_events as not materialized (

    select
        *,
        event_type in ('page_view', 'product_view') as is_page_load,
        {{ uci_page_group('page_type') }} as page_group,
        {{ funnel_step_number('event_type', 'page_type', 'is_purchase') }} as step_number,
        -- The event's place in the session as a prefix that sorts like the number.
        lpad(cast(event_seq as text), 10, '0') as seq_key
    from events
    {% if is_incremental() %}
        where sessionized_at > {{ watermark(this, 'updated_at') }}
    {% endif %}

),

-- The distinct orders each session bought (a canonical order has a purchase event per line).
session_orders as (

    select
        session_id,
        cast(count(*) as integer) as orders,
        string_agg(order_id, ',' order by order_id) as order_ids
    from (
        select distinct
            session_id,
            order_id
        from batch_events
        where is_purchase and order_id is not null
    ) as purchased_orders
    group by session_id

),

session_carts as (

    select
        session_id,
        cast(count(*) filter (where product_views > 0) as integer) as products_viewed,
        cast(count(*) filter (where is_cart_line) as integer) as cart_lines,
        cast(count(*) filter (where cart_line_status = 'abandoned') as integer) as abandoned_cart_lines,
        {{ money('coalesce(sum(abandoned_value), 0)') }} as abandoned_value
    from session_products
    {% if is_incremental() %}
        where session_id in (select batch_events.session_id from batch_events)
    {% endif %}
    group by session_id

),

sessions as (

    select
        session_id,
        min(event_source) as source,  -- noqa: RF04
        min(user_id) as user_id,
        min(source_session_id) as source_session_id,
        max(customer_id) as customer_id,
        min(event_time) as started_at,
        max(event_time) as ended_at,

        ---------- counts
        cast(count(*) as integer) as events,
        cast(count(*) filter (where is_page_load) as integer) as page_views,
        cast(count(*) filter (where event_type = 'product_view') as integer) as product_views,
        cast(count(*) filter (where event_type = 'search') as integer) as searches,
        cast(count(*) filter (where event_type = 'add_to_cart') as integer) as adds_to_cart,
        cast(count(*) filter (where event_type = 'remove_from_cart') as integer) as removes_from_cart,
        cast(count(*) filter (where event_type = 'begin_checkout') as integer) as checkouts,
        cast(count(*) filter (where is_purchase) as integer) as purchases,
        cast(count(*) filter (where event_type = 'error') as integer) as errors,
        sum(price * coalesce(quantity, 1)) filter (where is_purchase) as revenue,

        ---------- engagement, in UCI's page groups (dwell: until the session's next event)
        cast(count(*) filter (where is_page_load and page_group = 'administrative') as integer)
            as administrative_pages,
        sum(dwell_seconds) filter (where page_group = 'administrative') as administrative_duration_seconds,
        cast(count(*) filter (where is_page_load and page_group = 'informational') as integer)
            as informational_pages,
        sum(dwell_seconds) filter (where page_group = 'informational') as informational_duration_seconds,
        cast(count(*) filter (where is_page_load and page_group = 'product_related') as integer)
            as product_related_pages,
        sum(dwell_seconds) filter (where page_group = 'product_related') as product_related_duration_seconds,

        ---------- pages: the first and last page load
        min(seq_key || coalesce(page_path, '')) filter (where is_page_load) as first_page_path,
        min(seq_key || coalesce(page_type, '')) filter (where is_page_load) as first_page_type,
        max(seq_key || coalesce(page_path, '')) filter (where is_page_load) as last_page_path,
        max(seq_key || coalesce(page_type, '')) filter (where is_page_load) as last_page_type,

        ---------- dimensions: the first event's value (the landing hit), else any event's
        coalesce(min(browser) filter (where event_seq = 1), min(browser)) as browser,
        coalesce(min(os) filter (where event_seq = 1), min(os)) as os,
        coalesce(min(device_type) filter (where event_seq = 1), min(device_type)) as device_type,
        coalesce(min(country) filter (where event_seq = 1), min(country)) as country,
        coalesce(min(region) filter (where event_seq = 1), min(region)) as region,
        coalesce(min(traffic_source) filter (where event_seq = 1), min(traffic_source)) as traffic_source,
        coalesce(min(referrer) filter (where event_seq = 1), min(referrer)) as referrer,
        coalesce(min(utm_campaign) filter (where event_seq = 1), min(utm_campaign)) as utm_campaign,

        ---------- funnel: each step's events, as keys that sort by their place in the session
        -- (seq_key, then the event's time); reached_steps picks the ones that reached the steps.
        min(seq_key || cast(event_time as text)) filter (where step_number = 1) as product_view_key,
        array_agg(seq_key || cast(event_time as text)) filter (where step_number = 2) as add_to_cart_keys,
        array_agg(seq_key || cast(event_time as text)) filter (where step_number = 3) as cart_keys,
        array_agg(seq_key || cast(event_time as text)) filter (where step_number = 4) as checkout_keys,
        array_agg(seq_key || cast(event_time as text)) filter (where step_number = 5) as purchase_keys,
        -- An error without a text is still an error: it must not fall back to "no error".
        min(seq_key || coalesce(element_text, 'unknown error')) filter (where event_type = 'error')
            as first_error_key,
        bool_or(event_type = 'cancel_order') as has_cancel_order,
        -- Cart moves for the whole session, with or without a product (a journey removes from the
        -- cart page, whose path names no product); a missing quantity is one unit.
        cast(coalesce(sum(coalesce(quantity, 1)) filter (where event_type = 'add_to_cart'), 0) as integer)
            as units_added,
        cast(coalesce(sum(coalesce(quantity, 1)) filter (where event_type = 'remove_from_cart'), 0) as integer)
            as units_removed
    from batch_events
    group by session_id

),

-- The funnel in strict order (doc funnel_steps): a step's event reaches it when an event that
-- reached the step before came earlier in the session, so the event that reached a step is the
-- session's first event of that step after the one that reached the step before. (Any product
-- view reaches the first step.)
reached_steps as (

    select
        sessions.*,
        add_to_cart.step_key as add_to_cart_key,
        cart.step_key as cart_key,
        checkout.step_key as checkout_key,
        purchase.step_key as purchase_key
    from sessions
    cross join
        lateral (
            select min(step_keys.step_key) as step_key
            from unnest(sessions.add_to_cart_keys) as step_keys (step_key)
            where step_keys.step_key > sessions.product_view_key
        ) as add_to_cart
    cross join
        lateral (
            select min(step_keys.step_key) as step_key
            from unnest(sessions.cart_keys) as step_keys (step_key)
            where step_keys.step_key > add_to_cart.step_key
        ) as cart
    cross join
        lateral (
            select min(step_keys.step_key) as step_key
            from unnest(sessions.checkout_keys) as step_keys (step_key)
            where step_keys.step_key > cart.step_key
        ) as checkout
    cross join
        lateral (
            select min(step_keys.step_key) as step_key
            from unnest(sessions.purchase_keys) as step_keys (step_key)
            where step_keys.step_key > checkout.step_key
        ) as purchase

),

final as (

    select
        sessions.session_id,
        sessions.source,
        sessions.user_id,
        sessions.source_session_id,
        sessions.customer_id,
        sessions.started_at,
        sessions.ended_at,
        sessions.events,
        sessions.page_views,
        sessions.product_views,
        coalesce(session_carts.products_viewed, 0) as products_viewed,
        sessions.searches,
        sessions.adds_to_cart,
        sessions.removes_from_cart,
        sessions.checkouts,
        sessions.purchases,
        coalesce(session_orders.orders, 0) as orders,
        session_orders.order_ids,
        sessions.errors,
        {{ money('coalesce(sessions.revenue, 0)') }} as revenue,
        sessions.administrative_pages,
        {{ seconds('coalesce(sessions.administrative_duration_seconds, 0)') }} as administrative_duration_seconds,
        sessions.informational_pages,
        {{ seconds('coalesce(sessions.informational_duration_seconds, 0)') }} as informational_duration_seconds,
        sessions.product_related_pages,
        {{ seconds('coalesce(sessions.product_related_duration_seconds, 0)') }}
            as product_related_duration_seconds,
        nullif(substr(sessions.first_page_path, 11), '') as landing_page,
        nullif(substr(sessions.first_page_type, 11), '') as landing_page_type,
        nullif(substr(sessions.last_page_path, 11), '') as exit_page,
        nullif(substr(sessions.last_page_type, 11), '') as exit_page_type,
        sessions.browser,
        sessions.os,
        sessions.device_type,
        sessions.country,
        sessions.region,
        sessions.traffic_source,
        sessions.referrer,
        sessions.utm_campaign,
        cast(substr(sessions.product_view_key, 1, 10) as integer) as product_view_seq,
        cast(substr(sessions.add_to_cart_key, 1, 10) as integer) as add_to_cart_seq,
        cast(substr(sessions.cart_key, 1, 10) as integer) as cart_seq,
        cast(substr(sessions.checkout_key, 1, 10) as integer) as checkout_seq,
        cast(substr(sessions.purchase_key, 1, 10) as integer) as purchase_seq,
        cast(substr(sessions.product_view_key, 11) as timestamptz) as product_view_at,
        cast(substr(sessions.add_to_cart_key, 11) as timestamptz) as add_to_cart_at,
        cast(substr(sessions.cart_key, 11) as timestamptz) as cart_at,
        cast(substr(sessions.checkout_key, 11) as timestamptz) as checkout_at,
        cast(substr(sessions.purchase_key, 11) as timestamptz) as purchase_at,
        cast(case
            when sessions.purchase_key is not null then 5
            when sessions.checkout_key is not null then 4
            when sessions.cart_key is not null then 3
            when sessions.add_to_cart_key is not null then 2
            when sessions.product_view_key is not null then 1
            else 0
        end as integer) as furthest_step_number,
        sessions.purchases > 0 as converted,
        substr(sessions.first_error_key, 11) as first_error_message,
        sessions.has_cancel_order,
        sessions.units_added,
        sessions.units_removed,
        coalesce(session_carts.cart_lines, 0) as cart_lines,
        coalesce(session_carts.abandoned_cart_lines, 0) as abandoned_cart_lines,
        {{ money('coalesce(session_carts.abandoned_value, 0)') }} as abandoned_value,
        now() as updated_at
    from reached_steps as sessions
    left join session_orders
        on sessions.session_id = session_orders.session_id
    left join session_carts
        on sessions.session_id = session_carts.session_id

)

select * from final
