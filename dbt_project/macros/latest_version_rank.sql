{#-
    latest_version_rank(partition_by)

    A row_number() that is 1 for the newest version of each natural key in an append-only raw
    table: the latest load wins, then the higher load id (two loads in the same instant), then the
    later line of the file (a key repeated inside one export). Staging keeps rank 1.

    partition_by: the natural key columns, comma separated, e.g. 'order_id, order_item_id'.
-#}
{% macro latest_version_rank(partition_by) -%}
    row_number() over (
        partition by {{ partition_by }}
        order by _loaded_at desc, _load_id desc, _line_number desc
    )
{%- endmacro %}
