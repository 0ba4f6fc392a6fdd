{#-
    sql_text(value)

    A Jinja value as a SQL text literal (quotes doubled; none becomes null), for models that write
    rows out of dbt's `graph`, such as mart_metric_glossary.
-#}
{% macro sql_text(value) -%}
    {%- if value is none -%}
        null::text
    {%- else -%}
        '{{ value | string | replace("'", "''") }}'::text
    {%- endif -%}
{%- endmacro %}
