"""Visitors behave like visitors: ordered funnels, abandonment and errors, returning users, dimensions
that change conversion, and traffic that rises on Black Friday. Measured on the generated files.

Ratios are asserted with wide margins: at ~14k sessions they hold for any seed, and a calibration
that lost its effect (a ratio near 1) fails them.
"""

from __future__ import annotations

import pandas as pd

FUNNEL_STEPS = ("product_view", "add_to_cart", "cart", "begin_checkout", "purchase")


def _conversion(sessions: pd.DataFrame, dimension: str) -> pd.Series:
    return sessions.groupby(dimension)["converted"].mean()


def _steps(events: pd.DataFrame) -> pd.Series:
    """Each event as a funnel step name ('cart' is the cart page view), in file order."""
    step = events["event_type"].where(events["event_type"] != "page_view", "page_" + events["page_type"])
    return step.replace({"page_cart": "cart"})


def test_overall_conversion_is_a_few_percent(sessions) -> None:
    assert 0.015 < sessions["converted"].mean() < 0.05
    assert sessions["user_id"].nunique() > 0.5 * len(sessions)  # most visitors are anonymous


def test_no_purchase_without_add_to_cart_cart_and_checkout_before_it_in_the_session(events) -> None:
    ordered = events.assign(step=_steps(events)).sort_values(["session_id", "event_time"], kind="stable")
    rank = ordered.groupby("session_id").cumcount()
    first = {s: rank.where(ordered["step"] == s).groupby(ordered["session_id"]).min() for s in FUNNEL_STEPS}
    bought = first["purchase"].dropna().index
    assert len(bought) > 0
    for earlier, later in zip(FUNNEL_STEPS, FUNNEL_STEPS[1:], strict=False):
        assert (first[earlier].loc[bought] < first[later].loc[bought]).all(), (earlier, later)


def test_a_removal_follows_an_add_of_the_same_product(events) -> None:
    ordered = events.sort_values(["session_id", "event_time"], kind="stable")
    removals = ordered[ordered["event_type"] == "remove_from_cart"]
    assert len(removals) > 0
    adds = ordered[ordered["event_type"] == "add_to_cart"]
    pairs = removals.merge(adds, on=["session_id", "product_id"], suffixes=("_removed", "_added"))
    assert set(removals["event_id"]) == set(pairs["event_id_removed"])
    earliest_add = pairs.groupby("event_id_removed")["event_time_added"].min()
    removed_at = removals.set_index("event_id")["event_time"]
    assert (earliest_add <= removed_at.loc[earliest_add.index]).all()


def test_sessions_are_abandoned_at_every_step(events) -> None:
    steps = _steps(events)
    reached = pd.DataFrame({s: steps.eq(s).groupby(events["session_id"]).any() for s in FUNNEL_STEPS})
    furthest = reached.apply(
        lambda r: max((i for i, s in enumerate(FUNNEL_STEPS) if r[s]), default=-1), axis=1
    )
    counts = furthest.value_counts()
    for i, step in enumerate(FUNNEL_STEPS[:-1]):
        assert counts.get(i, 0) > 10, f"no session stops at {step}"
    assert counts.get(-1, 0) > counts.get(4, 0)  # many leave before seeing a product


def test_errors_often_end_the_session_and_a_retry_sometimes_saves_it(events) -> None:
    ordered = events.sort_values(["session_id", "event_time"], kind="stable")
    is_error = ordered["event_type"] == "error"
    next_page = ordered.groupby("session_id")["page_type"].shift(-1)[is_error]
    ends = next_page.isna() | next_page.eq("help")  # nothing after the error but maybe the help page
    assert ends.mean() > 0.4
    sessions_with_errors = ordered.loc[is_error, "session_id"].unique()
    bought = ordered[ordered["event_type"] == "purchase"]["session_id"].unique()
    saved = set(sessions_with_errors) & set(bought)
    assert 0 < len(saved) < len(sessions_with_errors)
    retries = ordered[(ordered["element"] == "button.retry") & ordered["session_id"].isin(saved)]
    assert set(retries["session_id"]) == saved  # each saved session retried


