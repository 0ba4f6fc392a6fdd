-- Incremental: a changed day recomputes its whole week (the week's users are counted from its
-- sessions), so both grains are replaced by changed week.
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_periods',
        replace_periods=[
            {'grain': 'week', 'column': 'built.period_start', 'where': "built.period_grain = 'week'"},
            {
                'grain': 'week',
                'column': "cast(date_trunc('week', built.period_start) as date)",
                'where': "built.period_grain = 'day'",
            },
        ],
    )
}}

-- depends_on: {{ ref('int_session_changes') }} (the changed periods, in incremental runs)

with

sessions as (

    {{ sessions_to_refresh(ref('fct_session_funnel'), 'week') }}

),

named_sessions as (

    select
        sessions.session_id,
        sessions.user_id,
        sessions.session_date,
        sessions.session_week,
        sessions.started_at,
        sessions.furthest_step_number,
        {{ named_session_dimensions('sessions') }}
    from sessions

),

-- Sessions by day, once per breakdown; a session that reached step k reached every step before.
daily_sessions as (

    select
        session_date as period_start,
        {{ session_dimension_of_row() }},
        count(*) as sessions,
        count(*) filter (where furthest_step_number >= 1) as product_view_sessions,
        count(*) filter (where furthest_step_number >= 2) as add_to_cart_sessions,
        count(*) filter (where furthest_step_number >= 3) as cart_sessions,
        count(*) filter (where furthest_step_number >= 4) as checkout_sessions,
        count(*) filter (where furthest_step_number >= 5) as purchase_sessions
    from named_sessions
    group by {{ session_dimension_grouping_sets(['session_date']) }}

),

-- Sessions add up: a week is the sum of its days.
weekly_sessions as (

    select
        cast({{ dbt.date_trunc('week', 'period_start') }} as date) as period_start,
        source,
        dimension,
        dimension_value,
        sum(sessions) as sessions,
        sum(product_view_sessions) as product_view_sessions,
        sum(add_to_cart_sessions) as add_to_cart_sessions,
        sum(cart_sessions) as cart_sessions,
        sum(checkout_sessions) as checkout_sessions,
        sum(purchase_sessions) as purchase_sessions
    from daily_sessions
    group by
        cast({{ dbt.date_trunc('week', 'period_start') }} as date),
        source,
        dimension,
        dimension_value

),

-- Users do not add up, so each period counts them on its own: a user (a user id within its event
-- source) is one row per period, with the furthest step any of their sessions in the period
-- reached and the dimension values of their first session in it.
user_sessions as (

    -- Both windows share one sort: a day lies within its week, and started_at orders a day.
    select
        *,
        row_number() over (
            partition by source, user_id, session_week, session_date
            order by started_at, session_id
        ) as session_of_day,
        max(furthest_step_number) over (partition by source, user_id, session_week, session_date)
            as day_furthest_step_number,
        row_number() over (
            partition by source, user_id, session_week
            order by session_date, started_at, session_id
        ) as session_of_week,
        max(furthest_step_number) over (partition by source, user_id, session_week)
            as week_furthest_step_number
    from named_sessions

),

daily_users as (

    select
        session_date as period_start,
        {{ session_dimension_of_row() }},
        count(*) as users,  -- noqa: RF04
        count(*) filter (where day_furthest_step_number >= 1) as product_view_users,
        count(*) filter (where day_furthest_step_number >= 2) as add_to_cart_users,
        count(*) filter (where day_furthest_step_number >= 3) as cart_users,
        count(*) filter (where day_furthest_step_number >= 4) as checkout_users,
        count(*) filter (where day_furthest_step_number >= 5) as purchase_users
    from user_sessions
    where session_of_day = 1
    group by {{ session_dimension_grouping_sets(['session_date']) }}

),

weekly_users as (

    select
        session_week as period_start,
        {{ session_dimension_of_row() }},
        count(*) as users,  -- noqa: RF04
        count(*) filter (where week_furthest_step_number >= 1) as product_view_users,
        count(*) filter (where week_furthest_step_number >= 2) as add_to_cart_users,
        count(*) filter (where week_furthest_step_number >= 3) as cart_users,
        count(*) filter (where week_furthest_step_number >= 4) as checkout_users,
        count(*) filter (where week_furthest_step_number >= 5) as purchase_users
    from user_sessions
    where session_of_week = 1
    group by {{ session_dimension_grouping_sets(['session_week']) }}

),

