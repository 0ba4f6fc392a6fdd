-- Sessions, conversions, revenue, bounces and engagement by month, outcome (converted or not) and
-- every dimension the conversion pages break down or filter by. Any breakdown (weekday/weekend, month, browser, OS,
-- region, traffic source, visitor type, special-day closeness, browser x OS, weekend x traffic
-- source) under any filter is a sum over these rows, with an index on every filter column.
-- The grain is the month, not the week, and the weekend flag, not the weekday: with weeks and
-- weekdays, 10M generated events gave a cube of 28 % of the sessions' row count; this grain gives
-- 8 %. The outcome in the grain lets the engagement of converted vs other sessions be summed too:
-- its spread is counted in bands (engagement_bands), because percentiles would need every session.
-- Weekday detail is in mart_conversion_weekday_traffic and mart_activity_hour_weekday.
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_periods',
        replace_periods=[{'grain': 'month', 'column': 'built.session_month'}],
        indexes=[
            {'columns': ['session_month']},
            {'columns': ['source']},
            {'columns': ['month_of_year']},
            {'columns': ['browser', 'os']},
            {'columns': ['region']},
            {'columns': ['traffic_source']},
            {'columns': ['device_type']},
            {'columns': ['visitor_type']},
        ],
    )
}}

-- depends_on: {{ ref('int_session_changes') }} (the changed periods, in incremental runs)

with

sessions as (

    {{ sessions_to_refresh(ref('fct_sessions'), 'month') }}

),

dimensions as (

    select
        -- UCI sessions have no date, so no month start (month_of_year only).
        {{ month_start('session_date') }} as session_month,
        source,
        month_of_year,
        is_weekend,
        coalesce(browser, 'unknown') as browser,
        coalesce(os, 'unknown') as os,
        coalesce(device_type, 'unknown') as device_type,
        coalesce(region, 'unknown') as region,
        coalesce(traffic_source, 'unknown') as traffic_source,
        visitor_type,
        special_day_closeness,
        converted,
        is_bounce,
        revenue,
        duration_seconds,
        page_views,
        events,
        product_views,
        adds_to_cart,
        checkouts,
        purchases,
        orders,
        administrative_pages,
        administrative_duration_seconds,
        informational_pages,
        informational_duration_seconds,
        product_related_pages,
        product_related_duration_seconds,
        bounce_rate,
        exit_rate,
        page_value
    from sessions

),

aggregated as (

    select
        session_month,
        source,
        month_of_year,
        is_weekend,
        browser,
        os,
        device_type,
        region,
        traffic_source,
        visitor_type,
        special_day_closeness,
        converted,
        cast(count(*) as integer) as sessions,
        cast(count(*) filter (where converted) as integer) as converted_sessions,
        cast(count(*) filter (where is_bounce) as integer) as bounces,
        sum(revenue) as revenue,
        sum(duration_seconds) as duration_seconds,
        cast(sum(page_views) as bigint) as page_views,
        cast(sum(events) as bigint) as events,
        cast(sum(product_views) as bigint) as product_views,
        cast(sum(adds_to_cart) as bigint) as adds_to_cart,
        cast(sum(checkouts) as bigint) as checkouts,
        cast(sum(purchases) as bigint) as purchases,
        cast(sum(orders) as bigint) as orders,
        cast(sum(administrative_pages) as bigint) as administrative_pages,
        sum(administrative_duration_seconds) as administrative_duration_seconds,
        cast(sum(informational_pages) as bigint) as informational_pages,
        sum(informational_duration_seconds) as informational_duration_seconds,
        cast(sum(product_related_pages) as bigint) as product_related_pages,
        sum(product_related_duration_seconds) as product_related_duration_seconds,
        sum(bounce_rate) as uci_bounce_rate_sum,
        sum(exit_rate) as uci_exit_rate_sum,
        sum(page_value) as uci_page_value_sum,
        {{ engagement_band_counts() }}
    from dimensions
    group by
        session_month,
        source,
        month_of_year,
        is_weekend,
        browser,
        os,
        device_type,
        region,
        traffic_source,
        visitor_type,
        special_day_closeness,
        converted

),

final as (

    select
        session_month,
        source,
        month_of_year,
        is_weekend,
        browser,
        os,
        device_type,
        region,
        traffic_source,
        visitor_type,
        special_day_closeness,
        converted,
        sessions,
        converted_sessions,
        {{ rate('converted_sessions', 'sessions') }} as conversion_rate,
        bounces,
        {{ rate('bounces', 'sessions') }} as bounce_rate,
        {{ money('revenue') }} as revenue,
        cast(duration_seconds as numeric(18, 2)) as duration_seconds,
        cast({{ safe_divide('duration_seconds', 'sessions') }} as numeric(18, 2)) as avg_duration_seconds,
        page_views,
        events,
        product_views,
        adds_to_cart,
        checkouts,
        purchases,
        orders,
        administrative_pages,
        cast(administrative_duration_seconds as numeric(18, 2)) as administrative_duration_seconds,
        informational_pages,
        cast(informational_duration_seconds as numeric(18, 2)) as informational_duration_seconds,
        product_related_pages,
        cast(product_related_duration_seconds as numeric(18, 2)) as product_related_duration_seconds,
        cast(uci_bounce_rate_sum as numeric(18, 6)) as uci_bounce_rate_sum,
        cast(uci_exit_rate_sum as numeric(18, 6)) as uci_exit_rate_sum,
        cast(uci_page_value_sum as numeric(18, 6)) as uci_page_value_sum,
        {{ engagement_bands() | map(attribute='column') | join(',\n        ') }},
        now() as refreshed_at
    from aggregated

)

select * from final
