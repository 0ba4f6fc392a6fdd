-- One row per persisted build (a `shoplens build`, or a Dagster run with its dbt steps), newest
-- first by `build_rank`: how many models, tests and unit tests passed, failed or were skipped.
with

node_results as (
    select * from {{ source('raw', 'dbt_node_results') }}
),

builds as (
    select
        build_id,
        min(generated_at) as first_generated_at,
        max(generated_at) as generated_at,
        min(started_at) as started_at,
        max(completed_at) as completed_at,
        count(distinct invocation_id) as dbt_invocations,
        count(*) filter (where resource_type in ('model', 'seed', 'snapshot')) as nodes_built,
        count(*) filter (
            where resource_type in ('model', 'seed', 'snapshot') and status = 'success'
        ) as nodes_succeeded,
        count(*) filter (
            where resource_type in ('model', 'seed', 'snapshot') and status = 'error'
        ) as nodes_errored,
        count(*) filter (where resource_type = 'test') as data_tests,
        count(*) filter (where resource_type = 'test' and status = 'pass') as data_tests_passed,
        count(*) filter (where resource_type = 'test' and status = 'warn') as data_tests_warned,
        count(*) filter (
            where resource_type = 'test' and status in ('fail', 'error')
        ) as data_tests_failed,
        count(*) filter (where resource_type = 'unit_test') as unit_tests,
        count(*) filter (
            where resource_type = 'unit_test' and status in ('fail', 'error')
        ) as unit_tests_failed,
        count(*) filter (where status = 'skipped') as nodes_skipped
    from node_results
    group by build_id
),

final as (
    select
        *,
        (nodes_errored + data_tests_failed + unit_tests_failed) = 0 as is_success,
        row_number() over (order by generated_at desc, build_id desc) as build_rank
    from builds
)

select * from final
