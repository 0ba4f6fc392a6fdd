with

orders as (

    select * from {{ ref('fct_orders') }}

),

customers as (

    select * from {{ ref('dim_customers') }}

),

cohort_sizes as (

    select
        cohort_month,
        cast(count(*) as integer) as customers
    from customers
    group by cohort_month

),

data_end as (

    select
        max(order_month) as last_month,
        min(order_date) as first_date,
        max(order_date) as last_date
    from orders

),

-- Every month from each cohort's first month to the last month of data, with or without orders.
-- (generate_series is Postgres: dbt core has no cross-database month spine without packages.)
cohort_months as (

    select
        cohort_sizes.cohort_month,
        cohort_sizes.customers,
        month_offsets.months_since_first,
        data_end.first_date,
        data_end.last_date
    from cohort_sizes
    cross join data_end
    cross join lateral generate_series(
        0, {{ months_between('cohort_sizes.cohort_month', 'data_end.last_month') }}
    ) as month_offsets (months_since_first)

),

-- Each order with its cohort and month number: months_between is computed once, here.
order_activity as (

    select
        orders.customer_unique_id,
        orders.revenue,
        customers.cohort_month,
        {{ months_between('customers.cohort_month', 'orders.order_month') }} as months_since_first
    from orders
    inner join customers
        on orders.customer_unique_id = customers.customer_unique_id

),

customer_activity as (

    select
        cohort_month,
        months_since_first,
        cast(count(distinct customer_unique_id) as integer) as retained_customers,
        sum(revenue) as revenue
    from order_activity
    group by
        cohort_month,
        months_since_first

),

final as (

    select
        cohort_months.cohort_month,
        cohort_months.months_since_first,
        cast(
            {{ dbt.dateadd('month', 'cohort_months.months_since_first', 'cohort_months.cohort_month') }} as date
        ) as activity_month,
        cohort_months.customers,
        coalesce(customer_activity.retained_customers, 0) as retained_customers,
        {{ rate('coalesce(customer_activity.retained_customers, 0)', 'cohort_months.customers') }} as retention_rate,
        {{ money('coalesce(customer_activity.revenue, 0)') }} as revenue,
        -- The last month of data is usually partial: its retention reads as a drop unless marked.
        {{ complete_month(
            'cast(' ~ dbt.dateadd('month', 'cohort_months.months_since_first', 'cohort_months.cohort_month') ~ ' as date)',
            'cohort_months.first_date',
            'cohort_months.last_date'
        ) }} as is_complete_period
    from cohort_months
    left join customer_activity
        on
            cohort_months.cohort_month = customer_activity.cohort_month
            and cohort_months.months_since_first = customer_activity.months_since_first

)

select * from final
