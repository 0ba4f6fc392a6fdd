{{
    config(
        materialized='incremental',
        incremental_strategy='replace_periods',
        replace_periods=[{'grain': 'day', 'column': 'built.session_date'}],
    )
}}

-- depends_on: {{ ref('int_session_changes') }} (the changed periods, in incremental runs)

with

sessions as (

    {{ sessions_to_refresh(ref('fct_session_funnel'), 'day') }}

),

dropped_sessions as (

    select
        sessions.session_date,
        sessions.dropped_after_step_number,
        sessions.dropped_after_step,
        sessions.drop_off_reason,
        coalesce(sessions.first_error_message, '(no error)') as first_error_message,
        sessions.has_cart,
        sessions.abandoned_value,
        {{ named_session_dimensions('sessions') }}
    from sessions
    where sessions.dropped_after_step_number is not null

),

final as (

    select
        session_date,
        {{ session_dimension_of_row() }},
        dropped_after_step_number,
        dropped_after_step,
        drop_off_reason,
        first_error_message,
        cast(count(*) as integer) as dropped_sessions,
        cast(count(*) filter (where has_cart) as integer) as cart_sessions,
        {{ money('sum(abandoned_value)') }} as abandoned_value,
        now() as refreshed_at
    from dropped_sessions
    group by {{ session_dimension_grouping_sets([
        'session_date', 'dropped_after_step_number', 'dropped_after_step', 'drop_off_reason', 'first_error_message',
    ]) }}

)

select * from final
