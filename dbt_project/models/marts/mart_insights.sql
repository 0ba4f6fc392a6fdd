-- Short factual statements about the shop, each with its number, what it is compared with, the
-- count behind it and the mart it comes from. Clickstream statements read the shop's own events
-- (source = 'events'). One row per statement; a statement without data to stand on is left out.
{%- set churn_scores = ml_source_if_built('ml_churn_scores') %}
{%- set customer_segments = ml_source_if_built('ml_customer_segments') %}

with

activity as (

    select * from {{ ref('mart_activity_hour_weekday') }}

),

funnel_steps as (

    select * from {{ ref('mart_funnel_steps') }}

),

product_performance as (

    select * from {{ ref('mart_product_performance') }}

),

conversion_cube as (

    select * from {{ ref('mart_conversion_cube') }}

),

geo_revenue as (

    select * from {{ ref('mart_geo_revenue') }}

),

sales_monthly as (

    select * from {{ ref('mart_sales_monthly') }}

),

-- 1. The weekday and hour when most sessions start.
activity_slots as (

    select
        day_of_week,
        hour_of_day,
        sum(sessions) as sessions
    from activity
    where source = 'events'
    group by day_of_week, hour_of_day

),

peak_slot as (

    select
        day_of_week,
        hour_of_day,
        sessions,
        avg(sessions) over () as average_sessions
    from activity_slots
    order by sessions desc, day_of_week asc, hour_of_day asc
    limit 1

),

peak_activity as (

    select
        'peak_hour_weekday' as insight_id,
        1 as display_order,
        'Sessions peak on ' || {{ weekday_name('day_of_week') }} || 's at '
        || lpad(cast(hour_of_day as text), 2, '0') || ':00: '
        || to_char(sessions, 'FM999,999,990') || ' sessions, '
        || to_char(sessions / nullif(average_sessions, 0), 'FM990.0')
        || ' times the average weekday-hour (' || to_char(average_sessions, 'FM999,999,990.0') || ').'
            as headline,
        {{ weekday_name('day_of_week') }} || ' ' || lpad(cast(hour_of_day as text), 2, '0') || ':00' as subject,
        'sessions' as metric,
        cast(sessions as numeric) as metric_value,
        'average sessions per weekday-hour' as comparison,
        cast(average_sessions as numeric) as comparison_value,
        cast(sessions as bigint) as basis_count,
        'mart_activity_hour_weekday' as source_mart
    from peak_slot

),

-- 2. The funnel step that loses the largest share of the sessions that reach it.
step_totals as (

    select
        step_number,
        step_name,
        sum(sessions_reached) as sessions_reached,
        sum(sessions_dropped) as sessions_dropped
    from funnel_steps
    where period_grain = 'day' and source = 'events' and dimension = 'all' and step_number < 5
    group by step_number, step_name

),

worst_step as (

    select
        *,
        cast(sessions_dropped as numeric) / nullif(sessions_reached, 0) as drop_off_rate
    from step_totals
    where sessions_reached > 0
    order by drop_off_rate desc, step_number asc
    limit 1

),

largest_dropoff as (

    select
        'largest_funnel_dropoff' as insight_id,
        2 as display_order,
        'The funnel loses most after ' || step_name || ': ' || to_char(100 * drop_off_rate, 'FM990.0')
        || '% of the ' || to_char(sessions_reached, 'FM999,999,990')
        || ' sessions that reached it went no further.' as headline,
        step_name as subject,
        'drop-off rate' as metric,
        drop_off_rate as metric_value,
        'sessions that reached the step' as comparison,
        cast(sessions_reached as numeric) as comparison_value,
        cast(sessions_dropped as bigint) as basis_count,
        'mart_funnel_steps' as source_mart
    from worst_step

),

-- 3. The product left in the most abandoned carts, and what was left behind.
top_abandoned_product as (

    select *
    from product_performance
    where source = 'events' and abandoned_cart_lines > 0
    order by abandoned_cart_lines desc, abandoned_value desc, product_id asc
    limit 1

),

