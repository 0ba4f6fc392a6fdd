{#-
    staged_load_ids(relation)

    A query (no trailing semicolon) returning the distinct `_load_id`s present in `relation`. It
    walks the `_load_id` index one value at a time (a recursive "loose index scan"), so it reads
    one index entry per load rather than every row: incremental models compare the loads they
    already hold with the loads upstream has, to pick up exactly the new ones (also a load that
    committed after a later-numbered one, which a max(_load_id) watermark would miss forever).

    relation: a table with an index on _load_id.
-#}
{% macro staged_load_ids(relation) -%}
    with recursive staged_loads as (
        select min(_load_id) as load_id from {{ relation }}
        union all
        select (
            select min(later._load_id) from {{ relation }} as later
            where later._load_id > staged_loads.load_id
        ) as load_id
        from staged_loads
        where staged_loads.load_id is not null
    )

    select staged_loads.load_id from staged_loads
    where staged_loads.load_id is not null
{%- endmacro %}
