-- The rejected rows of each source's latest load that rejected any: the first
-- `rejects_shown_per_source` by line, with their reasons. Every reject stays in raw.rejected_rows.
with

load_audit as (
    select * from {{ source('raw', 'load_audit') }}
),

rejected_rows as (
    select * from {{ source('raw', 'rejected_rows') }}
),

rejecting_loads as (
    select
        load_id,
        file_name,
        rows_rejected,
        {{ audit_source_table('target_table') }} as source_table,
        coalesce(finished_at, started_at) as load_time,
        row_number() over (
            partition by {{ audit_source_table('target_table') }}
            order by started_at desc, load_id desc
        ) as recency_rank
    from load_audit
    where rows_rejected > 0
),

latest_rejecting_loads as (
    select * from rejecting_loads
    where recency_rank = 1
),

-- A lateral join reads only the shown rows of each load, through the index on load_id.
final as (
    select
        latest_rejecting_loads.source_table,
        latest_rejecting_loads.load_id,
        latest_rejecting_loads.file_name,
        latest_rejecting_loads.load_time,
        latest_rejecting_loads.rows_rejected as rejects_in_load,
        shown.line_number,
        shown.reason,
        shown.raw_line,
        shown.rejected_at
    from latest_rejecting_loads
    cross join lateral (
        select
            rejected_rows.line_number,
            rejected_rows.reason,
            rejected_rows.raw_line,
            rejected_rows.rejected_at
        from rejected_rows
        where rejected_rows.load_id = latest_rejecting_loads.load_id
        order by rejected_rows.line_number
        limit {{ var('rejects_shown_per_source') }}
    ) as shown
)

select * from final
