-- Payments summed to order grain; the main payment is the largest one (ties: the first in sequence).
with

order_payments as (

    select * from {{ ref('stg_olist__order_payments') }}

),

ranked_payments as (

    select
        *,
        row_number() over (
            partition by order_id
            order by payment_value desc, payment_sequential asc
        ) as payment_rank
    from order_payments

),

main_payments as (

    select
        order_id,
        payment_type,
        payment_installments
    from ranked_payments
    where payment_rank = 1

),

payment_totals as (

    select
        order_id,
        cast(count(*) as integer) as payment_rows,
        sum(payment_value) as payment_value
    from order_payments
    group by order_id

),

final as (

    select
        payment_totals.order_id,
        payment_totals.payment_rows,
        payment_totals.payment_value,
        main_payments.payment_type,
        main_payments.payment_installments
    from payment_totals
    inner join main_payments
        on payment_totals.order_id = main_payments.order_id

)

select * from final
