{#-
    aov(revenue, orders_with_items)

    Average order value in BRL as numeric(18, 2): revenue / orders with at least one item (orders
    without items have no value and would pull it down). NULL when there are no such orders. Every
    mart's aov uses it, so they all divide and round the same way.
-#}
{% macro aov(revenue, orders_with_items) -%}
    {{ money(safe_divide(revenue, orders_with_items)) }}
{%- endmacro %}
