with

order_items as (

    select * from {{ ref('fct_order_items') }}

),

order_reviews as (

    select * from {{ ref('fct_order_reviews') }}

),

category_sales as (

    select
        product_category,
        cast(count(distinct order_id) as integer) as orders,
        cast(count(*) as integer) as items,
        sum(price) as items_price,
        sum(freight) as items_freight,
        sum(revenue) as revenue
    from order_items
    group by product_category

),

category_orders as (

    select distinct
        product_category,
        order_id
    from order_items

),

category_reviews as (

    -- Each review of an order counts once for every category the order contains.
    select
        category_orders.product_category,
        cast(count(*) as integer) as review_count,
        cast(sum(order_reviews.review_score) as integer) as review_score_total
    from category_orders
    inner join order_reviews
        on category_orders.order_id = order_reviews.order_id
    group by category_orders.product_category

),

final as (

    select
        category_sales.product_category,
        category_sales.orders,
        category_sales.items,
        category_sales.items_price,
        category_sales.items_freight,
        category_sales.revenue,
        coalesce(category_reviews.review_count, 0) as review_count,
        coalesce(category_reviews.review_score_total, 0) as review_score_total,
        {{ mean_of('category_reviews.review_score_total', 'category_reviews.review_count', 6, 4) }}
            as avg_review_score
    from category_sales
    left join category_reviews
        on category_sales.product_category = category_reviews.product_category

)

select * from final
