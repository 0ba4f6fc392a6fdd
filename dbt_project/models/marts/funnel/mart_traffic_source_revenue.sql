with

orders as (

    select * from {{ ref('fct_orders') }}

),

order_sessions as (

    select * from {{ ref('int_funnel_order_sessions') }}

),

sessions as (

    select * from {{ ref('fct_session_funnel') }}

),

-- Order grain: every order of fct_orders once, with its session's traffic when it has one.
attributed_orders as (

    select
        orders.order_id,
        orders.order_month,
        orders.has_items,
        orders.revenue,
        order_sessions.session_id,
        order_sessions.session_id is not null as has_web_session,
        case
            when order_sessions.session_id is null then 'no web session'
            else sessions.source
        end as source,  -- noqa: RF04
        case
            when order_sessions.session_id is null then 'no web session'
            else sessions.traffic_source
        end as traffic_source,
        case
            when order_sessions.session_id is null then '(none)'
            else coalesce(sessions.utm_campaign, '(none)')
        end as utm_campaign,
        case
            when order_sessions.session_id is null then '(none)'
            else sessions.device_type
        end as device_type
    from orders
    left join order_sessions
        on orders.order_id = order_sessions.order_id
    left join sessions
        on order_sessions.session_id = sessions.session_id

),

final as (

    select
        order_month,
        source,
        traffic_source,
        utm_campaign,
        device_type,
        has_web_session,
        cast(count(*) as integer) as orders,
        cast(count(*) filter (where has_items) as integer) as orders_with_items,
        cast(count(distinct session_id) as integer) as sessions,
        {{ money('sum(revenue)') }} as revenue,
        {{ aov('sum(revenue)', 'count(*) filter (where has_items)') }} as aov
    from attributed_orders
    group by
        order_month,
        source,
        traffic_source,
        utm_campaign,
        device_type,
        has_web_session

)

select * from final
