{#-
    order_status_group(order_status)
    The headline group of an order status: 'canceled_or_unavailable' for canceled and unavailable
    orders (they never reach the customer), 'placed' for every other status. Headline revenue,
    orders and repeat customers count only 'placed' orders (docs block `order_status_group`); this
    macro is the one place that says which statuses those are.
-#}
{% macro order_status_group(order_status) -%}
    case
        when {{ order_status }} in ('canceled', 'unavailable') then 'canceled_or_unavailable'
        else 'placed'
    end
{%- endmacro %}