most_abandoned_product as (

    select
        'most_abandoned_product' as insight_id,
        3 as display_order,
        'Product ' || product_id || coalesce(' (' || category || ')', '') || ' is the most abandoned: left in '
        || to_char(abandoned_cart_lines, 'FM999,999,990') || ' carts, R$ '
        || to_char(abandoned_value, 'FM999,999,990.00') || ' not bought.' as headline,
        product_id as subject,
        'abandoned carts' as metric,
        cast(abandoned_cart_lines as numeric) as metric_value,
        'abandoned value (R$)' as comparison,
        cast(abandoned_value as numeric) as comparison_value,
        cast(abandoned_cart_lines as bigint) as basis_count,
        'mart_product_performance' as source_mart
    from top_abandoned_product

),

-- 4. The best-converting traffic source among those with enough sessions to tell.
source_conversion as (

    select
        traffic_source,
        sum(sessions) as sessions,
        sum(converted_sessions) as converted_sessions
    from conversion_cube
    where source = 'events'
    group by traffic_source

),

best_source as (

    select
        traffic_source,
        sessions,
        cast(converted_sessions as numeric) / sessions as conversion_rate,
        (select cast(sum(all_sources.converted_sessions) as numeric) from source_conversion as all_sources)
        / (select sum(all_sources.sessions) from source_conversion as all_sources) as overall_rate
    from source_conversion
    where sessions >= {{ var('insight_min_sessions') }}
    order by conversion_rate desc, sessions desc, traffic_source asc
    limit 1

),

best_converting_source as (

    select
        'best_converting_traffic_source' as insight_id,
        4 as display_order,
        'Visitors from ' || traffic_source || ' convert best: ' || to_char(100 * conversion_rate, 'FM990.0')
        || '% of ' || to_char(sessions, 'FM999,999,990') || ' sessions, against '
        || to_char(100 * overall_rate, 'FM990.0') || '% overall (sources with at least '
        || {{ var('insight_min_sessions') }} || ' sessions).' as headline,
        traffic_source as subject,
        'conversion rate' as metric,
        conversion_rate as metric_value,
        'conversion rate of all sessions' as comparison,
        cast(overall_rate as numeric) as comparison_value,
        cast(sessions as bigint) as basis_count,
        'mart_conversion_cube' as source_mart
    from best_source

),

-- 5. The state whose deliveries are most often late, among states with enough deliveries.
latest_state as (

    select
        customer_state,
        state_name,
        delivered_orders,
        cast(late_orders as numeric) / delivered_orders as late_share,
        (select cast(sum(all_states.late_orders) as numeric) from geo_revenue as all_states)
        / nullif((select sum(all_states.delivered_orders) from geo_revenue as all_states), 0) as overall_share
    from geo_revenue
    where delivered_orders >= {{ var('insight_min_delivered_orders') }}
    order by late_share desc, delivered_orders desc, customer_state asc
    limit 1

),

latest_deliveries as (

    select
        'latest_delivering_state' as insight_id,
        5 as display_order,
        coalesce(state_name, customer_state) || ' has the latest deliveries: '
        || to_char(100 * late_share, 'FM990.0') || '% of ' || to_char(delivered_orders, 'FM999,999,990')
        || ' delivered orders arrived after their estimated date, against '
        || to_char(100 * overall_share, 'FM990.0') || '% overall.' as headline,
        customer_state as subject,
        'late share' as metric,
        late_share as metric_value,
        'late share of all delivered orders' as comparison,
        cast(overall_share as numeric) as comparison_value,
        cast(delivered_orders as bigint) as basis_count,
        'mart_geo_revenue' as source_mart
    from latest_state

),

