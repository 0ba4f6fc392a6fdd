{#-
    catalog_counts()

    The additive counts of product and category performance, as a select-list over rows of one
    session and item (a product, or a category) with the columns of int_funnel_session_products:
    views, carts, removals, purchases, revenue and the fate of cart lines. They add up across
    sessions and days, so the marts sum them; catalog_rates() divides the sums.
-#}
{% macro catalog_counts() -%}
    cast(sum(product_views) as integer) as product_views,
    cast(count(*) filter (where product_views > 0) as integer) as view_sessions,
    cast(sum(cart_adds) as integer) as cart_adds,
    cast(sum(units_added) as integer) as units_added,
    cast(count(*) filter (where cart_line_status is not null) as integer) as cart_lines,
    cast(count(*) filter (where product_views > 0 and cart_line_status is not null) as integer) as viewed_cart_lines,
    cast(sum(removals) as integer) as removals,
    cast(sum(units_removed) as integer) as units_removed,
    cast(count(*) filter (where cart_line_status = 'removed') as integer) as removed_cart_lines,
    cast(sum(purchases) as integer) as purchases,
    cast(count(*) filter (where purchases > 0) as integer) as purchase_sessions,
    cast(sum(units_purchased) as integer) as units_purchased,
    {{ money('sum(revenue)') }} as revenue,
    cast(count(*) filter (where cart_line_status = 'purchased') as integer) as purchased_cart_lines,
    cast(count(*) filter (where cart_line_status = 'abandoned') as integer) as abandoned_cart_lines,
    cast(sum(abandoned_units) as integer) as abandoned_units,
    {{ money('coalesce(sum(abandoned_value), 0)') }} as abandoned_value
{%- endmacro %}
