{#-
    The `replace_sessions` incremental strategy of the session-grain models downstream of
    int_events_sessionized. Their batch is the sessions (re)written there since the model's last
    run (watermark: the model's max(updated_at)); the strategy deletes the old rows of those
    sessions and of the sessions they absorbed (the previous_session_id of their events), then
    inserts the batch. The watermark is read again here, before the deletes change it, so it is
    the batch's own. Two deletes, not one with `or`: each then finds its rows through the
    session_id index, where an `or` of two subqueries scans the whole table.
-#}
{% macro get_incremental_replace_sessions_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set batch = arg_dict['temp_relation'] -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    analyze {{ batch }};
    delete from {{ target }}
    where session_id in (select rewritten.session_id from {{ batch }} as rewritten);
    delete from {{ target }}
    where session_id in ({{ absorbed_session_ids(target) }});
    insert into {{ target }} ({{ columns }})
    select {{ columns }} from {{ batch }}
{%- endmacro %}
