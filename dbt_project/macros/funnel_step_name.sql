{#-
    funnel_step_name(step_number)

    The name of a funnel step number (see funnel_step_number): 0 none, 1 product_view,
    2 add_to_cart, 3 cart, 4 checkout, 5 purchase. NULL stays NULL.
-#}
{% macro funnel_step_name(step_number) -%}
    case {{ step_number }}
        when 0 then 'none'
        when 1 then 'product_view'
        when 2 then 'add_to_cart'
        when 3 then 'cart'
        when 4 then 'checkout'
        when 5 then 'purchase'
    end
{%- endmacro %}
