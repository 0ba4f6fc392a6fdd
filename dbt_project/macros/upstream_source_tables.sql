{#-
    upstream_source_tables(unique_id)

    The names of the raw tables a node reads, directly or through other models, walked through
    dbt's `graph` (so only at execution time). Used by mart_freshness to tell which loads a mart
    has not seen yet.
-#}
{% macro upstream_source_tables(unique_id) -%}
    {%- set found = [] -%}
    {%- set _ = collect_upstream_source_tables(unique_id, found, []) -%}
    {{- return(found | sort) -}}
{%- endmacro %}

{#- Walks the parents of `unique_id`, adding the raw tables met to `found` (each node once). -#}
{% macro collect_upstream_source_tables(unique_id, found, visited) -%}
    {%- for parent in graph.nodes[unique_id].depends_on.nodes if parent not in visited -%}
        {%- set _ = visited.append(parent) -%}
        {%- if parent in graph.sources and graph.sources[parent].name not in found -%}
            {%- set _ = found.append(graph.sources[parent].name) -%}
        {%- elif parent in graph.nodes -%}
            {%- set _ = collect_upstream_source_tables(parent, found, visited) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endmacro %}
