with

order_payments as (

    select * from {{ ref('stg_olist__order_payments') }}

),

orders as (

    select * from {{ ref('fct_orders') }}

),

final as (

    select
        order_payments.order_id,
        order_payments.payment_sequential,
        orders.customer_unique_id,
        orders.order_status,
        order_payments.payment_type,
        order_payments.payment_installments,
        order_payments.payment_value,
        orders.purchased_at,
        orders.order_date,
        orders.order_month
    from order_payments
    left join orders
        on order_payments.order_id = orders.order_id

)

select * from final
