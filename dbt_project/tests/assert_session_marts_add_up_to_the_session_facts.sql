-- Every additive measure the session and funnel aggregate marts hold adds up, per source, to the
-- same measure counted on the session facts: a mart that counted rows instead of sessions, dropped
-- or doubled a period, or lost a source would differ. (Ratios are their own recipes over these
-- counts; users are per period and are tested in assert_funnel_steps_count_every_session_once.)
-- Returns one row per mart, measure and source whose total differs.
with

sessions as (

    select * from {{ ref('fct_sessions') }}

),

funnel as (

    select * from {{ ref('fct_session_funnel') }}

),

session_products as (

    select * from {{ ref('int_funnel_session_products') }}

),

expected as (

    select
        source,
        count(*) as sessions,
        count(*) filter (where converted) as converted_sessions,
        count(*) filter (where is_bounce) as bounces,
        coalesce(sum(revenue), 0) as revenue,
        coalesce(sum(events), 0) as events,
        coalesce(sum(duration_seconds), 0) as duration_seconds
    from sessions
    group by source

),

-- Each mart's totals per source; a measure a mart does not hold is NULL and not compared.
{%- set session_marts = {
    'mart_conversion_cube': ['sessions', 'converted_sessions', 'bounces', 'revenue', 'events', 'duration_seconds'],
    'mart_sessions_monthly': ['sessions', 'converted_sessions', 'bounces', 'revenue', 'events', 'duration_seconds'],
    'mart_sessions_daily': ['sessions', 'converted_sessions', 'bounces', 'revenue', 'events', 'duration_seconds'],
    'mart_conversion_weekday_traffic': ['sessions', 'converted_sessions', 'revenue'],
    'mart_activity_hour_weekday': ['sessions', 'converted_sessions', 'revenue', 'events'],
    'mart_visitors_monthly': ['sessions', 'converted_sessions', 'revenue'],
} %}
{%- set measures = ['sessions', 'converted_sessions', 'bounces', 'revenue', 'events', 'duration_seconds'] %}
actual as (

    {% for mart, held in session_marts.items() %}
        select
            '{{ mart }}' as mart,
            source,
            {% for measure in measures %}
                {% if measure in held %}coalesce(sum({{ measure }}), 0){% else %}null{% endif %}
                    as {{ measure }}{% if not loop.last %},{% endif %}
            {% endfor %}
        from {{ ref(mart) }}
        group by source
        union all
    {% endfor %}
    -- Three rows per session there, one per page group.
    select
        'mart_conversion_by_page_type' as mart,
        source,
        sum(sessions) / 3 as sessions,
        sum(converted_sessions) / 3 as converted_sessions,
        null as bounces,
        null as revenue,
        null as events,
        null as duration_seconds
    from {{ ref('mart_conversion_by_page_type') }}
    group by source

),

session_differences as (

    select
        actual.mart,
        actual.source,
        measures.measure,
        measures.actual_value,
        measures.expected_value
    from actual
    left join expected
        on actual.source = expected.source
    cross join
        lateral (
            values
            ('sessions', actual.sessions, expected.sessions),
            ('converted_sessions', actual.converted_sessions, expected.converted_sessions),
            ('bounces', actual.bounces, expected.bounces),
            ('revenue', actual.revenue, expected.revenue),
            ('events', actual.events, expected.events),
            ('duration_seconds', actual.duration_seconds, expected.duration_seconds)
        ) as measures (measure, actual_value, expected_value)
    where measures.actual_value is not null and measures.actual_value is distinct from measures.expected_value

),

funnel_expected as (

    select
        source,
        count(*) filter (where dropped_after_step_number is not null) as dropped_sessions,
        count(*) filter (where has_cart) as cart_sessions,
        count(*) filter (where is_cart_abandoned) as abandoned_carts,
        coalesce(sum(abandoned_value) filter (where is_cart_abandoned), 0) as abandoned_cart_value
    from funnel
    group by source

),

