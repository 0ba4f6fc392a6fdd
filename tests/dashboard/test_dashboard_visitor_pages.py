"""The visitors pages through Streamlit's AppTest, on the warehouse with the real clickstream samples.

Expected figures come from the sample README (UCI, REES46), from the raw tables through the owner
login, or from the hand-written sessions of `fixtures/canonical_events.csv` (see conftest), never
from the dashboard's own queries.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import formatting as fmt
from dashboard.components import SESSION_EMPTY_MESSAGE
from shoplens.warehouse import Warehouse
from tests.dashboard.dashboard_support import (
    DAY_WITHOUT_SESSIONS,
    HAND_EVENTS,
    HAND_WEEK,
    VISITOR_PAGES,
    assert_clean,
    captions,
    chart_specs,
    chart_titled,
    chips,
    markdown,
    metrics,
    open_visitor_page,
    owner_rows,
    warnings,
)

CONVERSION, FUNNEL, CARTS, TIME = VISITOR_PAGES
SHOP_TIME = ZoneInfo("America/Sao_Paulo")

# The sample README's reference figures for online_shoppers/ (computed there with pandas).
UCI_SESSIONS, UCI_CONVERTED = 12_330, 1_908
UCI_WEEKEND = {"Weekday": ("14.8911", 9_462), "Weekend": ("17.3989", 2_868)}
UCI_VISITORS = {"new": ("24.9115", 1_694), "returning": ("13.9323", 10_551), "other": ("18.8235", 85)}
UCI_MONTHS = {
    "Feb": (184, 3),
    "Mar": (1_907, 192),
    "May": (3_364, 365),
    "Jun": (288, 29),
    "Jul": (432, 66),
    "Aug": (433, 76),
    "Sep": (448, 86),
    "Oct": (549, 115),
    "Nov": (2_998, 760),
    "Dec": (1_727, 216),
}
# ... and for events/: purchase revenue of the two REES46 files.
REES46_REVENUE = Decimal("2387.84") + Decimal("778.22")


def _hand_sessions() -> dict[str, list[dict[str, str]]]:
    """The hand-written events by session, in file order (which is time order)."""
    sessions: dict[str, list[dict[str, str]]] = defaultdict(list)
    with HAND_EVENTS.open(newline="") as handle:
        for row in csv.DictReader(handle):
            sessions[row["session_id"]].append(row)
    return sessions


def _bar(spec: dict, label: str) -> tuple[float, str]:
    """(value, hover) of the bar labelled `label` in a conversion bar chart (vertical or horizontal)."""
    bars = spec["data"][0]
    names = bars["x"] if bars.get("orientation") == "v" else bars["y"]
    values = bars["y"] if bars.get("orientation") == "v" else bars["x"]
    i = list(names).index(label)
    return values[i], bars["customdata"][i]


# --- conversion ---------------------------------------------------------------------------------------


def test_uci_conversion_equals_the_sample_reference_figures(
    app: AppTest, dashboard_warehouse: Warehouse
) -> None:
    at = open_visitor_page(app.run(), CONVERSION, source="uci")
    assert_clean(at)
    ((sessions, converted),) = owner_rows(
        dashboard_warehouse, "select count(*), count(*) filter (where revenue) from raw.uci_sessions"
    )
    assert (sessions, converted) == (UCI_SESSIONS, UCI_CONVERTED)
    assert metrics(at)["Sessions"] == "12,330"
    assert metrics(at)["Conversion rate"] == "15.47%"
    assert "1,908 of 12,330 sessions converted" in captions(at)


def test_uci_weekend_and_visitor_type_rates_show_their_session_counts(app: AppTest) -> None:
    at = open_visitor_page(app.run(), CONVERSION, source="uci")
    weekend = chart_titled(at, "Weekday vs weekend")
    for label, (percent, n) in UCI_WEEKEND.items():
        rate, hover = _bar(weekend, label)
        assert f"{rate * 100:.4f}" == percent
        assert hover.startswith(f"{float(percent):.2f}% of {n:,} sessions")
    visitors = chart_titled(at, "New vs returning visitors")
    for label, (percent, n) in UCI_VISITORS.items():
        rate, hover = _bar(visitors, label)
        assert f"{rate * 100:.4f}" == percent
        assert f"of {n:,} sessions" in hover
    labels = visitors["data"][0]["text"]
    assert all(" · n=" in label for label in labels), labels


def test_uci_months_are_in_calendar_order_with_the_reference_counts(app: AppTest) -> None:
    at = open_visitor_page(app.run(), CONVERSION, source="uci")
    bars = chart_titled(at, "By month of the year")["data"][0]
    assert list(bars["x"]) == list(UCI_MONTHS)  # calendar order, June among them, no Jan or Apr
    for label, hover in zip(bars["x"], bars["customdata"], strict=True):
        n, converted = UCI_MONTHS[label]
        assert f"of {n:,} sessions ({converted:,} converted)" in hover


def _hundredths(seconds: Decimal) -> Decimal:
    """Seconds as the warehouse keeps them: rounded to the hundredth (UCI gives more digits)."""
    return seconds.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _band(value: Decimal, edges: tuple[int, ...]) -> int:
    """The index of the band `value` falls in: band i holds edges[i-1] <= value < edges[i]."""
    return sum(value >= edge for edge in edges)


def test_uci_engagement_bands_count_the_raw_file_per_outcome(app: AppTest, samples_dir) -> None:
    # Band edges in seconds and page views, as the glossary states them (engagement_bands).
    edges = {
        "Session duration": (60, 180, 600, 1800),
        "Page views per session": (2, 4, 8, 16),
        "Time on product pages": (Decimal("0.01"), 60, 300, 900),
    }
    counts: dict[tuple[str, str, int], int] = defaultdict(int)
    sizes: dict[str, int] = defaultdict(int)
    with (samples_dir / "online_shoppers" / "online_shoppers_intention.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            outcome = "Converted" if row["Revenue"] == "TRUE" else "Not converted"
            groups = ("Administrative", "Informational", "ProductRelated")
            values = {
                "Session duration": _hundredths(sum(Decimal(row[f"{group}_Duration"]) for group in groups)),
                "Page views per session": Decimal(sum(int(row[group]) for group in groups)),
                "Time on product pages": _hundredths(Decimal(row["ProductRelated_Duration"])),
            }
            sizes[outcome] += 1
            for measure, value in values.items():
                counts[measure, outcome, _band(value, edges[measure])] += 1
    assert sizes == {"Converted": UCI_CONVERTED, "Not converted": UCI_SESSIONS - UCI_CONVERTED}

    at = open_visitor_page(app.run(), CONVERSION, source="uci")
    spec = chart_titled(at, "Engagement of converted vs other sessions")
    panels = {a["text"]: a for a in spec["layout"]["annotations"]}
    axis_of_panel = {title: "x" if index == 0 else f"x{index + 1}" for index, title in enumerate(panels)}
    for measure in edges:
        for trace in (t for t in spec["data"] if t["xaxis"] == axis_of_panel[measure]):
            outcome = trace["legendgroup"]
            assert trace["name"] == f"{outcome} (n={sizes[outcome]:,})"
            for band, (share, hover) in enumerate(zip(trace["y"], trace["customdata"], strict=True)):
                expected = counts[measure, outcome, band]
                assert share == pytest.approx(expected / sizes[outcome])
                assert f"of {sizes[outcome]:,} sessions ({expected:,} in the band)" in hover
    # Every outcome and measure is drawn: 2 outcomes x (3 measures + bounce rate).
    assert len(spec["data"]) == 8


def test_event_sessions_convert_as_the_raw_events_say(app: AppTest, dashboard_warehouse: Warehouse) -> None:
    # The generated files and the hand-written one give every session its own session_id.
    ((sessions, converted),) = owner_rows(
        dashboard_warehouse,
        "select count(distinct session_id), count(distinct session_id) filter (where event_type = 'purchase')"
        " from raw.events",
    )
    at = open_visitor_page(app.run(), CONVERSION, source="events")
    assert_clean(at)
    assert metrics(at)["Sessions"] == fmt.count(sessions)
    assert metrics(at)["Conversion rate"] == fmt.percent(converted / sessions, 2)
    assert f"{converted:,} of {sessions:,} sessions converted" in captions(at)


def test_rees46_revenue_and_buying_sessions_equal_the_sample_figures(
    app: AppTest, dashboard_warehouse: Warehouse
) -> None:
    ((buying,),) = owner_rows(
        dashboard_warehouse,
        "select count(distinct user_session) from raw.rees46_events where event_type = 'purchase'",
    )
    at = open_visitor_page(app.run(), CONVERSION, source="rees46")
    assert_clean(at)
    assert f"{fmt.brl(REES46_REVENUE)} from purchases" in captions(at)
    assert [c for c in captions(at) if c.startswith(f"{buying:,} of ")], captions(at)


def test_a_narrowed_week_counts_the_hand_written_sessions_and_names_the_periods_used(app: AppTest) -> None:
    at = open_visitor_page(app.run(), CONVERSION, days=HAND_WEEK)
    assert_clean(at)
    shown = metrics(at)
    assert (shown["Sessions"], shown["Conversion rate"], shown["Bounce rate"]) == ("6", "16.67%", "16.67%")
    assert "1 of 6 sessions converted" in captions(at)
    assert "R$ 100.00 from purchases" in captions(at)
    # The cube is by month, weekday x traffic by week: each says what it took (March has only them).
    assert "Dates by whole months here: 2019-03-01 – 2019-03-31." in captions(at)
    assert [c for c in captions(at) if c.endswith("Dates by whole weeks here: 2019-03-11 – 2019-03-17.")]
    assert "UCI" not in chips(at)  # the events are the source: no UCI wording
    heatmap = chart_titled(at, "Conversion by weekday and traffic source")
    assert list(heatmap["data"][0]["y"]) == ["Mon", "Sat"]  # calendar order, weekdays named


def test_charts_that_cannot_apply_a_filter_are_dimmed_not_drawn_unfiltered(app: AppTest) -> None:
    at = open_visitor_page(app.run(), CONVERSION, source="events")
    drawn = len(at.get("plotly_chart"))
    at.multiselect(key="filter_device").set_value(["mobile"]).run()
    assert_clean(at)
    banners = [w for w in warnings(at) if w.startswith("This chart cannot be filtered by device")]
    # Only the page-group and weekday x traffic charts: the cube and the sessions take every filter.
    assert sorted(banners) == [
        "This chart cannot be filtered by device: the page-group mart keeps only week, source and page "
        "group. Clear that filter, or target it at another chart in the sidebar, to see it.",
        "This chart cannot be filtered by device: the weekday x traffic mart keeps only week, source and "
        "traffic source. Clear that filter, or target it at another chart in the sidebar, to see it.",
    ]
    assert len(at.get("plotly_chart")) == drawn - 2  # not drawn unfiltered beside the banner


def test_session_filters_survive_a_visit_to_the_orders_pages(app: AppTest) -> None:
    at = open_visitor_page(app.run(), CONVERSION, source="uci")
    at.switch_page("views/overview.py").run()
    assert_clean(at)
    assert "No filter: every order." in captions(at)  # the orders pages show the orders filters
    at.switch_page(CONVERSION).run()
    assert "source: uci" in chips(at)
    assert metrics(at)["Conversion rate"] == "15.47%"


# --- funnel -------------------------------------------------------------------------------------------


def test_funnel_steps_of_the_hand_written_week_by_session_and_by_user(app: AppTest) -> None:
    at = open_visitor_page(app.run(), FUNNEL, days=HAND_WEEK)
    assert_clean(at)
    sessions = chart_titled(at, "Funnel by session")["data"][0]
    users = chart_titled(at, "Funnel by user")["data"][0]
    assert list(sessions["y"]) == ["Product view", "Add to cart", "Cart", "Checkout", "Purchase"]
    assert list(sessions["x"]) == [5, 4, 3, 2, 1]
    assert list(users["x"]) == [4, 3, 2, 2, 1]  # ann, bob, cid, dan view; eve never does
    assert sessions["text"][0] == "5 · 83.3% of 6"  # every step conversion with its count
    assert users["text"][3] == "2 · 100.0% of 2"


def _user_funnels(at: AppTest) -> list[dict]:
    return [spec for spec in chart_specs(at) if spec["layout"]["title"]["text"].startswith("Funnel by user")]


def test_a_large_shop_counts_its_users_when_asked_with_the_same_figures(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Above USERS_ON_REQUEST_ABOVE sessions of the source and dates, the users (a distinct count over
    # them) wait for the toggle; the sessions funnel is drawn at once. Lowered so the hand-written week
    # (6 sessions) is large.
    from dashboard import data

    monkeypatch.setattr(data, "USERS_ON_REQUEST_ABOVE", 5)
    at = open_visitor_page(app.run(), FUNNEL, days=HAND_WEEK)
    assert_clean(at)
    assert list(chart_titled(at, "Funnel by session")["data"][0]["x"]) == [5, 4, 3, 2, 1]
    assert not _user_funnels(at)
    assert not at.toggle(key="count_funnel_users").value
    # What counting users reads is the source's sessions in the dates, whatever the device.
    at.multiselect(key="filter_device").set_value(["mobile"]).run()
    assert [i.value for i in at.info if i.value.startswith("Counting users reads all 6 sessions")]
    at.toggle(key="count_funnel_users").set_value(True).run()
    assert_clean(at)
    assert _user_funnels(at)
    at.multiselect(key="filter_device").set_value([]).run()  # the toggle stays on
    assert list(_user_funnels(at)[0]["data"][0]["x"]) == [4, 3, 2, 2, 1]


def test_drop_off_reasons_of_the_hand_written_week(app: AppTest) -> None:
    at = open_visitor_page(app.run(), FUNNEL, days=HAND_WEEK)
    spec = chart_titled(at, "Why sessions dropped out")
    by_reason = {bar["name"]: dict(zip(bar["y"], bar["x"], strict=True)) for bar in spec["data"]}
    steps = ["after product view", "after add to cart", "after cart", "after checkout"]
    assert {reason: [counts[s] for s in steps] for reason, counts in by_reason.items()} == {
        "no error": [1, 0, 1, 0],
        "emptied cart": [0, 1, 0, 0],
        "payment failure": [0, 0, 0, 1],
    }


def _timeline(at: AppTest) -> list[str]:
    """The event types of the session the drill-down shows, in order."""
    labels = chart_titled(at, "The session's events")["data"][0]["y"]
    return [label.split(" · ", 1)[1] for label in labels]


def test_the_pager_moves_through_the_dropped_sessions_latest_first(app: AppTest) -> None:
    sessions = _hand_sessions()
    at = open_visitor_page(app.run(), FUNNEL, days=HAND_WEEK)
    assert "**Session 1 of 4**" in markdown(at)
    assert at.button(key="dropped_sessions_previous").disabled
    assert _timeline(at) == [e["event_type"] for e in sessions["ann-2"]]  # the latest dropped session
    at.button(key="dropped_sessions_next").click().run()
    assert_clean(at)
    assert "**Session 2 of 4**" in markdown(at)
    assert _timeline(at) == [e["event_type"] for e in sessions["dan-1"]]
    assert [m for m in markdown(at) if "reason: **payment failure** (first error: Payment declined)" in m]
    for _ in range(2):
        at.button(key="dropped_sessions_next").click().run()
    assert "**Session 4 of 4**" in markdown(at)
    assert _timeline(at) == [e["event_type"] for e in sessions["bob-1"]]
    assert at.button(key="dropped_sessions_next").disabled
    at.button(key="dropped_sessions_previous").click().run()
    assert "**Session 3 of 4**" in markdown(at)
    assert _timeline(at) == [e["event_type"] for e in sessions["cid-1"]]


def test_picking_a_step_pages_only_its_dropped_sessions_from_the_first(app: AppTest) -> None:
    at = open_visitor_page(app.run(), FUNNEL, days=HAND_WEEK)
    at.button(key="dropped_sessions_next").click().run()
    at.selectbox(key="drill_step").set_value("checkout").run()
    assert_clean(at)
    assert "**Session 1 of 1**" in markdown(at)
    assert _timeline(at) == [e["event_type"] for e in _hand_sessions()["dan-1"]]
    assert at.selectbox(key="drill_reason").options == ["any reason", "payment failure"]


def test_the_funnel_explains_that_uci_sessions_have_no_events(app: AppTest) -> None:
    at = open_visitor_page(app.run(), FUNNEL, source="uci")
    assert_clean(at)
    infos = [info.value for info in at.info]
    assert [i for i in infos if i.startswith(SESSION_EMPTY_MESSAGE) and "UCI sessions have no events" in i], (
        infos
    )


# --- carts and products -------------------------------------------------------------------------------


def test_cart_abandonment_of_the_hand_written_week(app: AppTest) -> None:
    at = open_visitor_page(app.run(), CARTS, days=HAND_WEEK)
    assert_clean(at)
    shown = metrics(at)
    assert (shown["Carts"], shown["Cart abandonment"], shown["Abandoned value"], shown["Emptied carts"]) == (
        "4",
        "75.00%",
        "R$ 150.00",
        "1",
    )
    assert "3 of 4 carts not bought" in captions(at)
    device = chart_titled(at, "Cart abandonment by device")["data"][0]
    assert dict(zip(device["y"], device["text"], strict=True)) == {
        "desktop": "50.0% · n=2",  # ann-1 bought, ann-2 left R$ 50
        "mobile": "100.0% · n=2",  # cid emptied, dan hit the payment error
    }


def test_revenue_by_traffic_source_adds_up_to_every_order_and_credits_the_buying_session(
    app: AppTest, dashboard_warehouse: Warehouse
) -> None:
    at = open_visitor_page(app.run(), CARTS, source="events")  # the events name the sample's orders
    assert_clean(at)
    bars = chart_titled(at, "Revenue by traffic source")["data"][0]
    revenue = {
        source: round(Decimal(str(value)), 2) for source, value in zip(bars["y"], bars["x"], strict=True)
    }
    ((total,),) = owner_rows(
        dashboard_warehouse, "select sum(price + freight_value) from raw.olist_order_items"
    )
    assert sum(revenue.values()) == total
    # Straight from the raw files: each order's first buying session, that session's traffic source.
    expected = owner_rows(
        dashboard_warehouse,
        """
        with buys as (
            select distinct on (e.order_id) e.order_id, e.session_id
            from raw.events as e
            join raw.olist_orders as o on o.order_id = e.order_id
            where e.event_type = 'purchase'
            order by e.order_id, e.event_time, e.session_id
        ),
        sources as (
            select distinct on (session_id) session_id, traffic_source
            from raw.events where traffic_source is not null
            order by session_id, event_time
        )
        select sources.traffic_source, sum(i.price + i.freight_value)
        from buys join sources using (session_id) join raw.olist_order_items as i using (order_id)
        group by 1
        """,
    )
    assert expected and {source: revenue[source] for source, _ in expected} == dict(expected)


# --- time patterns ------------------------------------------------------------------------------------


def test_hour_by_weekday_places_each_hand_written_session_at_its_local_start(app: AppTest) -> None:
    starts = [
        datetime.fromisoformat(events[0]["event_time"].replace("Z", "+00:00")).astimezone(SHOP_TIME)
        for events in _hand_sessions().values()
    ]
    expected: dict[tuple[str, int], int] = defaultdict(int)
    for start in starts:
        expected[(fmt.weekday_name(start.isoweekday()), start.hour)] += 1
    at = open_visitor_page(app.run(), TIME, days=HAND_WEEK)
    assert_clean(at)
    heatmap = chart_titled(at, "Sessions by weekday and hour")["data"][0]
    drawn = {
        (day, hour): value
        for day, row in zip(heatmap["y"], heatmap["z"], strict=True)
        for hour, value in zip(heatmap["x"], row, strict=True)
        if value
    }
    assert drawn == expected
    daily = chart_titled(at, "Sessions and conversion per day")["data"][0]
    assert list(daily["y"]) == [3, 0, 0, 0, 0, 3]  # days without sessions drawn as zero, not skipped


def test_time_patterns_dim_the_charts_their_marts_cannot_filter(app: AppTest) -> None:
    at = open_visitor_page(app.run(), TIME, source="events")
    at.multiselect(key="filter_device").set_value(["mobile"]).run()
    assert_clean(at)
    banners = [w for w in warnings(at) if w.startswith("This chart cannot be filtered by device")]
    assert len(banners) == 4  # two heatmaps, the daily and the monthly trend
    assert not at.get("plotly_chart")


# --- every visitors page ------------------------------------------------------------------------------


def test_a_day_without_sessions_gives_a_message_not_a_traceback(app: AppTest) -> None:
    day = DAY_WITHOUT_SESSIONS
    at = open_visitor_page(app.run(), TIME, days=(day, day))
    assert_clean(at)
    infos = [info.value for info in at.info]
    assert [i for i in infos if i.startswith("No sessions for the selected filters")], infos
    assert f"session date: {day:%Y-%m-%d} – {day:%Y-%m-%d}" in chips(at)


@pytest.mark.parametrize("page", [CONVERSION, FUNNEL, CARTS])
def test_the_cube_pages_read_a_day_by_its_whole_month_and_say_so(app: AppTest, page: str) -> None:
    # Their session counts are sums over monthly cubes, so a day without sessions shows its month.
    day = DAY_WITHOUT_SESSIONS
    at = open_visitor_page(app.run(), page, days=(day, day))
    assert_clean(at)
    assert at.get("plotly_chart")
    month = f"Dates by whole months here: {day:%Y-%m}-01 – {day:%Y-%m}-31."
    assert any(month in caption.value for caption in at.caption), [c.value for c in at.caption]
    assert f"session date: {day:%Y-%m-%d} – {day:%Y-%m-%d}" in chips(at)


@pytest.mark.parametrize("page", VISITOR_PAGES)
def test_every_visitors_chart_has_its_data_and_a_download(app: AppTest, page: str) -> None:
    at = open_visitor_page(app.run(), page, source="events")
    assert_clean(at)
    charts = at.get("plotly_chart")
    assert charts
    assert len(at.expander) == len(charts)  # each chart's data table
    assert len(at.download_button) >= len(charts)


def test_each_filter_offers_the_chosen_sources_values_and_wording(app: AppTest) -> None:
    at = open_visitor_page(app.run(), CONVERSION, source="events")
    browsers = at.multiselect(key="filter_browser").options
    assert browsers and not [b for b in browsers if b.startswith("UCI")], browsers
    assert "UCI" not in (at.multiselect(key="filter_browser").help or "")
    at.selectbox(key="filter_session_source").set_value("uci").run()
    assert_clean(at)
    assert all(b.startswith("UCI") for b in at.multiselect(key="filter_browser").options)
    assert "UCI gives codes" in at.multiselect(key="filter_browser").help
