{#-
    catalog_funnel_measures()

    The select-list of product and category performance: views, carts, removals, purchases,
    revenue and abandonment, each rate beside its counts. Aggregates rows with one row per session
    and item (a product, or a category) and the columns of int_funnel_session_products: product_views,
    cart_adds, units_added, removals, units_removed, purchases, units_purchased, revenue,
    cart_line_status (NULL when the session did not add the item), abandoned_units,
    abandoned_value. Rates are of cart lines (sessions that added the item), so they stay in 0-1
    even when a session removes or buys what an earlier session added.
-#}
{% macro catalog_funnel_measures() -%}
    cast(sum(product_views) as integer) as product_views,
    cast(count(*) filter (where product_views > 0) as integer) as view_sessions,
    cast(sum(cart_adds) as integer) as cart_adds,
    cast(sum(units_added) as integer) as units_added,
    cast(count(*) filter (where cart_line_status is not null) as integer) as cart_lines,
    cast(count(*) filter (where product_views > 0 and cart_line_status is not null) as integer) as viewed_cart_lines,
    {{ rate('count(*) filter (where product_views > 0 and cart_line_status is not null)', 'count(*) filter (where product_views > 0)') }}
        as view_to_cart_rate,
    cast(sum(removals) as integer) as removals,
    cast(sum(units_removed) as integer) as units_removed,
    cast(count(*) filter (where cart_line_status = 'removed') as integer) as removed_cart_lines,
    {{ rate("count(*) filter (where cart_line_status = 'removed')", 'count(*) filter (where cart_line_status is not null)') }}
        as removal_rate,
    cast(sum(purchases) as integer) as purchases,
    cast(count(*) filter (where purchases > 0) as integer) as purchase_sessions,
    cast(sum(units_purchased) as integer) as units_purchased,
    {{ money('sum(revenue)') }} as revenue,
    cast(count(*) filter (where cart_line_status = 'purchased') as integer) as purchased_cart_lines,
    {{ rate("count(*) filter (where cart_line_status = 'purchased')", 'count(*) filter (where cart_line_status is not null)') }}
        as cart_to_purchase_rate,
    cast(count(*) filter (where cart_line_status = 'abandoned') as integer) as abandoned_cart_lines,
    {{ rate("count(*) filter (where cart_line_status = 'abandoned')", 'count(*) filter (where cart_line_status is not null)') }}
        as cart_abandonment_rate,
    cast(sum(abandoned_units) as integer) as abandoned_units,
    {{ money('coalesce(sum(abandoned_value), 0)') }} as abandoned_value
{%- endmacro %}
