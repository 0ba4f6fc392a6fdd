-- One row per session: the event sessions (int_events_sessionized) and the UCI sessions, which
-- have no events and no timestamps. Incremental: the visitors re-sessionized since the last run
-- get all their sessions rewritten (delete + insert on event_source, user_id); the UCI sessions
-- are small and rewritten on every run (the pre-hook deletes them, the batch brings them back).
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['source', 'user_id'],
        on_schema_change='fail',
        pre_hook="{% if is_incremental() %}delete from {{ this }} where source = 'uci'{% endif %}",
        indexes=[
            {'columns': ['session_id'], 'unique': True},
            {'columns': ['source', 'user_id']},
            {'columns': ['sessionized_at']},
            {'columns': ['session_date']},
        ],
    )
}}

with

events as (

    select * from {{ ref('int_events_sessionized') }}

),

uci_sessions as (

    select * from {{ ref('stg_uci__sessions') }}

),

special_day_closeness as (

    select * from {{ ref('int_special_day_closeness') }}

),

{% if is_incremental() %}

    -- The visitors whose sessions were recomputed since this table's last run: all their events.
    batch_events as (

        select * from events
        where sessionized_at > (
            select coalesce(max(built.sessionized_at), '-infinity')
            from {{ this }} as built
            where built.source <> 'uci'
        )

    ),

{% else %}

    batch_events as (

        select * from events

    ),

{% endif %}

-- Per event: is it a page load, which UCI page group is its page, and how long until the next
-- event of the session (the time spent on the page it happened on; 0 for the last event).
classified_events as (

    select
        *,
        event_type in ('page_view', 'product_view') as is_page_load,
        {{ uci_page_group('page_type') }} as page_group,
        extract(epoch from coalesce(
            lead(event_time) over (
                partition by event_source, user_id, session_number
                order by event_seq
            ) - event_time,
            interval '0 seconds'
        )) as dwell_seconds
    from batch_events

),

-- Grouped by visitor and session number rather than session_id: int_events_sessionized is
-- written in visitor order, so this reads it almost sequentially instead of sorting it.
event_sessions as (

    select
        event_source,
        user_id,
        session_number,
        min(session_id) as session_id,
        max(sessionized_at) as sessionized_at,
        coalesce(min(source_session_id) filter (where event_seq = 1), min(source_session_id)) as source_session_id,
        min(event_time) as started_at,
        max(event_time) as ended_at,

        ---------- counts
        count(*) as events,
        count(*) filter (where is_page_load) as page_views,
        count(*) filter (where event_type = 'product_view') as product_views,
        count(distinct product_id) filter (where event_type = 'product_view') as products_viewed,
        count(*) filter (where event_type = 'search') as searches,
        count(*) filter (where event_type = 'add_to_cart') as adds_to_cart,
        count(*) filter (where event_type = 'remove_from_cart') as removes_from_cart,
        count(*) filter (where event_type = 'begin_checkout') as checkouts,
        count(*) filter (where is_purchase) as purchases,
        count(distinct order_id) filter (where is_purchase) as orders,
        string_agg(distinct order_id, ',') filter (where is_purchase) as order_ids,
        count(*) filter (where event_type = 'error') as errors,
        sum(price * coalesce(quantity, 1)) filter (where is_purchase) as revenue,

        ---------- engagement, in UCI's page groups
        count(*) filter (where is_page_load and page_group = 'administrative') as administrative_pages,
        sum(dwell_seconds) filter (where page_group = 'administrative') as administrative_duration_seconds,
        count(*) filter (where is_page_load and page_group = 'informational') as informational_pages,
        sum(dwell_seconds) filter (where page_group = 'informational') as informational_duration_seconds,
        count(*) filter (where is_page_load and page_group = 'product_related') as product_related_pages,
        sum(dwell_seconds) filter (where page_group = 'product_related') as product_related_duration_seconds,

        ---------- pages
        (array_agg(page_path order by event_seq) filter (where is_page_load)) as page_paths,
        (array_agg(page_type order by event_seq) filter (where is_page_load)) as page_types,

        ---------- dimensions: the first event's value (the landing hit), else any event's
        coalesce(min(browser) filter (where event_seq = 1), min(browser)) as browser,
        coalesce(min(os) filter (where event_seq = 1), min(os)) as os,
        coalesce(min(device_type) filter (where event_seq = 1), min(device_type)) as device_type,
        coalesce(min(country) filter (where event_seq = 1), min(country)) as country,
        coalesce(min(region) filter (where event_seq = 1), min(region)) as region,
        coalesce(min(traffic_source) filter (where event_seq = 1), min(traffic_source)) as traffic_source,
        coalesce(min(referrer) filter (where event_seq = 1), min(referrer)) as referrer,
        coalesce(min(utm_campaign) filter (where event_seq = 1), min(utm_campaign)) as utm_campaign,
        max(customer_id) as customer_id
    from classified_events
    group by event_source, user_id, session_number

),

