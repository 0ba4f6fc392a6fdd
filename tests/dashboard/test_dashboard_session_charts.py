"""The visitors charts on hand-made frames: DataFrame in, Plotly figure out, no Streamlit, no database."""

from __future__ import annotations

import pandas as pd

from dashboard import charts
from dashboard import formatting as fmt
from dashboard.charts.sessions import month_panels


def _rates(rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["label", "sessions", "converted_sessions"])
    return frame.assign(conversion_rate=frame["converted_sessions"] / frame["sessions"])


def test_conversion_bars_label_every_rate_with_its_session_count() -> None:
    fig = charts.conversion_bars(
        _rates([("Weekday", 9462, 1409), ("Weekend", 2868, 499)]), "t", vertical=True
    )
    bars = fig.data[0]
    assert list(bars.x) == ["Weekday", "Weekend"]  # the frame's (calendar) order is kept
    assert list(bars.text) == ["14.9%<br>n=9,462", "17.4%<br>n=2,868"]
    assert bars.customdata[1] == "17.40% of 2,868 sessions (499 converted)"


def test_conversion_bars_put_the_most_sessions_on_top_and_mute_small_samples() -> None:
    fig = charts.conversion_bars(_rates([("Chrome", 500, 50), ("Opera", 2, 2)]), "t")
    bars = fig.data[0]
    assert list(bars.y) == ["Opera", "Chrome"]  # plotly draws from the bottom: Chrome on top
    assert list(bars.marker.color) == [fmt.MUTED, fmt.ACCENT]
    assert (
        bars.customdata[0]
        == "100.00% of 2 sessions (2 converted) (small sample: 95% interval 34.2% – 100.0%)"
    )


def test_conversion_heatmap_greys_small_samples_instead_of_colouring_their_rate() -> None:
    frame = _rates([("Chrome", 400, 40), ("Opera", 1, 1)]).assign(label_2=["Windows", "Windows"])
    grey, coloured = charts.conversion_heatmap(frame, "t", "Browser", "OS").data
    assert list(coloured.y) == ["Chrome", "Opera"]
    assert [row[0] for row in coloured.z] == [0.1, None]  # 100% of one session is not coloured
    assert [row[0] for row in grey.z] == [None, 0.0]
    assert grey.text[1][0] == "100.0%<br>n=1"  # but it still shows, with its count


def test_engagement_compares_each_outcomes_share_per_band_and_greys_a_small_outcome() -> None:
    rows = []
    for outcome, n, in_bands in (("Converted", 20, [2, 8, 10]), ("Not converted", 900, [600, 200, 100])):
        for measure in ("duration", "page_views", "product_time"):
            rows += [
                {
                    "outcome": outcome,
                    "measure": measure,
                    "band": band,
                    "band_sessions": k,
                    "sessions": n,
                    "session_share": k / n,
                }
                for band, k in zip(("low", "mid", "high"), in_bands, strict=True)
            ]
        rows.append(
            {
                "outcome": outcome,
                "measure": "bounce_rate",
                "band": "bounced",
                "band_sessions": n // 10,
                "sessions": n,
                "session_share": 0.1,
            }
        )
    fig = charts.engagement_by_outcome(pd.DataFrame(rows))
    assert [a.text for a in fig.layout.annotations] == [
        "Session duration",
        "Page views per session",
        "Time on product pages",
        "Bounce rate",
    ]
    assert len(fig.data) == 8  # 2 outcomes x 4 panels, one legend entry per outcome
    assert [t.name for t in fig.data if t.showlegend] == ["Converted (n=20)", "Not converted (n=900)"]
    converted = fig.data[0]
    assert list(converted.x) == ["low", "mid", "high"] and list(converted.y) == [0.1, 0.4, 0.5]
    # 20 sessions are a small sample: grey bars with their 95% interval; 900 are not.
    assert set(converted.marker.color) == {fmt.MUTED} and max(converted.error_y.array) > 0
    assert fmt.MUTED not in fig.data[4].marker.color and max(fig.data[4].error_y.array) == 0
    assert "10.00% of 20 sessions (2 in the band)" in converted.customdata[0]


