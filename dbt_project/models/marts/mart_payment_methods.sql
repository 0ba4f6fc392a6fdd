with

order_payments as (

    select * from {{ ref('fct_order_payments') }}

),

paid_orders as (

    select cast(count(distinct order_id) as integer) as total_orders
    from order_payments

),

by_type as (

    select
        payment_type,
        cast(count(distinct order_id) as integer) as orders,
        cast(count(*) as integer) as payment_rows,
        sum(payment_value) as payment_value,
        avg(payment_installments) as avg_installments
    from order_payments
    group by payment_type

),

final as (

    select
        by_type.payment_type,
        by_type.orders,
        by_type.payment_rows,
        by_type.payment_value,
        by_type.avg_installments,
        paid_orders.total_orders,
        {{ rate('by_type.orders', 'paid_orders.total_orders') }} as share_of_orders_using_type
    from by_type
    cross join paid_orders

)

select * from final