event_sessions_dated as (

    select
        event_sessions.*,
        cast({{ shop_local_time('event_sessions.started_at') }} as date) as session_date,
        cast({{ shop_local_time('event_sessions.started_at') }} as timestamp) as started_at_local
    from event_sessions

),

event_facts as (

    select
        ---------- ids
        event_sessions_dated.session_id,
        event_sessions_dated.event_source as source,  -- noqa: RF04
        event_sessions_dated.source_session_id,
        event_sessions_dated.user_id,
        event_sessions_dated.customer_id,
        cast(event_sessions_dated.session_number as integer) as session_number,

        ---------- when (calendar attributes in the shop's time zone)
        event_sessions_dated.started_at,
        event_sessions_dated.ended_at,
        event_sessions_dated.session_date,
        cast(extract(isodow from event_sessions_dated.started_at_local) as integer) as day_of_week,
        cast(extract(hour from event_sessions_dated.started_at_local) as integer) as hour_of_day,
        cast(extract(month from event_sessions_dated.started_at_local) as integer) as month_of_year,
        extract(isodow from event_sessions_dated.started_at_local) in (6, 7) as is_weekend,
        cast(coalesce(special_day_closeness.special_day_closeness, 0) as numeric(3, 1)) as special_day_closeness,

        ---------- counts
        cast(event_sessions_dated.events as integer) as events,
        cast(event_sessions_dated.page_views as integer) as page_views,
        cast(event_sessions_dated.product_views as integer) as product_views,
        cast(event_sessions_dated.products_viewed as integer) as products_viewed,
        cast(event_sessions_dated.searches as integer) as searches,
        cast(event_sessions_dated.adds_to_cart as integer) as adds_to_cart,
        cast(event_sessions_dated.removes_from_cart as integer) as removes_from_cart,
        cast(event_sessions_dated.checkouts as integer) as checkouts,
        cast(event_sessions_dated.purchases as integer) as purchases,
        cast(event_sessions_dated.orders as integer) as orders,
        event_sessions_dated.order_ids,
        cast(event_sessions_dated.errors as integer) as errors,

        ---------- engagement
        {{ seconds('extract(epoch from event_sessions_dated.ended_at - event_sessions_dated.started_at)') }}
            as duration_seconds,
        cast(event_sessions_dated.administrative_pages as integer) as administrative_pages,
        {{ seconds('coalesce(event_sessions_dated.administrative_duration_seconds, 0)') }}
            as administrative_duration_seconds,
        cast(event_sessions_dated.informational_pages as integer) as informational_pages,
        {{ seconds('coalesce(event_sessions_dated.informational_duration_seconds, 0)') }}
            as informational_duration_seconds,
        cast(event_sessions_dated.product_related_pages as integer) as product_related_pages,
        {{ seconds('coalesce(event_sessions_dated.product_related_duration_seconds, 0)') }}
            as product_related_duration_seconds,
        -- GA's page-level rates and page value are averages over all visitors, not facts of one
        -- session: UCI's own columns only (is_bounce and exit_page are the session's facts).
        cast(null as numeric(9, 6)) as bounce_rate,
        cast(null as numeric(9, 6)) as exit_rate,
        cast(null as numeric(18, 6)) as page_value,

        ---------- outcome
        event_sessions_dated.events = 1 as is_bounce,
        event_sessions_dated.purchases > 0 as converted,
        {{ money('coalesce(event_sessions_dated.revenue, 0)') }} as revenue,

        ---------- pages
        event_sessions_dated.page_paths[1] as landing_page,
        event_sessions_dated.page_types[1] as landing_page_type,
        event_sessions_dated.page_paths[cardinality(event_sessions_dated.page_paths)] as exit_page,
        event_sessions_dated.page_types[cardinality(event_sessions_dated.page_types)] as exit_page_type,

        ---------- dimensions
        coalesce(event_sessions_dated.browser, 'unknown') as browser,
        coalesce(event_sessions_dated.os, 'unknown') as os,
        coalesce(event_sessions_dated.device_type, 'unknown') as device_type,
        coalesce(event_sessions_dated.country, 'unknown') as country,
        coalesce(event_sessions_dated.region, 'unknown') as region,
        coalesce(event_sessions_dated.traffic_source, 'unknown') as traffic_source,
        event_sessions_dated.referrer,
        event_sessions_dated.utm_campaign,
        case when event_sessions_dated.session_number = 1 then 'new' else 'returning' end as visitor_type,

        ---------- bookkeeping
        event_sessions_dated.sessionized_at
    from event_sessions_dated
    left join special_day_closeness
        on event_sessions_dated.session_date = special_day_closeness.calendar_date

),