def test_month_panels_keep_uci_months_apart_and_dated_months_without_gaps() -> None:
    frame = pd.DataFrame(
        {
            "session_month": pd.to_datetime(["2018-01-01", "2018-03-01", None, None]),
            "month_of_year": [1, 3, 11, 2],
        }
    )
    (dated_title, dated, months), (uci_title, uci, uci_months) = month_panels(frame)
    assert months == ["2018-01", "2018-02", "2018-03"]  # February had no sessions: a gap, not skipped
    assert uci_months == ["Feb", "Nov"]  # calendar order, not alphabetical
    assert "UCI" in uci_title and "UCI" not in dated_title


def test_visitors_monthly_keeps_calendar_order_when_a_type_misses_a_month() -> None:
    frame = pd.DataFrame(
        {
            "session_month": pd.to_datetime(["2018-02-01", "2018-01-01", "2018-02-01"]),
            "month_of_year": [2, 1, 2],
            "visitor_type": ["new", "returning", "returning"],
            "sessions": [5, 3, 4],
            "converted_sessions": [1, 0, 1],
            "conversion_rate": [0.2, 0.0, 0.25],
        }
    )
    fig = charts.visitors_monthly(frame)
    assert list(fig.layout.xaxis.categoryarray) == ["2018-01", "2018-02"]
    assert "converted: 20.00% of 5 sessions (1 converted)" in fig.data[0].customdata[0]


def _steps() -> pd.DataFrame:
    reached, users = [5, 4, 3, 2, 1], [4, 3, 2, 2, 1]
    rows = []
    for i, step in enumerate(fmt.FUNNEL_STEPS):
        row = {"step_number": i + 1, "step": step, "step_label": fmt.step_label(step)}
        for level, counts, total in (("sessions", reached, 6), ("users", users, 5)):
            before = total if i == 0 else counts[i - 1]
            after = counts[i] if i == 4 else counts[i + 1]
            row |= {
                level: total,
                f"{level}_reached": counts[i],
                f"{level}_reach_rate": counts[i] / total,
                f"previous_step_{level}": before,
                f"{level}_step_conversion_rate": counts[i] / before,
                f"{level}_dropped": counts[i] - after,
                f"{level}_drop_off_rate": (counts[i] - after) / counts[i],
            }
        rows.append(row)
    return pd.DataFrame(rows)


def test_funnel_labels_each_step_with_its_conversion_from_the_step_before() -> None:
    funnel = charts.funnel_steps(_steps(), level="users").data[0]
    assert list(funnel.x) == [4, 3, 2, 2, 1]
    assert list(funnel.text) == [
        "4 · 80.0% of 5",
        "3 · 75.0% of 4",
        "2 · 66.7% of 3",
        "2 · 100.0% of 2",
        "1 · 50.0% of 2",
    ]
    assert "dropped after it: 1 (50.0% of 2)" in funnel.customdata[3]


def test_drop_off_reasons_keep_funnel_order_and_one_colour_per_reason() -> None:
    frame = pd.DataFrame(
        [
            (4, "checkout", "payment failure", "Payment declined", 2),
            (4, "checkout", "payment failure", "Payment service unavailable", 1),
            (1, "product_view", "no error", "(no error)", 7),
        ],
        columns=[
            "dropped_after_step_number",
            "dropped_after_step",
            "drop_off_reason",
            "first_error_message",
            "dropped_sessions",
        ],
    )
    fig = charts.drop_off_reasons(frame)
    assert list(fig.layout.yaxis.categoryarray) == ["after checkout", "after product view"]
    payment = next(bar for bar in fig.data if bar.name == "payment failure")
    assert list(payment.x) == [0, 3]  # two messages, one reason
    assert payment.marker.color == fmt.REASON_COLOURS["payment failure"]


def test_session_timeline_marks_steps_and_errors() -> None:
    events = pd.DataFrame(
        {
            "event_seq": [1, 2, 3],
            "seconds_since_start": [0, 30, 90],
            "event_type": ["product_view", "page_view", "error"],
            "reached_step_number": [1, None, None],
            "element_text": [None, None, "Payment declined"],
            "search_query": [None, None, None],
            "product_id": ["p1", None, None],
            "page_path": ["/product/p1", "/help", "/checkout"],
        }
    )
    dots = charts.session_timeline(events).data[0]
    assert list(dots.y) == ["1 · product_view", "2 · page_view", "3 · error"]
    assert list(dots.marker.color) == [fmt.ACCENT, fmt.MUTED, fmt.DROPPED]
    assert list(dots.text) == ["→ Product view · p1", "/help", "Payment declined"]


