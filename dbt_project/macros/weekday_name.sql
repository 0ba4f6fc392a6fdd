{#-
    weekday_name(iso_day)

    The English name of an ISO weekday number (1 = Monday ... 7 = Sunday).
-#}
{% macro weekday_name(iso_day) -%}
    (array['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'])[{{ iso_day }}]
{%- endmacro %}
