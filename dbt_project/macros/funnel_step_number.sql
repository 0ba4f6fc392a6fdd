{#-
    funnel_step_number(event_type, page_type, is_purchase)

    The funnel step an event can reach, or NULL: 1 product view, 2 add to cart, 3 cart (a
    page_view of the cart page), 4 checkout (begin_checkout), 5 purchase (is_purchase: a purchase
    event, or a journey place_order that no error followed). The one definition of the steps;
    whether the event really reaches its step depends on the order (see int_sessions_aggregated).
-#}
{% macro funnel_step_number(event_type, page_type, is_purchase) -%}
    case
        when {{ is_purchase }} then 5
        when {{ event_type }} = 'product_view' then 1
        when {{ event_type }} = 'add_to_cart' then 2
        when {{ event_type }} = 'page_view' and {{ page_type }} = 'cart' then 3
        when {{ event_type }} = 'begin_checkout' then 4
    end
{%- endmacro %}
