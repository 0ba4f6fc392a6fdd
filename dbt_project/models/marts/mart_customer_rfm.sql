with

customers as (

    select * from {{ ref('dim_customers') }}

),

-- The day after the last purchase in the data: recency does not drift with the wall clock.
as_of as (

    select cast({{ dbt.dateadd('day', 1, 'max(last_order_at)') }} as date) as as_of_date
    from customers

),

measured as (

    select
        customers.customer_unique_id,
        customers.last_order_at,
        as_of.as_of_date,
        cast({{ dbt.datediff('customers.last_order_at', 'as_of.as_of_date', 'day') }} as integer)
            as recency_days,
        customers.orders as frequency,
        customers.revenue as monetary
    from customers
    cross join as_of

),

scored as (

    select
        *,
        -- The most recent get 5: ordering by recency descending puts them at the top of cume_dist.
        {{ tie_safe_quintile('recency_days desc') }} as r_score,
        cast({{ rfm_frequency_score('frequency') }} as integer) as f_score,
        {{ tie_safe_quintile('monetary asc') }} as m_score
    from measured

),

final as (

    select
        customer_unique_id,
        last_order_at,
        as_of_date,
        recency_days,
        frequency,
        monetary,
        r_score,
        f_score,
        m_score,
        {{ rfm_segment('r_score', 'f_score', 'm_score') }} as rfm_segment,
        -- One person per row: the denominator that turns summed recency, frequency and monetary
        -- into a selection's averages.
        1 as customers,
        cast(recency_days as numeric(10, 2)) as avg_recency_days,
        cast(frequency as numeric(10, 2)) as avg_frequency,
        monetary as avg_monetary
    from scored

)

select * from final
