-- Funnel steps and carts of event sessions by month and every session dimension, so that the
-- funnel and carts pages answer any combination of sidebar filters with a sum over a few
-- thousand rows instead of a scan of fct_session_funnel (seconds at 10M events). Every measure
-- is a count or a sum of sessions, so any set of rows adds up. The long marts
-- (mart_funnel_steps, mart_cart_abandonment) keep day and week detail one dimension at a time.
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_periods',
        replace_periods=[{'grain': 'month', 'column': 'built.session_month'}],
        indexes=[{'columns': ['source', 'session_month']}],
    )
}}

-- depends_on: {{ ref('int_session_changes') }} (the changed periods, in incremental runs)

with

sessions as (

    {{ sessions_to_refresh(ref('fct_session_funnel'), 'month') }}

),

dimensions as (

    select
        {{ month_start('sessions.session_date') }} as session_month,
        sessions.is_weekend,
        {{ named_session_dimensions('sessions') }},
        sessions.furthest_step_number,
        sessions.has_cart,
        sessions.is_cart_abandoned,
        sessions.emptied_cart,
        sessions.cart_lines,
        sessions.abandoned_cart_lines,
        sessions.abandoned_value
    from sessions

),

final as (

    select
        session_month,
        source,
        is_weekend,
        {{ session_dimensions() | join(', ') }},

        ---------- funnel steps: a session that reached step k reached every step before
        cast(count(*) as integer) as sessions,
        cast(count(*) filter (where furthest_step_number >= 1) as integer) as product_view_sessions,
        cast(count(*) filter (where furthest_step_number >= 2) as integer) as add_to_cart_sessions,
        cast(count(*) filter (where furthest_step_number >= 3) as integer) as cart_page_sessions,
        cast(count(*) filter (where furthest_step_number >= 4) as integer) as checkout_sessions,
        cast(count(*) filter (where furthest_step_number >= 5) as integer) as purchase_sessions,

        ---------- carts: the products a session added (as in mart_cart_abandonment)
        cast(count(*) filter (where has_cart) as integer) as cart_sessions,
        cast(count(*) filter (where is_cart_abandoned) as integer) as abandoned_carts,
        {{ rate('count(*) filter (where is_cart_abandoned)', 'count(*) filter (where has_cart)') }}
            as cart_abandonment_rate,
        cast(count(*) filter (where is_cart_abandoned and emptied_cart) as integer) as emptied_carts,
        {{ money('coalesce(sum(abandoned_value) filter (where is_cart_abandoned), 0)') }}
            as abandoned_cart_value,
        cast(coalesce(sum(cart_lines) filter (where has_cart), 0) as integer) as cart_lines,
        cast(coalesce(sum(abandoned_cart_lines) filter (where has_cart), 0) as integer)
            as abandoned_cart_lines,
        now() as refreshed_at
    from dimensions
    group by
        session_month,
        source,
        is_weekend,
        {{ session_dimensions() | join(', ') }}

)

select * from final
