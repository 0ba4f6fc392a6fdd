-- Payment methods by the orders using them. The plain measures are the headline (placed orders;
-- see order_status_group); *_all_statuses count every order's payments.
with

order_payments as (

    select
        *,
        {{ order_status_group('order_status') }} as order_status_group
    from {{ ref('fct_order_payments') }}

),

paid_orders as (

    select cast(count(distinct order_id) as integer) as total_orders
    from order_payments
    where order_status_group = 'placed'

),

by_type as (

    select
        payment_type,
        cast(count(distinct order_id) filter (where order_status_group = 'placed') as integer) as orders,
        cast(count(*) filter (where order_status_group = 'placed') as integer) as payment_rows,
        coalesce(sum(payment_value) filter (where order_status_group = 'placed'), 0) as payment_value,
        cast(coalesce(sum(payment_installments) filter (where order_status_group = 'placed'), 0) as integer)
            as installments_total,
        cast(count(distinct order_id) as integer) as orders_all_statuses,
        cast(count(*) as integer) as payment_rows_all_statuses,
        sum(payment_value) as payment_value_all_statuses
    from order_payments
    group by payment_type

),

final as (

    select
        by_type.payment_type,
        by_type.orders,
        by_type.payment_rows,
        by_type.payment_value,
        by_type.installments_total,
        {{ mean_of('by_type.installments_total', 'by_type.payment_rows', 8, 4) }} as avg_installments,
        paid_orders.total_orders,
        {{ rate('by_type.orders', 'paid_orders.total_orders') }} as share_of_orders_using_type,
        by_type.orders_all_statuses,
        by_type.payment_rows_all_statuses,
        by_type.payment_value_all_statuses
    from by_type
    cross join paid_orders

)

select * from final
