{#-
    safe_divide(numerator, denominator)

    numerator / denominator, or NULL when the denominator is 0 or NULL (a rate of nothing is
    unknown, not zero). Both sides are cast to numeric so integer counts do not truncate.
-#}
{% macro safe_divide(numerator, denominator) -%}
    cast({{ numerator }} as numeric) / nullif(cast({{ denominator }} as numeric), 0)
{%- endmacro %}
