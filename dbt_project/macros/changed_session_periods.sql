{#-
    changed_session_periods(grain, relation)

    A query (no trailing semicolon) returning the (source, period_start) pairs whose sessions
    changed since `relation` was last refreshed (its max(refreshed_at)), from the change feed
    int_session_changes: the periods an incremental aggregate mart recomputes. period_start is the
    first day of the `grain` ('day', 'week' or 'month') holding the changed day; NULL for UCI.
-#}
{% macro changed_session_periods(grain, relation) -%}
    {%- set period_start = 'changes.session_date' if grain == 'day'
        else 'cast(' ~ dbt.date_trunc(grain, 'changes.session_date') ~ ' as date)' -%}
    select distinct
        changes.source,
        {{ period_start }} as period_start
    from {{ ref('int_session_changes') }} as changes
    where
        changes.changed_at > {{ watermark(relation, 'refreshed_at') }}
{%- endmacro %}