def test_no_gap_inside_a_session_reaches_the_inactivity_limit(events) -> None:
    times = pd.to_datetime(events["event_time"], utc=True)
    ordered = events.assign(t=times).sort_values(["session_id", "t"], kind="stable")
    gaps = ordered.groupby("session_id")["t"].diff().dropna()
    assert gaps.max() < pd.Timedelta(minutes=30)


def test_a_users_sessions_never_overlap(sessions) -> None:
    by_user = sessions.sort_values(["user_id", "started"])
    same_user = by_user["user_id"].eq(by_user["user_id"].shift())
    previous_end = by_user["ended"].shift()
    assert (by_user.loc[same_user, "started"] > previous_end[same_user]).all()


def test_returning_users_come_back_and_convert_better_than_new_ones(sessions) -> None:
    assert 0.2 < (sessions["visitor_type"] == "returning").mean() < 0.6
    conversion = _conversion(sessions, "visitor_type")
    assert conversion["returning"] > 1.8 * conversion["new"]


def test_device_changes_conversion(sessions) -> None:
    conversion = _conversion(sessions, "device_type")
    assert conversion["desktop"] > 1.5 * conversion["mobile"]


def test_traffic_source_and_campaign_change_conversion(sessions) -> None:
    conversion = _conversion(sessions, "traffic_source")
    assert conversion["email"] > 3 * conversion["social"]
    assert conversion["direct"] > conversion["social"]
    campaigns = sessions[sessions["utm_campaign"] != ""]
    by_campaign = campaigns.groupby("utm_campaign")["converted"].agg(["mean", "size"])
    big = by_campaign[by_campaign["size"] >= 200]
    assert big["mean"].max() > 2 * big["mean"].min()


def test_operating_system_browser_and_region_change_conversion(sessions) -> None:
    by_os = _conversion(sessions, "os")
    assert by_os["macOS"] > by_os["Android"]
    by_browser = _conversion(sessions, "browser")
    assert by_browser["Safari"] > 1.3 * by_browser["Samsung Internet"]
    by_region = _conversion(sessions, "region")
    north_northeast = sessions["region"].isin(
        ["BA", "PE", "CE", "PA", "MA", "PB", "PI", "AL", "RN", "SE", "AM"]
    )
    assert by_region["SP"] > 1.3 * sessions.loc[north_northeast, "converted"].mean()


def test_browser_os_and_device_come_in_real_combinations(sessions) -> None:
    combos = set(zip(sessions["device_type"], sessions["os"], sessions["browser"], strict=True))
    for device, os_name, browser in combos:
        if browser == "Safari":
            assert os_name in {"iOS", "macOS"}
        if browser == "Samsung Internet":
            assert os_name == "Android"
        if browser == "Edge":
            assert os_name == "Windows"
        if device == "desktop":
            assert os_name in {"Windows", "macOS", "Linux"}
        else:
            assert os_name in {"Android", "iOS"}


def test_campaigns_belong_to_their_source(events) -> None:
    organic = events[events["traffic_source"].isin(["direct", "organic_search", "referral"])]
    assert (organic["utm_campaign"] == "").all()
    assert (events.loc[events["traffic_source"] == "direct", "referrer"] == "").all()
    landings = events.drop_duplicates("session_id")  # files are in time order: a session's first event
    instagram = landings[landings["utm_campaign"] == "instagram_stories"]
    assert len(instagram) > 0 and (instagram["referrer"] == "https://www.instagram.com/").all()
    search = landings[landings["traffic_source"] == "organic_search"]
    assert search["referrer"].str.startswith(("https://www.google.", "https://www.bing.")).all()


def test_only_the_landing_event_carries_the_external_referrer(events) -> None:
    later = events[events.duplicated("session_id")]
    assert (later["referrer"] == "").all()


def test_black_friday_brings_more_visitors_than_an_ordinary_day(sessions) -> None:
    day = sessions["started"].str[:10]
    november = day[day.str.startswith("2017-11")].value_counts()
    assert november["2017-11-24"] > 2.5 * november.drop("2017-11-24").median()
