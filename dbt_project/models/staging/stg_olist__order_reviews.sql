with

source as (

    select * from {{ source('raw', 'olist_order_reviews') }}

),

latest_versions as (

    select
        *,
        {{ latest_version_rank('review_id, order_id') }} as version_rank
    from source

),

final as (

    select
        ---------- ids
        trim(review_id) as review_id,
        trim(order_id) as order_id,

        ---------- strings (comments keep their inner newlines)
        {{ clean_text('review_comment_title') }} as review_comment_title,
        {{ clean_text('review_comment_message') }} as review_comment_message,

        ---------- numerics
        review_score,

        ---------- timestamps (shop-local time, no time zone)
        review_creation_date as review_created_at,
        review_answer_timestamp as review_answered_at,

        ---------- load metadata
        _load_id as load_id,
        _loaded_at as loaded_at

    from latest_versions
    where version_rank = 1

)

select * from final
