-- The orders pages' cube: additive order counts and sums per purchase date x customer state x
-- order status x main payment type x RFM segment, so the dashboard filters by any of them and
-- only sums. Ratios are stored per row and re-aggregated as sum(numerator) / sum(denominator).
with

orders as (

    select * from {{ ref('fct_orders') }}

),

customer_rfm as (

    select * from {{ ref('mart_customer_rfm') }}

),

data_span as (

    select
        min(order_date) as first_date,
        max(order_date) as last_date
    from orders

),

orders_in_cells as (

    select
        orders.order_date,
        orders.order_month,
        coalesce(orders.customer_state, 'unknown') as customer_state,
        orders.order_status,
        orders.order_status_group,
        coalesce(orders.payment_type, 'no payment recorded') as main_payment_type,
        customer_rfm.rfm_segment,
        orders.customer_unique_id,
        orders.has_items,
        orders.is_first_order,
        orders.revenue,
        orders.payment_value,
        orders.review_score,
        orders.is_late,
        orders.delivery_days
    from orders
    inner join customer_rfm
        on orders.customer_unique_id = customer_rfm.customer_unique_id

),

cells as (

    select
        order_date,
        order_month,
        customer_state,
        order_status,
        order_status_group,
        main_payment_type,
        rfm_segment,
        cast(count(*) as integer) as orders,
        cast(count(*) filter (where has_items) as integer) as orders_with_items,
        sum(revenue) as revenue,
        sum(payment_value) as payment_value,
        cast(count(distinct customer_unique_id) as integer) as customers,
        cast(count(*) filter (where is_first_order) as integer) as new_customers,
        cast(count(review_score) as integer) as reviewed_orders,
        cast(coalesce(sum(review_score), 0) as integer) as review_score_total,
        cast(count(is_late) as integer) as delivered_orders,
        cast(count(*) filter (where is_late) as integer) as late_orders,
        cast(coalesce(sum(delivery_days) filter (where is_late is not null), 0) as integer)
            as delivery_days_total
    from orders_in_cells
    group by
        order_date,
        order_month,
        customer_state,
        order_status,
        order_status_group,
        main_payment_type,
        rfm_segment

),

final as (

    select
        cells.*,
        {{ complete_month('cells.order_month', 'data_span.first_date', 'data_span.last_date') }}
            as is_complete_month,
        {{ aov('cells.revenue', 'cells.orders_with_items') }} as aov,
        {{ rate('cells.late_orders', 'cells.delivered_orders') }} as late_share,
        {{ mean_of('cells.review_score_total', 'cells.reviewed_orders', 6, 4) }} as avg_review_score,
        {{ mean_of('cells.delivery_days_total', 'cells.delivered_orders', 10, 2) }} as avg_delivery_days
    from cells
    cross join data_span

)

select * from final
