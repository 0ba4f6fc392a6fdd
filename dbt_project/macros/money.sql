{#-
    money(expression)

    An amount in BRL as numeric(18, 2), the type the mart contracts declare for money, so that a
    coalesced 0 reads 0.00 like every other amount.
-#}
{% macro money(expression) -%}
    cast({{ expression }} as numeric(18, 2))
{%- endmacro %}
