{{ config(materialized='table', tags=['built_from_project_graph']) }}
{#-
    The metric glossary: one row per mart column that carries a `meta.metric` block in its yml
    (see the metric convention in _marts__models.yml), written out of dbt's graph at build time.
    The definition is the column's description as dbt renders it, so a `{{ doc(...) }}` metric
    document it references is part of it; `metric_documents` names those documents. Nothing here
    is a second copy: change a description or a metric block and the next build rewrites the row.
-#}
{%- set metric_columns = [] -%}
{%- if execute -%}
    {%- for node in graph.nodes.values() | sort(attribute='name')
        if node.resource_type == 'model' and node.schema == 'marts' -%}
        {%- for column in node.columns.values() -%}
            {%- set column_meta = (column.config or {}).get('meta') or column.meta or {} -%}
            {%- if column_meta.get('metric') -%}
                {%- do metric_columns.append({
                    'mart': node.name,
                    'column_name': column.name,
                    'metric': column_meta.metric,
                    'description': column.description,
                    'documents': column.doc_blocks or [],
                }) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
{%- endif %}

with

metric_columns as (
    select * from (
        values
        (null::text, null::text, null::text, null::text, null::text, null::text, null::text, null::text)
        {%- for entry in metric_columns %},
        (
            {{ sql_text(entry.mart) }},
            {{ sql_text(entry.column_name) }},
            {{ sql_text(entry.metric.get('label')) }},
            {{ sql_text(entry.metric.get('unit')) }},
            {{ sql_text(entry.metric.get('numerator')) }},
            {{ sql_text(entry.metric.get('denominator')) }},
            {{ sql_text(entry.description | trim) }},
            {{ sql_text(entry.documents | map('replace', 'doc.shoplens.', '') | join(', ') or none) }}
        )
        {%- endfor %}
    ) as metric_columns (mart, column_name, metric, unit, numerator, denominator, description, metric_documents)
    where mart is not null
),

final as (
    select
        mart,
        column_name,
        metric,
        unit,
        numerator,
        denominator,
        description,
        metric_documents
    from metric_columns
)

select * from final
