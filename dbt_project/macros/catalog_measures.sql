{#-
    catalog_measures()

    The select-list of product and category performance over rows holding catalog_counts() (per
    day): the summed counts, each rate beside them. Rates are of cart lines (sessions that added
    the item), so they stay in 0-1 even when a session removes or buys what an earlier one added.
-#}
{% macro catalog_measures() -%}
    cast(sum(product_views) as integer) as product_views,
    cast(sum(view_sessions) as integer) as view_sessions,
    cast(sum(cart_adds) as integer) as cart_adds,
    cast(sum(units_added) as integer) as units_added,
    cast(sum(cart_lines) as integer) as cart_lines,
    cast(sum(viewed_cart_lines) as integer) as viewed_cart_lines,
    {{ rate('sum(viewed_cart_lines)', 'sum(view_sessions)') }} as view_to_cart_rate,
    cast(sum(removals) as integer) as removals,
    cast(sum(units_removed) as integer) as units_removed,
    cast(sum(removed_cart_lines) as integer) as removed_cart_lines,
    {{ rate('sum(removed_cart_lines)', 'sum(cart_lines)') }} as removal_rate,
    cast(sum(purchases) as integer) as purchases,
    cast(sum(purchase_sessions) as integer) as purchase_sessions,
    cast(sum(units_purchased) as integer) as units_purchased,
    {{ money('sum(revenue)') }} as revenue,
    cast(sum(purchased_cart_lines) as integer) as purchased_cart_lines,
    {{ rate('sum(purchased_cart_lines)', 'sum(cart_lines)') }} as cart_to_purchase_rate,
    cast(sum(abandoned_cart_lines) as integer) as abandoned_cart_lines,
    {{ rate('sum(abandoned_cart_lines)', 'sum(cart_lines)') }} as cart_abandonment_rate,
    cast(sum(abandoned_units) as integer) as abandoned_units,
    {{ money('sum(abandoned_value)') }} as abandoned_value
{%- endmacro %}
