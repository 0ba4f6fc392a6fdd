{#-
    analyze_new_rows(column)

    The post-hook of the incremental models that later models read by a watermark on `column`
    (`where column > {{ watermark(...) }}`). After an incremental run it analyzes that column
    alone: the new rows carry a value beyond the table's statistics, so without it the planner
    estimates one new row where there are thousands and picks nested loops that take minutes. A
    small sample is enough for that (the column's statistics target is set to 10 when the table is
    built, so the analyze reads 3,000 rows, not 30,000).
-#}
{% macro analyze_new_rows(column) -%}
    {%- if is_incremental() -%}
        analyze {{ this }} ({{ column }})
    {%- else -%}
        alter table {{ this }} alter column {{ column }} set statistics 10
    {%- endif -%}
{%- endmacro %}
