{#-
    The `replace_reopened_sessions` incremental strategy of int_events_sessionized: the batch holds
    the new events and every event of the sessions they reopened (with the session's old id as
    previous_session_id), so the rows of those old sessions are deleted and the batch inserted.
    The batch is analysed first: the planner then sees how few rows it holds and deletes through
    the session_id index rather than scanning the table.
-#}
{% macro get_incremental_replace_reopened_sessions_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set batch = arg_dict['temp_relation'] -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    analyze {{ batch }};
    delete from {{ target }}
    where session_id in (
        select reopened.previous_session_id from {{ batch }} as reopened
        where reopened.previous_session_id is not null
    );
    insert into {{ target }} ({{ columns }})
    select {{ columns }} from {{ batch }}
{%- endmacro %}
