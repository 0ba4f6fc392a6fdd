{#-
    sessions_to_refresh(sessions, grain, date_column='session_date')

    The import query of an incremental aggregate mart: in a full build every row of `sessions` (a
    session-grain relation), in an incremental run only those of the periods (`grain` long) whose
    sessions changed since the mart's last refresh, which the replace_periods strategy replaces.

    The changed periods are read when the model compiles and written into the filter as literals
    (as watermark() does), up to var('listed_periods_max') of them: against a join on a subquery the
    planner guesses a third of the sessions and hashes every session and event, 6 s for the few
    sessions of a live file at 10M events; with literals it reads the few sessions through their
    (source, date) index. More periods than that (a backfill) join as a subquery, which then
    scans anyway. In a unit test `this` is a fixture, so the subquery stays.
-#}
{% macro sessions_to_refresh(sessions, grain, date_column='session_date') -%}
    {%- if not is_incremental() -%}
        select * from {{ sessions }}
    {%- else -%}
        {%- set periods = changed_session_periods(grain, this) -%}
        {%- set listed = run_query(periods) if reads_at_compile_time() else none -%}
        {%- if listed is not none and listed.rows | length <= var('listed_periods_max') -%}
            {{ sessions_in_listed_periods(sessions, listed, grain, date_column) }}
        {%- else -%}
            {{ sessions_in_periods(sessions, '(' ~ periods ~ ')', grain, date_column) }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
