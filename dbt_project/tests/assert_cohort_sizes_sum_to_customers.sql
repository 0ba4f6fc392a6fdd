-- Every person belongs to exactly one cohort: month-0 cohort sizes add up to dim_customers.
with

cohorts as (

    select * from {{ ref('mart_cohort_retention') }}

),

customers as (

    select * from {{ ref('dim_customers') }}

),

cohort_total as (

    select coalesce(sum(customers), 0) as people
    from cohorts
    where months_since_first = 0

),

customer_total as (

    select count(*) as people
    from customers

),

final as (

    select
        cohort_total.people as people_in_cohorts,
        customer_total.people as people_in_dim_customers
    from cohort_total
    cross join customer_total
    where cohort_total.people <> customer_total.people

)

select * from final
