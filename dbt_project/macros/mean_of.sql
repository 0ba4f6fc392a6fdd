{#-
    mean_of(total, count, precision, scale)
    An average kept additive: total / count (both additive columns of the same mart, so a
    selection's average is sum(total) / sum(count)), rounded to `scale` decimals as
    numeric(precision, scale); NULL when the count is 0.
-#}
{% macro mean_of(total, count, precision, scale) -%}
    cast(round({{ safe_divide(total, count) }}, {{ scale }}) as numeric({{ precision }}, {{ scale }}))
{%- endmacro %}
