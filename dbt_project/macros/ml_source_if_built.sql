{#-
    ml_source_if_built(table_name)

    The relation of source('ml', table_name) (a mart the ML models write, not dbt), or none when the
    models have not written it yet: a plain `dbt build` before any `shoplens score` still works,
    and the models' insights simply wait for them. The source() call keeps the lineage either way.
-#}
{% macro ml_source_if_built(table_name) -%}
    {%- set relation = source('ml', table_name) -%}
    {%- if execute and load_relation(relation) is none -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(relation) }}
{%- endmacro %}
