{{ config(tags=['built_from_project_graph']) }}
{#-
    One row per source (raw table) and per mart, with how old or how far behind it is against its
    thresholds. The list of sources and marts, the sources' thresholds (their freshness config) and
    each mart's upstream sources come from dbt's graph when the view is created; the ages are
    computed when it is read.
-#}
{%- set bookkeeping_tables = ['load_audit', 'rejected_rows', 'dbt_node_results'] -%}
{%- set sources = [] -%}
{%- set marts = [] -%}
{%- if execute -%}
    {%- for source_node in graph.sources.values() | sort(attribute='name')
        if source_node.source_name == 'raw' and source_node.name not in bookkeeping_tables -%}
        {%- do sources.append(source_node) -%}
    {%- endfor -%}
    {%- for node in graph.nodes.values() | sort(attribute='name')
        if node.resource_type == 'model' and node.schema == 'marts'
        and node.config.materialized != 'view' -%}
        {%- do marts.append(node) -%}
    {%- endfor -%}
{%- endif %}

with

load_audit as (
    select * from {{ source('raw', 'load_audit') }}
),

node_results as (
    select * from {{ source('raw', 'dbt_node_results') }}
),

source_thresholds as (
    select * from (
        values
        {%- for source_node in sources %}
            (
                {{ sql_text(source_node.name) }},
                {{ freshness_hours(source_node.freshness.warn_after if source_node.freshness else none) }}::numeric,
                {{ freshness_hours(source_node.freshness.error_after if source_node.freshness else none) }}::numeric
            ){{ ',' if not loop.last }}
        {%- else %}
            (null::text, null::numeric, null::numeric)
        {%- endfor %}
    ) as thresholds (source_table, warn_after_hours, error_after_hours)
    where source_table is not null
),

mart_upstreams as (
    select * from (
        values
        (null::text, null::text)
        {%- for node in marts %}
            {%- for table_name in upstream_source_tables(node.unique_id) %},
        ({{ sql_text(node.name) }}, {{ sql_text(table_name) }})
            {%- endfor %}
        {%- endfor %}
    ) as upstreams (mart, source_table)
    where mart is not null
),

mart_names as (
    select * from (
        values
        (null::text)
        {%- for node in marts %},
        ({{ sql_text(node.name) }})
        {%- endfor %}
    ) as listed (mart)
    where mart is not null
),

loads as (
    select
        {{ audit_source_table('target_table') }} as source_table,
        coalesce(finished_at, started_at) as load_time
    from load_audit
    where status = 'loaded'
),

last_loads as (
    select
        source_table,
        max(load_time) as last_loaded_at
    from loads
    group by source_table
),

last_successful_builds as (
    select
        node_name as mart,
        max(completed_at) as last_built_at
    from node_results
    where resource_type = 'model' and status = 'success'
    group by node_name
),

-- The first load of an upstream source that finished after the mart's last successful build.
waiting_loads as (
    select
        mart_upstreams.mart,
        min(loads.load_time) as first_waiting_load_at
    from mart_upstreams
    inner join loads on mart_upstreams.source_table = loads.source_table
    left join last_successful_builds on mart_upstreams.mart = last_successful_builds.mart
    where loads.load_time > coalesce(last_successful_builds.last_built_at, '-infinity'::timestamptz)
    group by mart_upstreams.mart
),

source_freshness as (
    select
        'source' as object_type,
        source_thresholds.source_table as object_name,
        last_loads.last_loaded_at as last_updated_at,
        extract(epoch from now() - last_loads.last_loaded_at) / 3600 as age_hours,
        source_thresholds.warn_after_hours,
        source_thresholds.error_after_hours
    from source_thresholds
    left join last_loads on source_thresholds.source_table = last_loads.source_table
),

marts_behind as (
    select
        'mart' as object_type,
        mart_names.mart as object_name,
        last_successful_builds.last_built_at as last_updated_at,
        -- How long the mart has been behind its sources (0 when it has seen every load).
        coalesce(extract(epoch from now() - waiting_loads.first_waiting_load_at) / 3600, 0) as age_hours,
        {{ var('mart_behind_warn_after_hours') }}::numeric as warn_after_hours,
        {{ var('mart_behind_error_after_hours') }}::numeric as error_after_hours
    from mart_names
    left join last_successful_builds on mart_names.mart = last_successful_builds.mart
    left join waiting_loads on mart_names.mart = waiting_loads.mart
),

unioned as (
    select * from source_freshness
    union all
    select * from marts_behind
),

final as (
    select
        object_type,
        object_name,
        last_updated_at,
        age_hours::numeric(12, 2) as age_hours,
        warn_after_hours::numeric(12, 2) as warn_after_hours,
        error_after_hours::numeric(12, 2) as error_after_hours,
        case
            when last_updated_at is null and object_type = 'source' then 'not_loaded'
            when last_updated_at is null then 'not_built'
            when warn_after_hours is null and error_after_hours is null then 'untracked'
            when age_hours >= error_after_hours then 'stale'
            when age_hours >= warn_after_hours then 'warn'
            else 'ok'
        end as freshness_status
    from unioned
)

select * from final
