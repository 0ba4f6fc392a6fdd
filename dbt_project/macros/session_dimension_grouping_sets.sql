{#-
    session_dimension_grouping_sets(columns)

    A GROUP BY clause body that aggregates rows once per breakdown: by the source and `columns`
    (the source's total, dimension 'all') and by those plus each session dimension in turn. The
    source is in every set: a figure never adds up two sources (two shops). One pass over the rows
    (PostgreSQL hashes every grouping set at once) instead of one copy of each row per dimension.
    Pair it with session_dimension_of_row in the select-list, over rows whose dimensions went
    through named_session_dimensions.

    columns: the columns every row is grouped by, e.g. ['session_date'].
-#}
{% macro session_dimension_grouping_sets(columns) -%}
    {%- set grouped = (['source'] + columns) | join(', ') -%}
    {%- set sets = ['(' ~ grouped ~ ')'] -%}
    {%- for dimension in session_dimensions() -%}
        {%- set _ = sets.append('(' ~ grouped ~ ', ' ~ dimension ~ ')') -%}
    {%- endfor -%}
    grouping sets ({{ sets | join(', ') }})
{%- endmacro %}
