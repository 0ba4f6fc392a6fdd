{#-
    months_between(start_month, end_month)

    Whole calendar months from start_month to end_month (0 in the same month, 1 for January after
    December). Inputs are month starts (dates), so day-of-month never shifts the result.
-#}
{% macro months_between(start_month, end_month) -%}
    cast({{ dbt.datediff(start_month, end_month, 'month') }} as integer)
{%- endmacro %}
