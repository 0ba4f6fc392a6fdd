-- The month spine runs from each cohort month to the last month of data, without gaps.
with

cohorts as (

    select * from {{ ref('mart_cohort_retention') }}

),

orders as (

    select * from {{ ref('fct_orders') }}

),

data_end as (

    select max(order_month) as last_month
    from orders

),

cohort_spans as (

    select
        cohort_month,
        count(*) as months,
        max(activity_month) as last_activity_month,
        max(months_since_first) as max_months_since_first
    from cohorts
    group by cohort_month

),

final as (

    select cohort_spans.*
    from cohort_spans
    cross join data_end
    where
        cohort_spans.last_activity_month <> data_end.last_month
        or cohort_spans.months <> cohort_spans.max_months_since_first + 1

)

select * from final
