-- Products with the category name the marts show: English, else Portuguese, else 'unknown'.
with

products as (

    select * from {{ ref('stg_olist__products') }}

),

category_translation as (

    select * from {{ ref('stg_olist__category_translation') }}

),

final as (

    select
        products.product_id,
        products.product_category_name,
        category_translation.product_category_name_english,
        case
            when products.product_category_name is null then 'unknown'
            else coalesce(category_translation.product_category_name_english, products.product_category_name)
        end as product_category,
        products.product_name_length,
        products.product_description_length,
        products.product_photos_qty,
        products.product_weight_g,
        products.product_length_cm,
        products.product_height_cm,
        products.product_width_cm
    from products
    left join category_translation
        on products.product_category_name = category_translation.product_category_name

)

select * from final
