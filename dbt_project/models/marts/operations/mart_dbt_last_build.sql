-- Every node (model, seed, data test, unit test) of the latest persisted build, with its status,
-- time, rows and failures: what the Data health page lists.
with

node_results as (
    select * from {{ source('raw', 'dbt_node_results') }}
),

builds as (
    select * from {{ ref('mart_dbt_builds') }}
),

last_build as (
    select build_id from builds
    where build_rank = 1
),

-- A Dagster run has two dbt steps; should both have run a node, its later result counts.
ranked as (
    select
        node_results.*,
        row_number() over (
            partition by node_results.unique_id
            order by node_results.generated_at desc
        ) as recency_rank
    from node_results
    inner join last_build on node_results.build_id = last_build.build_id
),

final as (
    select
        build_id,
        invocation_id,
        unique_id,
        resource_type,
        node_name,
        tested_node,
        status,
        status in ('error', 'fail', 'runtime error') as is_failure,
        execution_seconds::numeric(12, 3) as execution_seconds,
        started_at,
        completed_at,
        rows_affected,
        failures,
        message
    from ranked
    where recency_rank = 1
)

select * from final
