-- One row per successful load: its rows against the median of the previous loads of its source.
-- The rule (vars in dbt_project.yml): with at least `volume_min_previous_loads` earlier loads, a
-- load is an outlier when it brought more than `volume_outlier_factor` times, or less than
-- 1/`volume_outlier_factor` of, the median rows of the last `volume_lookback_loads` loads before it.
with

load_audit as (
    select * from {{ source('raw', 'load_audit') }}
),

loads as (
    select
        load_id,
        {{ audit_source_table('target_table') }} as source_table,
        file_name,
        rows_loaded,
        coalesce(finished_at, started_at) as load_time,
        row_number() over (partition by target_table order by load_id) as load_number
    from load_audit
    -- Only loads that brought rows in: a skipped file (content already loaded) or a refused one
    -- says nothing about the usual volume.
    where status = 'loaded' and target_table is not null
),

previous_loads as (
    select
        loads.load_id,
        count(earlier.load_id) as previous_loads,
        percentile_cont(0.5) within group (order by earlier.rows_loaded) as median_previous_rows
    from loads
    left join loads as earlier
        on
            loads.source_table = earlier.source_table
            and loads.load_number > earlier.load_number
            and loads.load_number - {{ var('volume_lookback_loads') }} <= earlier.load_number
    group by loads.load_id
),

judged as (
    select
        loads.load_id,
        loads.source_table,
        loads.file_name,
        loads.load_time,
        loads.rows_loaded,
        previous_loads.previous_loads,
        previous_loads.median_previous_rows::numeric(18, 1) as median_previous_rows,
        {{ safe_divide('loads.rows_loaded', 'previous_loads.median_previous_rows') }}::numeric(18, 3)
            as volume_ratio,
        previous_loads.previous_loads >= {{ var('volume_min_previous_loads') }} as is_judged
    from loads
    inner join previous_loads on loads.load_id = previous_loads.load_id
),

final as (
    select
        *,
        coalesce(
            is_judged
            and (
                rows_loaded > {{ var('volume_outlier_factor') }} * median_previous_rows
                or rows_loaded * {{ var('volume_outlier_factor') }} < median_previous_rows
            ),
            false
        ) as is_volume_outlier
    from judged
)

select * from final
