-- Each order numbered within its person (customer_unique_id): 1 is the first purchase.
with

orders as (

    select * from {{ ref('int_orders_enriched') }}

),

numbered as (

    select
        order_id,
        customer_unique_id,
        purchased_at,
        cast(row_number() over (
            partition by customer_unique_id
            order by purchased_at asc, order_id asc
        ) as integer) as order_sequence
    from orders

),

final as (

    select
        *,
        order_sequence = 1 as is_first_order
    from numbered

)

select * from final
