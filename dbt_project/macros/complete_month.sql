{#-
    complete_month(month, first_date, last_date)
    Whether the data covers the whole calendar month starting at `month` (a month-start date):
    its first purchase date is on or before the month's first day and its last purchase date on
    or after the month's last day. The first and last months of the data are usually partial, and
    would read as a drop if drawn like the others.
-#}
{% macro complete_month(month, first_date, last_date) -%}
    ({{ first_date }} <= {{ month }}
    and {{ last_date }} >= cast({{ dbt.dateadd('month', 1, month) }} as date) - 1)
{%- endmacro %}
