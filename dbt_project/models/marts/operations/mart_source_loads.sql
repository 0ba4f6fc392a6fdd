-- One row per source (raw table): its last load, and what all its loads brought in and rejected.
-- Files the loader could not match to any format have no table: they show as 'unrecognised'.
with

load_audit as (
    select * from {{ source('raw', 'load_audit') }}
),

loads as (
    select
        load_id,
        file_name,
        status,
        rows_read,
        rows_loaded,
        rows_rejected,
        message,
        {{ audit_source_table('target_table') }} as source_table,
        coalesce(finished_at, started_at) as load_time,
        row_number() over (
            partition by {{ audit_source_table('target_table') }}
            order by started_at desc, load_id desc
        ) as recency_rank
    from load_audit
    -- A running load is still inside its transaction: its row is not visible yet, or it crashed.
    where status <> 'running'
),

totals as (
    select
        source_table,
        count(*) as loads,
        count(*) filter (where status = 'loaded') as loads_loaded,
        count(*) filter (where status in ('refused', 'failed')) as loads_not_loaded,
        sum(rows_loaded) as rows_loaded_total,
        sum(rows_rejected) as rows_rejected_total,
        max(load_time) filter (where status = 'loaded') as last_loaded_at
    from loads
    group by source_table
),

last_loads as (
    select * from loads
    where recency_rank = 1
),

final as (
    select
        totals.source_table,
        last_loads.load_id as last_load_id,
        last_loads.file_name as last_file_name,
        last_loads.status as last_status,
        last_loads.load_time as last_load_at,
        last_loads.rows_read as last_rows_read,
        last_loads.rows_loaded as last_rows_loaded,
        last_loads.rows_rejected as last_rows_rejected,
        last_loads.message as last_message,
        totals.last_loaded_at,
        totals.loads,
        totals.loads_loaded,
        totals.loads_not_loaded,
        totals.rows_loaded_total,
        totals.rows_rejected_total
    from totals
    inner join last_loads on totals.source_table = last_loads.source_table
)

select * from final
