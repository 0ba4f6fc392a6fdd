{#-
    session_dimension_of_row()

    The select-list items `source`, `dimension` and `dimension_value` of a row aggregated by
    session_dimension_grouping_sets: the dimension its grouping set broke down by ('all' for the
    total, value 'all'), and that dimension's value ('unknown' when missing).
-#}
{% macro session_dimension_of_row() -%}
    source,
    case
    {%- for dimension in session_dimensions() %}
        when grouping({{ dimension }}) = 0 then '{{ dimension }}'
    {%- endfor %}
        else 'all'
    end as dimension,
    coalesce({{ session_dimensions() | join(', ') }}, 'all') as dimension_value
{%- endmacro %}
