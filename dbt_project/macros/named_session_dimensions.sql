{#-
    named_session_dimensions(relation)

    The select-list items of the source and every session dimension of `relation` (an alias),
    with a missing value named 'unknown': a breakdown by grouping sets must never see a NULL
    dimension value, because NULL is what marks a dimension a grouping set leaves out.
-#}
{% macro named_session_dimensions(relation) -%}
    {{ relation }}.source,
    {%- for dimension in session_dimensions() %}
    coalesce({{ relation }}.{{ dimension }}, 'unknown') as {{ dimension }}{% if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}
