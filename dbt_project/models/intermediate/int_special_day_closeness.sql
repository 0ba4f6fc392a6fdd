-- Special-day closeness per calendar date, in the UCI dataset's steps of 0.2 (dates not listed
-- have closeness 0). A special day is shopped for ahead of it: closeness peaks at 1 six days
-- before the day and falls by 0.2 per day either side, so it is non-zero from ten days to two
-- days before (UCI: Valentine's Day is non-zero from February 2 to 12 and 1 on February 8).
-- Overlapping windows keep the closer (higher) value.
with

special_days as (

    select * from {{ ref('special_days') }}

),

window_days as (

    select
        special_days.special_day,
        special_days.special_date,
        days_before
    from special_days
    cross join generate_series(2, 10) as days_before

),

scored as (

    select
        cast(special_date - days_before as date) as calendar_date,
        special_day,
        cast(1 - 0.2 * abs(days_before - 6) as numeric(3, 1)) as closeness
    from window_days

),

final as (

    select distinct on (calendar_date)
        calendar_date,
        closeness as special_day_closeness,
        special_day as nearest_special_day
    from scored
    order by calendar_date asc, closeness desc, special_day asc

)

select * from final
