{#-
    item_revenue(price, freight)

    The revenue of one order item: price + freight (BRL). The one definition of item revenue:
    int_order_items_summed sums it to the order and fct_order_items shows it per item.
-#}
{% macro item_revenue(price, freight) -%}
    ({{ price }} + {{ freight }})
{%- endmacro %}
