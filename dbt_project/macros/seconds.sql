{#-
    seconds(expression)

    A duration in seconds as numeric(14, 2), the type the session marts declare for durations.
-#}
{% macro seconds(expression) -%}
    cast(round(cast({{ expression }} as numeric), 2) as numeric(14, 2))
{%- endmacro %}
