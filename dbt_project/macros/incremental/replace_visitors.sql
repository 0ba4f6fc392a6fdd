{#-
    The `replace_visitors` incremental strategy of fct_sessions: the batch holds every session of
    the visitors it rewrites (and, when a new UCI export was loaded, every UCI session), so all
    the rows of those visitors (or all UCI rows) are deleted, then the batch is inserted. UCI
    sessions have no visitor, hence the second delete.
-#}
{% macro get_incremental_replace_visitors_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set batch = arg_dict['temp_relation'] -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    analyze {{ batch }};
    delete from {{ target }}
    where (source, user_id) in (
        select rewritten.source, rewritten.user_id from {{ batch }} as rewritten
        where rewritten.user_id is not null
    );
    delete from {{ target }}
    where user_id is null and source in (
        select rewritten.source from {{ batch }} as rewritten where rewritten.user_id is null
    );
    insert into {{ target }} ({{ columns }})
    select {{ columns }} from {{ batch }}
{%- endmacro %}
