{#-
    latest_load_rank(partition_by)

    A dense_rank() that is 1 for every row of the newest load of each group. For rows that a newer
    export replaces as a whole group rather than one key at a time: the points of a zip prefix
    (geolocation has no natural key), and the items, payments and reviews of an order (a newer
    export of an order lists all of them, so a row it no longer has must not survive).

    partition_by: the grouping columns, comma separated (cleaned values, e.g. 'order_id').
-#}
{% macro latest_load_rank(partition_by) -%}
    dense_rank() over (
        partition by {{ partition_by }}
        order by _loaded_at desc, _load_id desc
    )
{%- endmacro %}
