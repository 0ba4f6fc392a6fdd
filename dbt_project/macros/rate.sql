{#-
    rate(numerator, denominator)

    A share between counts, as numeric(9, 6) rounded to six decimals (the type the mart contracts
    declare for rates); NULL when the denominator is 0 or NULL. Every rate in the marts uses it,
    so they all round the same way.
-#}
{% macro rate(numerator, denominator) -%}
    cast(round({{ safe_divide(numerator, denominator) }}, 6) as numeric(9, 6))
{%- endmacro %}
