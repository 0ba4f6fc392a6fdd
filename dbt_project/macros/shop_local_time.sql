{#-
    shop_local_time(timestamp_tz)

    A timestamptz as the shop's wall-clock time (timestamp without time zone) in the project var
    `shop_time_zone`. Event times are stored in UTC; the calendar attributes of a session (its
    date, hour, weekday, month, special days) are the shop's, like the Olist order times.
-#}
{% macro shop_local_time(timestamp_tz) -%}
    ({{ timestamp_tz }} at time zone '{{ var("shop_time_zone") }}')
{%- endmacro %}
