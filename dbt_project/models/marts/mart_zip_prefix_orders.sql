-- Orders and revenue per purchase date x customer zip prefix x order status x RFM segment, at the prefix's
-- centre from dim_geography: the geography page's dots, filtered and summed like the other marts.
-- Orders whose prefix has no located centre are left out (the page compares with the state totals).
with

orders as (

    select * from {{ ref('fct_orders') }}

),

geography as (

    select * from {{ ref('dim_geography') }}

),

customer_rfm as (

    select * from {{ ref('mart_customer_rfm') }}

),

final as (

    select
        orders.order_date,
        coalesce(orders.customer_state, 'unknown') as customer_state,
        orders.order_status,
        orders.order_status_group,
        customer_rfm.rfm_segment,
        geography.zip_code_prefix,
        geography.city,
        geography.state,
        geography.latitude,
        geography.longitude,
        cast(count(*) as integer) as orders,
        sum(orders.revenue) as revenue
    from orders
    inner join geography
        on orders.customer_zip_code_prefix = geography.zip_code_prefix
    inner join customer_rfm
        on orders.customer_unique_id = customer_rfm.customer_unique_id
    where geography.latitude is not null and geography.longitude is not null
    group by
        orders.order_date,
        coalesce(orders.customer_state, 'unknown'),
        orders.order_status,
        orders.order_status_group,
        customer_rfm.rfm_segment,
        geography.zip_code_prefix,
        geography.city,
        geography.state,
        geography.latitude,
        geography.longitude

)

select * from final
