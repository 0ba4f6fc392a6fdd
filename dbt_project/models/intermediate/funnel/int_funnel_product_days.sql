-- One row per product and day (the day its sessions started, in their source's time zone): the
-- additive counts of mart_product_performance, so that mart sums days instead of reading every
-- session. Incremental: the days whose sessions changed are recomputed (replace_periods).
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_periods',
        replace_periods=[{'grain': 'day', 'column': 'built.session_date'}],
        indexes=[
            {'columns': ['source', 'product_id']},
            {'columns': ['refreshed_at']},
        ],
        post_hook=["{{ analyze_after_build() }}", "{{ analyze_new_rows('refreshed_at') }}"],
    )
}}

-- depends_on: {{ ref('int_session_changes') }} (the changed periods, in incremental runs)

with

session_products as (

    {{ sessions_to_refresh(ref('int_funnel_session_products'), 'day') }}

),

final as (

    select
        source,
        product_id,
        session_date,
        max(category) as category,
        max(brand) as brand,
        {{ catalog_counts() }},
        now() as refreshed_at
    from session_products
    group by source, product_id, session_date

)

select * from final
