-- Within every dimension, mart_cart_abandonment's rows split the cart sessions of
-- fct_session_funnel: cart sessions, abandoned carts, cart lines and abandoned value add up to
-- the session fact's totals. Returns the dimensions whose totals differ.
with

carts as (

    select * from {{ ref('mart_cart_abandonment') }}

),

sessions as (

    select * from {{ ref('fct_session_funnel') }}

),

dimension_totals as (

    select
        dimension,
        sum(cart_sessions) as cart_sessions,
        sum(abandoned_carts) as abandoned_carts,
        sum(cart_lines) as cart_lines,
        sum(abandoned_line_value) as abandoned_line_value
    from carts
    group by dimension

),

expected as (

    select
        count(*) filter (where has_cart) as cart_sessions,
        count(*) filter (where is_cart_abandoned) as abandoned_carts,
        sum(cart_lines) as cart_lines,
        sum(abandoned_value) as abandoned_line_value
    from sessions

)

select dimension_totals.*
from dimension_totals
cross join expected
where
    dimension_totals.cart_sessions <> expected.cart_sessions
    or dimension_totals.abandoned_carts <> expected.abandoned_carts
    or dimension_totals.cart_lines <> expected.cart_lines
    or dimension_totals.abandoned_line_value <> expected.abandoned_line_value