funnel_actual as (

    select
        'mart_funnel_dropoff' as mart,
        source,
        sum(dropped_sessions) as dropped_sessions,
        null as cart_sessions,
        null as abandoned_carts,
        null as abandoned_cart_value
    from {{ ref('mart_funnel_dropoff') }}
    where dimension = 'all'
    group by source
    union all
    select
        'mart_cart_abandonment' as mart,
        source,
        null as dropped_sessions,
        sum(cart_sessions) as cart_sessions,
        sum(abandoned_carts) as abandoned_carts,
        sum(abandoned_cart_value) as abandoned_cart_value
    from {{ ref('mart_cart_abandonment') }}
    where dimension = 'all'
    group by source

),

funnel_differences as (

    select
        funnel_actual.mart,
        funnel_actual.source,
        measures.measure,
        measures.actual_value,
        measures.expected_value
    from funnel_actual
    left join funnel_expected
        on funnel_actual.source = funnel_expected.source
    cross join
        lateral (
            values
            ('dropped_sessions', funnel_actual.dropped_sessions, funnel_expected.dropped_sessions),
            ('cart_sessions', funnel_actual.cart_sessions, funnel_expected.cart_sessions),
            ('abandoned_carts', funnel_actual.abandoned_carts, funnel_expected.abandoned_carts),
            ('abandoned_cart_value', funnel_actual.abandoned_cart_value, funnel_expected.abandoned_cart_value)
        ) as measures (measure, actual_value, expected_value)
    where measures.actual_value is not null and measures.actual_value is distinct from measures.expected_value

),

catalog_expected as (

    select
        source,
        sum(product_views) as product_views,
        count(*) filter (where product_views > 0) as view_sessions,
        count(*) filter (where cart_line_status is not null) as cart_lines,
        count(*) filter (where cart_line_status = 'abandoned') as abandoned_cart_lines,
        count(*) filter (where cart_line_status = 'removed') as removed_cart_lines,
        count(*) filter (where purchases > 0) as purchase_sessions,
        sum(revenue) as revenue,
        coalesce(sum(abandoned_value), 0) as abandoned_value
    from session_products
    group by source

),

catalog_actual as (

    select
        source,
        sum(product_views) as product_views,
        sum(view_sessions) as view_sessions,
        sum(cart_lines) as cart_lines,
        sum(abandoned_cart_lines) as abandoned_cart_lines,
        sum(removed_cart_lines) as removed_cart_lines,
        sum(purchase_sessions) as purchase_sessions,
        sum(revenue) as revenue,
        sum(abandoned_value) as abandoned_value
    from {{ ref('mart_product_performance') }}
    group by source

),

catalog_differences as (

    select
        'mart_product_performance' as mart,
        catalog_actual.source,
        measures.measure,
        measures.actual_value,
        measures.expected_value
    from catalog_actual
    left join catalog_expected
        on catalog_actual.source = catalog_expected.source
    cross join
        lateral (
            values
            ('product_views', catalog_actual.product_views, catalog_expected.product_views),
            ('view_sessions', catalog_actual.view_sessions, catalog_expected.view_sessions),
            ('cart_lines', catalog_actual.cart_lines, catalog_expected.cart_lines),
            ('abandoned_cart_lines', catalog_actual.abandoned_cart_lines, catalog_expected.abandoned_cart_lines),
            ('removed_cart_lines', catalog_actual.removed_cart_lines, catalog_expected.removed_cart_lines),
            ('purchase_sessions', catalog_actual.purchase_sessions, catalog_expected.purchase_sessions),
            ('revenue', catalog_actual.revenue, catalog_expected.revenue),
            ('abandoned_value', catalog_actual.abandoned_value, catalog_expected.abandoned_value)
        ) as measures (measure, actual_value, expected_value)
    where measures.actual_value is distinct from measures.expected_value

),

final as (

    select * from session_differences
    union all
    select * from funnel_differences
    union all
    select * from catalog_differences

)

select * from final
