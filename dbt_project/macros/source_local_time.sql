{#-
    source_local_time(timestamp_tz, source)

    A timestamptz as the wall-clock time (timestamp without time zone) of its event source's shop:
    the zone in the project var `session_time_zones` for that source, else `shop_time_zone`.
    Event times are stored in UTC; the calendar attributes of a session (its date, hour, weekday,
    month, special days) are those of its own shop, so a REES46 session that starts at 00:30 UTC
    on 1 October is a 1 October session at hour 0.

    timestamp_tz: a timestamptz expression; source: an expression giving the event source.
-#}
{% macro source_local_time(timestamp_tz, source) -%}
{%- set zones = var('session_time_zones', {}) -%}
{%- set shop_zone = "'" ~ var('shop_time_zone') ~ "'" -%}
{%- if zones is mapping and zones -%}
(case {{ source }}
{%- for name, zone in zones.items() %} when '{{ name }}' then {{ timestamp_tz }} at time zone '{{ zone }}'
{%- endfor %} else {{ timestamp_tz }} at time zone {{ shop_zone }} end)
{%- else -%}
({{ timestamp_tz }} at time zone {{ shop_zone }})
{%- endif -%}
{%- endmacro %}
