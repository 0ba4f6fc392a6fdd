with

source as (

    select * from {{ source('raw', 'olist_order_reviews') }}

),

renamed as (

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
        _load_id,
        _line_number,
        _loaded_at

    from source

),

-- A newer export of an order carries all of its reviews: only the newest load that contains the
-- order counts, so a review record missing from it is gone (not kept from an older export).
latest_loads as (

    select
        *,
        {{ latest_load_rank('order_id') }} as load_rank
    from renamed

),

latest_versions as (

    select
        *,
        {{ latest_version_rank('review_id, order_id') }} as version_rank
    from latest_loads
    where load_rank = 1

),

final as (

    select
        review_id,
        order_id,
        review_comment_title,
        review_comment_message,
        review_score,
        review_created_at,
        review_answered_at,
        _load_id as load_id,
        _loaded_at as loaded_at
    from latest_versions
    where version_rank = 1

)

select * from final
