{#-
    The `replace_periods` incremental strategy of the session and funnel aggregate marts. Their
    batch recomputes every row of the periods whose sessions changed since the mart's last refresh
    (changed_session_periods). The strategy deletes all rows of those periods (so a period or a
    breakdown that no longer has sessions goes too), then inserts the batch. The changed periods
    are taken once, before the first delete moves the watermark.

    Model config `replace_periods`: a list of {grain, column, where}: each grain's periods are
    deleted from the rows matching `where` (optional), by source and `column`. Both are SQL over
    the mart's rows, aliased `built`; `column` gives the row's period start, e.g. built.session_week.
-#}
{% macro get_incremental_replace_periods_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set batch = arg_dict['temp_relation'] -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    {%- set periods = config.require('replace_periods') -%}
    {%- set changed = target.identifier ~ '__changed_periods' -%}
    create temporary table {{ changed }} on commit drop as (
    {%- for period in periods %}
            select
                {{ loop.index }} as entry,
                periods.*
            from ({{ changed_session_periods(period.grain, target) }}) as periods
            {% if not loop.last %}union all{% endif %}
    {%- endfor %}
    );
    delete from {{ target }} as built
    using {{ changed }} as changed
    where
        built.source = changed.source
        and (
    {%- for period in periods %}
                (
                    changed.entry = {{ loop.index }}
                    and {{ period.column }} is not distinct from changed.period_start
                    and {{ period.get('where', 'true') }}
                )
                {% if not loop.last %}or{% endif %}
    {%- endfor %}
        );
    insert into {{ target }} ({{ columns }})
    select {{ columns }} from {{ batch }}
{%- endmacro %}
