{#-
    absorbed_session_ids(relation)

    A query (no trailing semicolon) returning the ids of the sessions that int_events_sessionized
    replaced since `relation` was last built (its max(updated_at)): a reopened session keeps or
    changes its id, and sessions it absorbed lose theirs. Incremental session-grain models delete
    these rows before inserting the sessions' new versions.
-#}
{% macro absorbed_session_ids(relation) -%}
    select reopened.previous_session_id
    from {{ ref('int_events_sessionized') }} as reopened
    where
        reopened.sessionized_at > {{ watermark(relation, 'updated_at') }}
        and reopened.previous_session_id is not null
{%- endmacro %}