uci_facts as (

    select
        ---------- ids
        uci_sessions.session_id,
        cast('uci' as text) as source,  -- noqa: RF04
        cast(null as text) as source_session_id,
        cast(null as text) as user_id,
        cast(null as text) as customer_id,
        cast(null as integer) as session_number,

        ---------- when: UCI gives only the month and whether it was a weekend
        cast(null as timestamptz) as started_at,
        cast(null as timestamptz) as ended_at,
        cast(null as date) as session_date,
        cast(null as integer) as day_of_week,
        cast(null as integer) as hour_of_day,
        uci_sessions.month_of_year,
        uci_sessions.is_weekend,
        cast(uci_sessions.special_day_closeness as numeric(3, 1)) as special_day_closeness,

        ---------- counts: pages only (UCI has no events)
        cast(null as integer) as events,
        uci_sessions.administrative_pages + uci_sessions.informational_pages
        + uci_sessions.product_related_pages as page_views,
        uci_sessions.product_related_pages as product_views,
        cast(null as integer) as products_viewed,
        cast(null as integer) as searches,
        cast(null as integer) as adds_to_cart,
        cast(null as integer) as removes_from_cart,
        cast(null as integer) as checkouts,
        cast(null as integer) as purchases,
        cast(null as integer) as orders,
        cast(null as text) as order_ids,
        cast(null as integer) as errors,

        ---------- engagement
        {{ seconds('uci_sessions.administrative_duration_seconds + uci_sessions.informational_duration_seconds'
            ~ ' + uci_sessions.product_related_duration_seconds') }} as duration_seconds,
        uci_sessions.administrative_pages,
        {{ seconds('uci_sessions.administrative_duration_seconds') }} as administrative_duration_seconds,
        uci_sessions.informational_pages,
        {{ seconds('uci_sessions.informational_duration_seconds') }} as informational_duration_seconds,
        uci_sessions.product_related_pages,
        {{ seconds('uci_sessions.product_related_duration_seconds') }} as product_related_duration_seconds,
        cast(uci_sessions.bounce_rate as numeric(9, 6)) as bounce_rate,
        cast(uci_sessions.exit_rate as numeric(9, 6)) as exit_rate,
        cast(uci_sessions.page_value as numeric(18, 6)) as page_value,

        ---------- outcome
        uci_sessions.administrative_pages + uci_sessions.informational_pages
        + uci_sessions.product_related_pages <= 1 as is_bounce,
        uci_sessions.converted,
        cast(null as numeric(18, 2)) as revenue,

        ---------- pages: unknown
        cast(null as text) as landing_page,
        cast(null as text) as landing_page_type,
        cast(null as text) as exit_page,
        cast(null as text) as exit_page_type,

        ---------- dimensions: the file's codes
        uci_sessions.browser,
        uci_sessions.os,
        cast('unknown' as text) as device_type,
        cast('unknown' as text) as country,
        uci_sessions.region,
        uci_sessions.traffic_source,
        cast(null as text) as referrer,
        cast(null as text) as utm_campaign,
        uci_sessions.visitor_type,

        ---------- bookkeeping
        cast(null as timestamptz) as sessionized_at
    from uci_sessions

),

final as (

    select * from event_facts
    union all
    select * from uci_facts

)

select * from final
