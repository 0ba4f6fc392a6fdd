{#-
    sessions_to_refresh(sessions, grain, date_column='session_date')

    The import query of an incremental aggregate mart: in a full build every row of `sessions` (a
    session-grain relation), in an incremental run only those of the periods (`grain` long) whose
    sessions changed since the mart's last refresh, which the replace_periods strategy replaces.
-#}
{% macro sessions_to_refresh(sessions, grain, date_column='session_date') -%}
    {%- if is_incremental() -%}
        {{ sessions_in_periods(sessions, '(' ~ changed_session_periods(grain, this) ~ ')', grain, date_column) }}
    {%- else -%}
        select * from {{ sessions }}
    {%- endif -%}
{%- endmacro %}