def test_hour_weekday_heatmap_runs_monday_to_sunday_over_24_hours() -> None:
    frame = pd.DataFrame(
        {
            "day_of_week": [7, 1],
            "hour_of_day": [23, 0],
            "sessions": [40, 2],
            "events": [90, 3],
            "converted_sessions": [4, 1],
            "conversion_rate": [0.1, 0.5],
        }
    )
    activity = charts.hour_weekday_heatmap(frame).data[0]
    assert list(activity.y) == list(fmt.WEEKDAY_NAMES) and list(activity.x) == list(range(24))
    assert activity.z[0][0] == 2 and activity.z[6][23] == 40
    grey, coloured = charts.hour_weekday_heatmap(frame, value="conversion_rate").data
    assert coloured.z[6][23] == 0.1 and coloured.z[0][0] is None  # 1 of 2 sessions: grey, not 50%
    assert "50.00% of 2 sessions (1 converted)" in grey.customdata[0][0]


def test_daily_trend_draws_no_rate_line_through_days_with_few_sessions() -> None:
    frame = pd.DataFrame(
        {
            "session_date": pd.to_datetime(["2018-01-01", "2018-01-02"]),
            "sessions": [100, 3],
            "converted_sessions": [5, 1],
            "conversion_rate": [0.05, 1 / 3],
        }
    )
    sessions, line, few = charts.daily_trend(frame).data
    assert list(sessions.y) == [100, 3]
    assert list(line.y) == [0.05, None] and list(few.y) == [None, 1 / 3]
    assert few.customdata[1] == "33.33% of 3 sessions (1 converted) (small sample: 95% interval 6.1% – 79.2%)"


def test_top_products_show_lines_out_of_cart_lines_and_never_merge_two_products() -> None:
    frame = pd.DataFrame(
        {
            "source": ["events", "events"],
            "product_id": ["abcdef0123456789", "abcdef01ffffffff"],  # same 8-character prefix
            "category": ["toys", "toys"],
            "abandoned_cart_lines": [3, 2],
            "cart_lines": [4, 2],
            "abandoned_value": [300.0, 50.0],
        }
    )
    bars = charts.top_products(frame, "abandoned_cart_lines", "t").data[0]
    assert len(set(bars.y)) == 2
    assert list(bars.text) == ["2 of 2 cart lines · R$ 50.00", "3 of 4 cart lines · R$ 300.00"]


def test_traffic_source_revenue_greys_orders_without_a_web_session() -> None:
    frame = pd.DataFrame(
        {
            "traffic_source": ["no web session", "email"],
            "has_web_session": [False, True],
            "orders": [90, 10],
            "revenue": [9000.0, 1000.0],
            "revenue_share": [0.9, 0.1],
        }
    )
    bars = charts.traffic_source_revenue(frame).data[0]
    assert list(bars.y) == ["email", "no web session"]
    assert list(bars.marker.color) == [fmt.ACCENT, fmt.MUTED]
    assert bars.text[0] == "R$ 1.0k · 10 orders · 10.0% of revenue"


def test_abandonment_bars_show_the_cart_count_and_the_value_left() -> None:
    frame = pd.DataFrame(
        {
            "label": ["mobile", "desktop"],
            "cart_sessions": [40, 2],
            "abandoned_carts": [30, 1],
            "cart_abandonment_rate": [0.75, 0.5],
            "abandoned_value": [1234.5, 50.0],
        }
    )
    bars = charts.abandonment_by(frame, "t").data[0]
    assert list(bars.y) == ["desktop", "mobile"]
    assert bars.text[1] == "75.0% · n=40"
    assert bars.customdata[1] == "75.00% of 40 carts (30 abandoned)<br>left in them: R$ 1,234.50"


def test_wilson_intervals_match_the_textbook_values() -> None:
    from dashboard.metrics import wilson

    # Newcombe (1998), Table I: 95% Wilson score intervals.
    assert [round(x, 4) for x in wilson(81, 263)] == [0.2553, 0.3662]
    assert [round(x, 4) for x in wilson(15, 148)] == [0.0624, 0.1605]
    assert [round(x, 4) for x in wilson(0, 20)] == [0.0, 0.1611]
    assert [round(x, 4) for x in wilson(1, 29)] == [0.0061, 0.1718]
