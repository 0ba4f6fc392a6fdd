{#-
    latest_load_rank(partition_by)

    A dense_rank() that is 1 for every row of the newest load of each group, for raw tables with
    no natural key (geolocation): a newer export of a zip prefix replaces all its points at once.

    partition_by: the grouping columns, comma separated.
-#}
{% macro latest_load_rank(partition_by) -%}
    dense_rank() over (
        partition by {{ partition_by }}
        order by _loaded_at desc, _load_id desc
    )
{%- endmacro %}