-- 6. The customer segment holding the most revenue at risk: its customers' revenue, each weighted by
-- their churn probability (written by the ML models; left out until they have run).
{% if churn_scores is not none and customer_segments is not none %}

    segment_risk as (

        select
            segments.segment,
            count(*) as customers,
            sum(segments.monetary * scores.churn_probability) as revenue_at_risk,
            sum(sum(segments.monetary * scores.churn_probability)) over () as total_at_risk
        from {{ customer_segments }} as segments
        inner join {{ churn_scores }} as scores
            on segments.customer_unique_id = scores.customer_unique_id
        group by segments.segment

    ),

{% else %}

    segment_risk as (

        select
            cast(null as text) as segment,
            cast(null as bigint) as customers,
            cast(null as numeric) as revenue_at_risk,
            cast(null as numeric) as total_at_risk
        where false

    ),

{% endif %}

riskiest_segment as (

    select *
    from segment_risk
    order by revenue_at_risk desc, segment asc
    limit 1

),

segment_at_risk as (

    select
        'segment_most_revenue_at_risk' as insight_id,
        6 as display_order,
        segment || ' holds the most revenue at risk of churn: R$ ' || to_char(revenue_at_risk, 'FM999,999,990.00')
        || ' (its ' || to_char(customers, 'FM999,999,990') || ' customers'' revenue times their churn '
        || 'probability), of R$ ' || to_char(total_at_risk, 'FM999,999,990.00') || ' in all segments.'
            as headline,
        segment as subject,
        'revenue at risk (R$)' as metric,
        cast(revenue_at_risk as numeric) as metric_value,
        'revenue at risk in all segments (R$)' as comparison,
        cast(total_at_risk as numeric) as comparison_value,
        cast(customers as bigint) as basis_count,
        'ml_customer_segments, ml_churn_scores' as source_mart
    from riskiest_segment

),

-- 7. Revenue of the last complete month (the month before the last order's) against the month before.
complete_months as (

    select
        order_month,
        revenue_all_statuses as revenue,
        orders_all_statuses as orders,
        lag(order_month) over (order by order_month) as previous_month,
        lag(revenue_all_statuses) over (order by order_month) as previous_revenue
    from sales_monthly

),

last_complete_month as (

    select *
    from complete_months
    where
        order_month = (select max(all_months.order_month) from sales_monthly as all_months) - interval '1 month'
        and previous_month = order_month - interval '1 month'

),

revenue_month_over_month as (

    select
        'revenue_month_over_month' as insight_id,
        7 as display_order,
        'Revenue in ' || to_char(order_month, 'FMMonth YYYY') || ' was R$ ' || to_char(revenue, 'FM999,999,990.00')
        || ', ' || to_char(100 * (revenue / nullif(previous_revenue, 0) - 1), 'FMSG990.0') || '% on '
        || to_char(previous_month, 'FMMonth YYYY') || ' (R$ ' || to_char(previous_revenue, 'FM999,999,990.00')
        || ').' as headline,
        to_char(order_month, 'YYYY-MM') as subject,
        'revenue (R$)' as metric,
        cast(revenue as numeric) as metric_value,
        'revenue of the month before (R$)' as comparison,
        cast(previous_revenue as numeric) as comparison_value,
        cast(orders as bigint) as basis_count,
        'mart_sales_monthly' as source_mart
    from last_complete_month

),

final as (

    select * from peak_activity
    union all
    select * from largest_dropoff
    union all
    select * from most_abandoned_product
    union all
    select * from best_converting_source
    union all
    select * from latest_deliveries
    union all
    select * from segment_at_risk
    union all
    select * from revenue_month_over_month

)

select
    cast(insight_id as text) as insight_id,
    cast(display_order as integer) as display_order,
    cast(headline as text) as headline,
    cast(subject as text) as subject,
    cast(metric as text) as metric,
    cast(metric_value as numeric(18, 6)) as metric_value,
    cast(comparison as text) as comparison,
    cast(comparison_value as numeric(18, 6)) as comparison_value,
    cast(basis_count as bigint) as basis_count,
    cast(source_mart as text) as source_mart
from final
