-- One row per session: the event sessions (int_sessions_aggregated) and the UCI sessions, which
-- have no events and no timestamps. A session's calendar fields are its source's wall-clock time
-- (var session_time_zones). Incremental by visitor: the visitors with sessions (re)built since
-- the last run get all their sessions rewritten and renumbered; UCI sessions only when a new UCI
-- export was loaded. A row's updated_at changes only when its content does, so the aggregate
-- marts downstream recompute only the periods that changed.
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_visitors',
        indexes=[
            {'columns': ['source', 'user_id']},
            {'columns': ['updated_at']},
            {'columns': ['source', 'session_date']},
        ],
        post_hook="{{ analyze_new_rows('updated_at') }}",
    )
}}

with

aggregated_sessions as (

    select * from {{ ref('int_sessions_aggregated') }}

),

uci_sessions as (

    select * from {{ ref('stg_uci__sessions') }}

),

special_day_closeness as (

    select * from {{ ref('int_special_day_closeness') }}

),

{% if is_incremental() %}

    -- Not materialized: read through the indexes (updated_at, session_id), never copied.
    built_sessions as not materialized (

        select * from {{ this }}
        where source <> 'uci'

    ),

    -- The visitors with a session (re)built since this table's last run: all their sessions.
    changed_visitors as (

        select distinct
            source,
            user_id
        from aggregated_sessions
        where updated_at > {{ watermark(this, 'updated_at', "source <> 'uci'") }}

    ),

    visitor_sessions as (

        select aggregated_sessions.*
        from aggregated_sessions
        inner join changed_visitors
            on
                aggregated_sessions.source = changed_visitors.source
                and aggregated_sessions.user_id = changed_visitors.user_id

    ),

{% else %}

    visitor_sessions as (

        select * from aggregated_sessions

    ),

{% endif %}

-- A visitor's sessions in time order: the first is their new visit, the others returning ones.
numbered_sessions as (

    select
        *,
        cast(row_number() over (partition by source, user_id order by started_at, session_id) as integer)
            as session_number,
        {{ source_local_time('started_at', 'source') }} as started_at_local
    from visitor_sessions

),

event_facts as (

    select
        ---------- ids
        numbered_sessions.session_id,
        numbered_sessions.source,
        numbered_sessions.source_session_id,
        numbered_sessions.user_id,
        numbered_sessions.customer_id,
        numbered_sessions.session_number,

        ---------- when (calendar attributes in the source's time zone)
        numbered_sessions.started_at,
        numbered_sessions.ended_at,
        cast(numbered_sessions.started_at_local as date) as session_date,
        cast(extract(isodow from numbered_sessions.started_at_local) as integer) as day_of_week,
        cast(extract(hour from numbered_sessions.started_at_local) as integer) as hour_of_day,
        cast(extract(month from numbered_sessions.started_at_local) as integer) as month_of_year,
        extract(isodow from numbered_sessions.started_at_local) in (6, 7) as is_weekend,
        cast(coalesce(special_day_closeness.special_day_closeness, 0) as numeric(3, 1)) as special_day_closeness,

        ---------- counts
        numbered_sessions.events,
        numbered_sessions.page_views,
        numbered_sessions.product_views,
        numbered_sessions.products_viewed,
        numbered_sessions.searches,
        numbered_sessions.adds_to_cart,
        numbered_sessions.removes_from_cart,
        numbered_sessions.checkouts,
        numbered_sessions.purchases,
        numbered_sessions.orders,
        numbered_sessions.order_ids,
        numbered_sessions.errors,

        ---------- engagement
        {{ seconds('extract(epoch from numbered_sessions.ended_at - numbered_sessions.started_at)') }}
            as duration_seconds,
        numbered_sessions.administrative_pages,
        numbered_sessions.administrative_duration_seconds,
        numbered_sessions.informational_pages,
        numbered_sessions.informational_duration_seconds,
        numbered_sessions.product_related_pages,
        numbered_sessions.product_related_duration_seconds,
        -- GA's page-level rates and page value are averages over all visitors, not facts of one
        -- session: UCI's own columns only (is_bounce and exit_page are the session's facts).
        cast(null as numeric(9, 6)) as bounce_rate,
        cast(null as numeric(9, 6)) as exit_rate,
        cast(null as numeric(18, 6)) as page_value,

        ---------- outcome
        numbered_sessions.events = 1 as is_bounce,
        numbered_sessions.converted,
        numbered_sessions.revenue,

        ---------- pages
        numbered_sessions.landing_page,
        numbered_sessions.landing_page_type,
        numbered_sessions.exit_page,
        numbered_sessions.exit_page_type,

        ---------- dimensions ('unknown' where the events name none)
        coalesce(numbered_sessions.browser, 'unknown') as browser,
        coalesce(numbered_sessions.os, 'unknown') as os,
        coalesce(numbered_sessions.device_type, 'unknown') as device_type,
        coalesce(numbered_sessions.country, 'unknown') as country,
        coalesce(numbered_sessions.region, 'unknown') as region,
        coalesce(numbered_sessions.traffic_source, 'unknown') as traffic_source,
        numbered_sessions.referrer,
        numbered_sessions.utm_campaign,
        case when numbered_sessions.session_number = 1 then 'new' else 'returning' end as visitor_type,

        ---------- bookkeeping: unchanged rows keep their time, so only real changes flow downstream
        {% if is_incremental() %}
            case
                when
                    built.session_id is null
                    or numbered_sessions.updated_at > built.updated_at
                    or built.session_number <> numbered_sessions.session_number
                    then now()
                else built.updated_at
            end as updated_at
        {% else %}
            now() as updated_at
        {% endif %}
    from numbered_sessions
    left join special_day_closeness
        on cast(numbered_sessions.started_at_local as date) = special_day_closeness.calendar_date
    {% if is_incremental() %}
        left join built_sessions as built  -- noqa: ST11
            on numbered_sessions.session_id = built.session_id
    {% endif %}

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
        now() as updated_at
    from uci_sessions
    {% if is_incremental() %}
        -- Rewritten only when a new UCI export was loaded (its sessions' ids name their load).
        where exists (
            select from uci_sessions as staged
            left join {{ this }} as built
                on staged.session_id = built.session_id
            where built.session_id is null
        )
    {% endif %}

),

final as (

    select * from event_facts
    union all
    select * from uci_facts

)

select * from final
