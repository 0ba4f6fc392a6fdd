{#-
    utc_text(timestamp_tz)

    A timestamptz as ISO text in UTC with microseconds ('2019-10-01T00:00:00.000000'), whatever
    the session's TimeZone: the stable spelling of an instant for content hashes.
-#}
{% macro utc_text(timestamp_tz) -%}
    to_char({{ timestamp_tz }} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
{%- endmacro %}
