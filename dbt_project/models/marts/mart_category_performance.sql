-- Performance per product category, counting distinct orders. The plain measures are the headline
-- (placed orders; see order_status_group); *_all_statuses count every order.
with

order_items as (

    select
        *,
        {{ order_status_group('order_status') }} as order_status_group
    from {{ ref('fct_order_items') }}

),

order_reviews as (

    select * from {{ ref('fct_order_reviews') }}

),

category_sales as (

    select
        product_category,
        cast(count(distinct order_id) filter (where order_status_group = 'placed') as integer) as orders,
        cast(count(*) filter (where order_status_group = 'placed') as integer) as items,
        coalesce(sum(price) filter (where order_status_group = 'placed'), 0) as items_price,
        coalesce(sum(freight) filter (where order_status_group = 'placed'), 0) as items_freight,
        coalesce(sum(revenue) filter (where order_status_group = 'placed'), 0) as revenue,
        cast(count(distinct order_id) as integer) as orders_all_statuses,
        sum(revenue) as revenue_all_statuses
    from order_items
    group by product_category

),

category_orders as (

    select distinct
        product_category,
        order_id
    from order_items
    where order_status_group = 'placed'

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
        category_sales.orders_all_statuses,
        category_sales.revenue_all_statuses,
        coalesce(category_reviews.review_count, 0) as review_count,
        coalesce(category_reviews.review_score_total, 0) as review_score_total,
        {{ mean_of('category_reviews.review_score_total', 'category_reviews.review_count', 6, 4) }}
            as avg_review_score
    from category_sales
    left join category_reviews
        on category_sales.product_category = category_reviews.product_category

)

select * from final