-- A dimension value can have sessions but no users: the value of none of its users' first sessions.
period_totals as (

    select
        'day' as period_grain,
        daily_sessions.*,
        coalesce(daily_users.users, 0) as users,  -- noqa: RF04
        coalesce(daily_users.product_view_users, 0) as product_view_users,
        coalesce(daily_users.add_to_cart_users, 0) as add_to_cart_users,
        coalesce(daily_users.cart_users, 0) as cart_users,
        coalesce(daily_users.checkout_users, 0) as checkout_users,
        coalesce(daily_users.purchase_users, 0) as purchase_users
    from daily_sessions
    left join daily_users
        on
            daily_sessions.period_start = daily_users.period_start
            and daily_sessions.source = daily_users.source
            and daily_sessions.dimension = daily_users.dimension
            and daily_sessions.dimension_value = daily_users.dimension_value

    union all

    select
        'week' as period_grain,
        weekly_sessions.*,
        coalesce(weekly_users.users, 0) as users,  -- noqa: RF04
        coalesce(weekly_users.product_view_users, 0) as product_view_users,
        coalesce(weekly_users.add_to_cart_users, 0) as add_to_cart_users,
        coalesce(weekly_users.cart_users, 0) as cart_users,
        coalesce(weekly_users.checkout_users, 0) as checkout_users,
        coalesce(weekly_users.purchase_users, 0) as purchase_users
    from weekly_sessions
    left join weekly_users
        on
            weekly_sessions.period_start = weekly_users.period_start
            and weekly_sessions.source = weekly_users.source
            and weekly_sessions.dimension = weekly_users.dimension
            and weekly_sessions.dimension_value = weekly_users.dimension_value

),

-- One row per step, with the step before it (all sessions, for the first step) and the one after
-- it (nobody drops out after the purchase).
steps as (

    select
        period_totals.period_grain,
        period_totals.period_start,
        period_totals.source,
        period_totals.dimension,
        period_totals.dimension_value,
        period_totals.sessions,
        period_totals.users,
        step.*
    from period_totals
    cross join lateral (
        values
        (
            1,
            period_totals.product_view_sessions, period_totals.sessions, period_totals.add_to_cart_sessions,
            period_totals.product_view_users, period_totals.users, period_totals.add_to_cart_users
        ),
        (
            2,
            period_totals.add_to_cart_sessions, period_totals.product_view_sessions, period_totals.cart_sessions,
            period_totals.add_to_cart_users, period_totals.product_view_users, period_totals.cart_users
        ),
        (
            3,
            period_totals.cart_sessions, period_totals.add_to_cart_sessions, period_totals.checkout_sessions,
            period_totals.cart_users, period_totals.add_to_cart_users, period_totals.checkout_users
        ),
        (
            4,
            period_totals.checkout_sessions, period_totals.cart_sessions, period_totals.purchase_sessions,
            period_totals.checkout_users, period_totals.cart_users, period_totals.purchase_users
        ),
        (
            5,
            period_totals.purchase_sessions, period_totals.checkout_sessions, period_totals.purchase_sessions,
            period_totals.purchase_users, period_totals.checkout_users, period_totals.purchase_users
        )
    ) as step (
        step_number,
        sessions_reached, previous_step_sessions, next_step_sessions,
        users_reached, previous_step_users, next_step_users
    )

),

final as (

    select
        period_grain,
        period_start,
        source,
        dimension,
        dimension_value,
        step_number,
        {{ funnel_step_name('step_number') }} as step_name,
        cast(sessions as integer) as sessions,
        cast(sessions_reached as integer) as sessions_reached,
        {{ rate('sessions_reached', 'sessions') }} as session_reach_rate,
        cast(previous_step_sessions as integer) as previous_step_sessions,
        {{ rate('sessions_reached', 'previous_step_sessions') }} as step_conversion_rate,
        cast(sessions_reached - next_step_sessions as integer) as sessions_dropped,
        {{ rate('sessions_reached - next_step_sessions', 'sessions_reached') }} as drop_off_rate,
        cast(users as integer) as users,  -- noqa: RF04
        cast(users_reached as integer) as users_reached,
        {{ rate('users_reached', 'users') }} as user_reach_rate,
        cast(previous_step_users as integer) as previous_step_users,
        {{ rate('users_reached', 'previous_step_users') }} as user_step_conversion_rate,
        cast(users_reached - next_step_users as integer) as users_dropped,
        {{ rate('users_reached - next_step_users', 'users_reached') }} as user_drop_off_rate,
        now() as refreshed_at
    from steps

)

select * from final
