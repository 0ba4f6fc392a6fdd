{#-
    reads_at_compile_time()

    Whether a macro may read the warehouse while the model compiles, to write what it reads into
    the SQL as literals (watermark, new_load_ids, sessions_to_refresh): only when dbt executes (not
    while parsing) and not in a unit test, whose inputs are fixtures rather than tables.
-#}
{% macro reads_at_compile_time() -%}
    {{- return(execute and model.resource_type != 'unit_test') -}}
{%- endmacro %}
