with

order_reviews as (

    select * from {{ ref('stg_olist__order_reviews') }}

),

orders as (

    select * from {{ ref('fct_orders') }}

),

final as (

    select
        order_reviews.review_id,
        order_reviews.order_id,
        orders.customer_unique_id,
        orders.order_status,
        order_reviews.review_score,
        order_reviews.review_comment_title,
        order_reviews.review_comment_message,
        (
            order_reviews.review_comment_title is not null
            or order_reviews.review_comment_message is not null
        ) as has_comment,
        order_reviews.review_created_at,
        order_reviews.review_answered_at,
        orders.purchased_at,
        orders.order_month
    from order_reviews
    left join orders
        on order_reviews.order_id = orders.order_id

)

select * from final
