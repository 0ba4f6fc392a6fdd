{#-
    new_load_ids(raw_tables, staged_relations, relation)

    For `_load_id in (...)`: the load ids present upstream and not yet in `relation`. Sets, not a
    watermark: a load that commits after a later-numbered one is still found. When the model runs,
    they are a literal list read at compile time from the raw tables named in `raw_tables` (source
    tables of `raw`): their load index answers staged_load_ids one entry per load, and a literal
    lets the planner read just those loads' rows through that index rather than guess and scan.
    While parsing, and in unit tests (whose inputs are fixtures), it is the same query over
    `staged_relations` instead.
-#}
{% macro new_load_ids(raw_tables, staged_relations, relation) -%}
    {%- set upstream = staged_relations -%}
    {%- set literal = reads_at_compile_time() -%}
    {%- if literal -%}
        {%- set upstream = [] -%}
        {%- for node in graph.sources.values() | sort(attribute='name')
            if node.source_name == 'raw' and node.name in raw_tables -%}
            {%- do upstream.append(api.Relation.create(node.database, node.schema, node.identifier)) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set query -%}
        {%- for staged in upstream %}
        select load_id from ({{ staged_load_ids(staged) }}) as upstream_loads_{{ loop.index }}
        union
        {%- endfor %}
        select cast(null as bigint) where false
        except
        select load_id from ({{ staged_load_ids(relation) }}) as built_loads
    {%- endset -%}
    {%- if literal -%}
        {%- set found = run_query(query ~ ' order by 1').columns[0].values() | map('int') | list -%}
        {{- found | join(', ') if found else 'cast(null as bigint)' -}}
    {%- else -%}
        {{- query -}}
    {%- endif -%}
{%- endmacro %}
