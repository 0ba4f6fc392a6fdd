-- Every person orders in their own cohort month, so month 0 retains the whole cohort.
with

cohorts as (

    select * from {{ ref('mart_cohort_retention') }}

),

final as (

    select
        cohort_month,
        customers,
        retained_customers
    from cohorts
    where months_since_first = 0 and retained_customers <> customers

)

select * from final
