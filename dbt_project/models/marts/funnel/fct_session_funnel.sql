-- One row per event session: the funnel steps it reached in strict order, where and why it
-- dropped out, and its cart (doc blocks funnel_steps, drop_off_reason, cart_abandonment), with
-- the dimensions of fct_sessions. Incremental by session: the sessions fct_sessions rewrote since
-- the last run (renumbered ones too: their visitor type changed) replace their rows.
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_sessions',
        indexes=[
            {'columns': ['source', 'session_date']},
            {'columns': ['source', 'user_id']},
            {'columns': ['updated_at']},
        ],
    )
}}

-- depends_on: {{ ref('int_events_sessionized') }} (the replace_sessions strategy reads it)

with

sessions as (

    select * from {{ ref('fct_sessions') }}

),

aggregated_sessions as (

    select * from {{ ref('int_sessions_aggregated') }}

),

refreshed_sessions as (

    select * from sessions
    where
        source <> 'uci'
        {% if is_incremental() %}
            and updated_at > {{ watermark(this, 'updated_at') }}
        {% endif %}

),

funnel_sessions as (

    select
        *,
        units_added > 0 and units_removed >= units_added as emptied_cart,
        -- Entered the funnel (a product view) but did not reach the purchase step in order.
        case when furthest_step_number between 1 and 4 then furthest_step_number end as dropped_after_step_number
    from aggregated_sessions

),

final as (

    select
        ---------- ids
        aggregated.session_id,
        aggregated.user_id,
        sessions.source,  -- noqa: RF04

        ---------- when (the source's calendar day, as in fct_sessions)
        sessions.session_date,
        cast({{ dbt.date_trunc('week', 'sessions.session_date') }} as date) as session_week,
        sessions.is_weekend,
        aggregated.started_at,
        aggregated.ended_at,

        ---------- dimensions (those of fct_sessions, so funnel and conversion marts agree)
        sessions.device_type,
        sessions.browser,
        sessions.os,
        sessions.region,
        sessions.traffic_source,
        sessions.visitor_type,
        sessions.utm_campaign,

        ---------- funnel steps, in strict order
        aggregated.events,
        aggregated.furthest_step_number >= 1 as reached_product_view,
        aggregated.furthest_step_number >= 2 as reached_add_to_cart,
        aggregated.furthest_step_number >= 3 as reached_cart,
        aggregated.furthest_step_number >= 4 as reached_checkout,
        aggregated.furthest_step_number >= 5 as reached_purchase,
        aggregated.product_view_at,
        aggregated.add_to_cart_at,
        aggregated.cart_at,
        aggregated.checkout_at,
        aggregated.purchase_at,
        aggregated.furthest_step_number,
        {{ funnel_step_name('aggregated.furthest_step_number') }} as furthest_step,
        aggregated.converted,

        ---------- drop-off: where and why (see the doc block drop_off_reason)
        aggregated.dropped_after_step_number,
        {{ funnel_step_name('aggregated.dropped_after_step_number') }} as dropped_after_step,
        case
            when aggregated.dropped_after_step_number is null then null
            when aggregated.converted then 'purchased out of order'
            when aggregated.first_error_message is not null
                then {{ error_category('aggregated.first_error_message') }}
            when aggregated.has_cancel_order then 'cancelled order'
            when aggregated.emptied_cart then 'emptied cart'
            else 'no error'
        end as drop_off_reason,
        aggregated.errors as error_events,
        aggregated.first_error_message,
        aggregated.has_cancel_order,

        ---------- cart
        aggregated.adds_to_cart as cart_adds,
        aggregated.units_added,
        aggregated.removes_from_cart as cart_removals,
        aggregated.units_removed,
        aggregated.cart_lines,
        aggregated.adds_to_cart > 0 as has_cart,
        aggregated.adds_to_cart > 0 and not aggregated.converted as is_cart_abandoned,
        aggregated.emptied_cart,
        aggregated.abandoned_cart_lines,
        aggregated.abandoned_value,

        ---------- bookkeeping
        now() as updated_at
    from refreshed_sessions as sessions
    inner join funnel_sessions as aggregated
        on sessions.session_id = aggregated.session_id

)

select * from final
