-- One row per reviewed order: its review count and the score of its latest review.
with

order_reviews as (

    select * from {{ ref('stg_olist__order_reviews') }}

),

ranked_reviews as (

    select
        *,
        row_number() over (
            partition by order_id
            order by review_created_at desc nulls last, review_answered_at desc nulls last, review_id desc
        ) as review_rank
    from order_reviews

),

review_totals as (

    select
        order_id,
        cast(count(*) as integer) as review_count
    from order_reviews
    group by order_id

),

final as (

    select
        review_totals.order_id,
        review_totals.review_count,
        ranked_reviews.review_score as latest_review_score
    from review_totals
    inner join ranked_reviews
        on
            review_totals.order_id = ranked_reviews.order_id
            and ranked_reviews.review_rank = 1

)

select * from final
