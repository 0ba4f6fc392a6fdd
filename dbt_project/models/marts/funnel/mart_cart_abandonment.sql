{{
    config(
        materialized='incremental',
        incremental_strategy='replace_periods',
        replace_periods=[{'grain': 'day', 'column': 'built.session_date'}],
    )
}}

-- depends_on: {{ ref('int_session_changes') }} (the changed periods, in incremental runs)

with

sessions as (

    {{ sessions_to_refresh(ref('fct_session_funnel'), 'day') }}

),

cart_sessions as (

    select
        sessions.session_date,
        sessions.is_cart_abandoned,
        sessions.emptied_cart,
        sessions.cart_lines,
        sessions.abandoned_cart_lines,
        sessions.abandoned_value,
        {{ named_session_dimensions('sessions') }}
    from sessions
    where sessions.has_cart

),

final as (

    select
        session_date,
        {{ session_dimension_of_row() }},

        ---------- per session: a cart is the products a session added
        cast(count(*) as integer) as cart_sessions,
        cast(count(*) filter (where is_cart_abandoned) as integer) as abandoned_carts,
        {{ rate('count(*) filter (where is_cart_abandoned)', 'count(*)') }} as cart_abandonment_rate,
        cast(count(*) filter (where is_cart_abandoned and emptied_cart) as integer) as emptied_carts,
        {{ money('coalesce(sum(abandoned_value) filter (where is_cart_abandoned), 0)') }}
            as abandoned_cart_value,

        ---------- per cart line: a product added in a session
        cast(sum(cart_lines) as integer) as cart_lines,
        cast(sum(abandoned_cart_lines) as integer) as abandoned_cart_lines,
        {{ rate('sum(abandoned_cart_lines)', 'sum(cart_lines)') }} as cart_line_abandonment_rate,
        {{ money('sum(abandoned_value)') }} as abandoned_line_value,
        now() as refreshed_at
    from cart_sessions
    group by {{ session_dimension_grouping_sets(['session_date']) }}

)

select * from final
