{#-
    Plain schema names (`marts`, not `marts_marts`): the schema a model lands in is the folder
    it lives in, so Postgres, dbt and Dagster all name it the same way.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
