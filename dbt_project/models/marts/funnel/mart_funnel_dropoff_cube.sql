-- Dropped sessions by month, every session dimension, the step they stopped after, their reason
-- and first error message: the funnel page's drop-off reasons under any combination of sidebar
-- filters are sums over these rows (as the funnel of sessions is over mart_funnel_cube).
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_periods',
        replace_periods=[{'grain': 'month', 'column': 'built.session_month'}],
        indexes=[{'columns': ['source', 'session_month']}],
    )
}}

-- depends_on: {{ ref('int_session_changes') }} (the changed periods, in incremental runs)

with

sessions as (

    {{ sessions_to_refresh(ref('fct_session_funnel'), 'month') }}

),

dropped_sessions as (

    select
        {{ month_start('sessions.session_date') }} as session_month,
        sessions.is_weekend,
        {{ named_session_dimensions('sessions') }},
        sessions.dropped_after_step_number,
        sessions.dropped_after_step,
        sessions.drop_off_reason,
        coalesce(sessions.first_error_message, '(no error)') as first_error_message,
        sessions.has_cart,
        sessions.abandoned_value
    from sessions
    where sessions.dropped_after_step_number is not null

),

final as (

    select
        session_month,
        source,
        is_weekend,
        {{ session_dimensions() | join(', ') }},
        dropped_after_step_number,
        dropped_after_step,
        drop_off_reason,
        first_error_message,
        cast(count(*) as integer) as dropped_sessions,
        cast(count(*) filter (where has_cart) as integer) as cart_sessions,
        {{ money('coalesce(sum(abandoned_value), 0)') }} as abandoned_value,
        now() as refreshed_at
    from dropped_sessions
    group by
        session_month,
        source,
        is_weekend,
        {{ session_dimensions() | join(', ') }},
        dropped_after_step_number,
        dropped_after_step,
        drop_off_reason,
        first_error_message

)

select * from final
