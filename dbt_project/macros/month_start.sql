{#-
    month_start(timestamp_expression)

    The first day of the calendar month of a timestamp, as a date. Months are compared and
    sorted as dates, so month order is calendar order, never alphabetical.
-#}
{% macro month_start(timestamp_expression) -%}
    cast({{ dbt.date_trunc('month', timestamp_expression) }} as date)
{%- endmacro %}
