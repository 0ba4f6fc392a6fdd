{#-
    sessions_in_periods(sessions, periods, grain, date_column='session_date')

    A query (no trailing semicolon) returning the rows of `sessions` (a session-grain relation with
    `source` and a date column) that fall in the (source, period_start) pairs of `periods` (see
    changed_session_periods), each period `grain` long. Matched per period through the
    (source, date) index. A pair with a NULL period_start (UCI) takes the source's undated rows.
-#}
{% macro sessions_in_periods(sessions, periods, grain, date_column='session_date') -%}
    select sessions_in_period.*
    from {{ sessions }} as sessions_in_period
    inner join {{ periods }} as periods
        on
            sessions_in_period.source = periods.source
            and sessions_in_period.{{ date_column }} >= periods.period_start
            and sessions_in_period.{{ date_column }} < periods.period_start + interval '1 {{ grain }}'
    union all
    select undated_sessions.*
    from {{ sessions }} as undated_sessions
    where
        undated_sessions.{{ date_column }} is null
        and undated_sessions.source in (
            select periods.source from {{ periods }} as periods where periods.period_start is null
        )
{%- endmacro %}


{#-
    sessions_in_listed_periods(sessions, periods, grain, date_column='session_date')

    The same rows as sessions_in_periods, for periods already read (an agate table of source and
    period_start, from run_query): one literal condition per period, so the planner estimates
    each through the statistics and reads it through the (source, date) index. No period: no row.
-#}
{% macro sessions_in_listed_periods(sessions, periods, grain, date_column='session_date') -%}
    {%- set dated = 'sessions_in_period.' ~ date_column -%}
    {%- set conditions = ['false'] -%}
    {%- for period in periods.rows -%}
        {%- set source = "sessions_in_period.source = '" ~ (period['source'] | replace("'", "''")) ~ "'" -%}
        {%- if period['period_start'] is none -%}
            {%- do conditions.append('(' ~ source ~ ' and ' ~ dated ~ ' is null)') -%}
        {%- else -%}
            {%- set start = "date '" ~ period['period_start'] ~ "'" -%}
            {%- set end = start ~ " + interval '1 " ~ grain ~ "'" -%}
            {%- do conditions.append(
                '(' ~ source ~ ' and ' ~ dated ~ ' >= ' ~ start ~ ' and ' ~ dated ~ ' < ' ~ end ~ ')'
            ) -%}
        {%- endif -%}
    {%- endfor -%}
    select sessions_in_period.*
    from {{ sessions }} as sessions_in_period
    where
        {{ conditions | join('\n        or ') }}
{%- endmacro %}
