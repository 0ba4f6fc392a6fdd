-- The orders marts are built along different paths (mart_sales_monthly and mart_geo_revenue straight
-- from fct_orders, mart_orders_daily through each person's RFM row, mart_sales_daily from the items):
-- their headline and all-status figures must agree month by month and state by state.
with

daily as (

    select * from {{ ref('mart_orders_daily') }}

),

monthly as (

    select * from {{ ref('mart_sales_monthly') }}

),

geo as (

    select * from {{ ref('mart_geo_revenue') }}

),

category_daily as (

    select * from {{ ref('mart_sales_daily') }}

),

daily_months as (

    select
        order_month,
        coalesce(sum(orders) filter (where order_status_group = 'placed'), 0) as orders,
        coalesce(sum(revenue) filter (where order_status_group = 'placed'), 0) as revenue,
        sum(orders) as orders_all_statuses,
        sum(revenue) as revenue_all_statuses
    from daily
    group by order_month

),

daily_states as (

    select
        customer_state,
        coalesce(sum(orders) filter (where order_status_group = 'placed'), 0) as orders,
        sum(revenue) as revenue_all_statuses,
        sum(delivered_orders) as delivered_orders,
        sum(late_orders) as late_orders
    from daily
    group by customer_state

),

category_months as (

    select
        {{ month_start('order_date') }} as order_month,
        coalesce(sum(revenue) filter (where order_status_group = 'placed'), 0) as revenue
    from category_daily
    group by {{ month_start('order_date') }}

),

month_differences as (

    select
        'month ' || cast(monthly.order_month as text) as cell,
        'mart_sales_monthly vs mart_orders_daily' as marts
    from monthly
    full outer join daily_months
        on monthly.order_month = daily_months.order_month
    where
        monthly.orders is distinct from daily_months.orders
        or monthly.revenue is distinct from daily_months.revenue
        or monthly.orders_all_statuses is distinct from daily_months.orders_all_statuses
        or monthly.revenue_all_statuses is distinct from daily_months.revenue_all_statuses

),

state_differences as (

    select
        'state ' || coalesce(geo.customer_state, daily_states.customer_state) as cell,
        'mart_geo_revenue vs mart_orders_daily' as marts
    from geo
    full outer join daily_states
        on geo.customer_state = daily_states.customer_state
    where
        geo.orders is distinct from daily_states.orders
        or geo.revenue_all_statuses is distinct from daily_states.revenue_all_statuses
        or geo.delivered_orders is distinct from daily_states.delivered_orders
        or geo.late_orders is distinct from daily_states.late_orders

),

-- Months with items only: mart_sales_daily has no rows for orders without items (revenue 0).
category_differences as (

    select
        'month ' || cast(category_months.order_month as text) as cell,
        'mart_sales_daily vs mart_sales_monthly' as marts
    from category_months
    left join monthly
        on category_months.order_month = monthly.order_month
    where category_months.revenue is distinct from monthly.revenue

),

final as (

    select * from month_differences
    union all
    select * from state_differences
    union all
    select * from category_differences

)

select * from final
