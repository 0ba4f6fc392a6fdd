"""Every statement of marts.mart_insights is true on the data: each is recomputed here, with pandas,
from the facts (sessions, session funnels, orders) or from the mart it names, never from mart_insights."""

from __future__ import annotations

import pandas as pd
import pytest

from ml.frames import read_frame
from shoplens.dbt import run_dbt

STEPS = ["product_view", "add_to_cart", "cart", "checkout", "purchase"]


@pytest.fixture(scope="module")
def insights(ml_warehouse, scored, tmp_path_factory) -> pd.DataFrame:
    """mart_insights built (with its data tests) after the models wrote their marts."""
    work = tmp_path_factory.mktemp("insights")
    run_dbt(
        ml_warehouse,
        ["build", "--select", "mart_insights", "--target-path", str(work / "target")],
        log_dir=work / "logs",
        capture=True,
    )
    with ml_warehouse.connect() as conn:
        return read_frame(conn, "select * from marts.mart_insights").set_index("insight_id")


@pytest.fixture(scope="module")
def frames(ml_warehouse, scored) -> dict[str, pd.DataFrame]:
    queries = {
        "sessions": "select day_of_week, hour_of_day, traffic_source, converted from marts.fct_sessions "
        "where source = 'events'",
        "funnel": "select reached_product_view, reached_add_to_cart, reached_cart, reached_checkout, "
        "reached_purchase from marts.fct_session_funnel where source = 'events'",
        "products": "select * from marts.mart_product_performance where source = 'events'",
        "orders": "select order_month, revenue, orders_state.customer_state, is_late from marts.fct_orders "
        "as orders_state",
        "states": "select state_code, state_name from staging.brazil_states",
        "risk": "select s.segment, s.monetary, c.churn_probability from marts.ml_customer_segments as s "
        "join marts.ml_churn_scores as c using (customer_unique_id)",
    }
    with ml_warehouse.connect() as conn:
        return {name: read_frame(conn, query) for name, query in queries.items()}


def test_every_statement_is_there(insights) -> None:
    assert set(insights.index) == {
        "peak_hour_weekday",
        "largest_funnel_dropoff",
        "most_abandoned_product",
        "best_converting_traffic_source",
        "latest_delivering_state",
        "segment_most_revenue_at_risk",
        "revenue_month_over_month",
    }


def test_peak_hour_and_weekday(insights, frames) -> None:
    slots = frames["sessions"].groupby(["day_of_week", "hour_of_day"]).size().rename("n").reset_index()
    peak = slots.sort_values(["n", "day_of_week", "hour_of_day"], ascending=[False, True, True]).iloc[0]
    row = insights.loc["peak_hour_weekday"]
    weekday = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][
        peak.day_of_week - 1
    ]
    assert row.subject == f"{weekday} {peak.hour_of_day:02d}:00"
    assert (row.metric_value, row.comparison_value) == pytest.approx((peak.n, slots["n"].mean()), abs=1e-4)
    assert f"{weekday}s at {peak.hour_of_day:02d}:00: {peak.n:,} sessions" in row.headline


def test_largest_funnel_dropoff(insights, frames) -> None:
    funnel = frames["funnel"]
    reached = [funnel[f"reached_{step}"] for step in STEPS]
    drops = {STEPS[k]: ((reached[k] & ~reached[k + 1]).sum(), reached[k].sum()) for k in range(4)}
    worst = max(drops, key=lambda step: (drops[step][0] / drops[step][1], -STEPS.index(step)))
    row = insights.loc["largest_funnel_dropoff"]
    assert row.subject == worst
    assert row.basis_count == drops[worst][0] and row.comparison_value == drops[worst][1]
    assert (
        f"{100 * drops[worst][0] / drops[worst][1]:.1f}% of the {drops[worst][1]:,} sessions" in row.headline
    )


def test_most_abandoned_product(insights, frames) -> None:
    products = frames["products"].sort_values(
        ["abandoned_cart_lines", "abandoned_value", "product_id"], ascending=[False, False, True]
    )
    top = products.iloc[0]
    row = insights.loc["most_abandoned_product"]
    assert row.subject == top.product_id and row.basis_count == top.abandoned_cart_lines
    assert row.comparison_value == pytest.approx(top.abandoned_value)
    assert f"left in {top.abandoned_cart_lines:,} carts, R$ {top.abandoned_value:,.2f}" in row.headline


def test_best_converting_traffic_source(insights, frames) -> None:
    by_source = frames["sessions"].groupby("traffic_source")["converted"].agg(["size", "mean"])
    eligible = by_source[by_source["size"] >= 100].reset_index()
    best = eligible.sort_values(["mean", "size", "traffic_source"], ascending=[False, False, True]).iloc[0]
    row = insights.loc["best_converting_traffic_source"]
    assert (row.subject, row.basis_count) == (best.traffic_source, best["size"])
    overall = frames["sessions"]["converted"].mean()
    assert (row.metric_value, row.comparison_value) == pytest.approx((best["mean"], overall), abs=1e-6)


def test_state_with_the_latest_deliveries(insights, frames) -> None:
    delivered = frames["orders"].dropna(subset=["is_late"])
    by_state = delivered.groupby("customer_state")["is_late"].agg(["size", "mean"]).reset_index()
    eligible = by_state[by_state["size"] >= 30]
    worst = eligible.sort_values(["mean", "size", "customer_state"], ascending=[False, False, True]).iloc[0]
    row = insights.loc["latest_delivering_state"]
    assert (row.subject, row.basis_count) == (worst.customer_state, worst["size"])
    assert (row.metric_value, row.comparison_value) == pytest.approx(
        (worst["mean"], delivered["is_late"].mean()), abs=1e-6
    )
    name = frames["states"].set_index("state_code").loc[worst.customer_state, "state_name"]
    assert row.headline.startswith(f"{name} has the latest deliveries: {100 * worst['mean']:.1f}% of")


def test_segment_with_the_most_revenue_at_risk(insights, frames) -> None:
    risk = frames["risk"].assign(at_risk=lambda f: f["monetary"] * f["churn_probability"])
    by_segment = risk.groupby("segment")["at_risk"].agg(["sum", "size"]).reset_index()
    top = by_segment.sort_values(["sum", "segment"], ascending=[False, True]).iloc[0]
    row = insights.loc["segment_most_revenue_at_risk"]
    assert (row.subject, row.basis_count) == (top.segment, top["size"])
    assert (row.metric_value, row.comparison_value) == pytest.approx(
        (top["sum"], risk["at_risk"].sum()), abs=1e-3
    )


def test_revenue_month_over_month(insights, frames) -> None:
    monthly = frames["orders"].groupby("order_month")["revenue"].sum().sort_index()
    last_complete = monthly.index[-2]
    row = insights.loc["revenue_month_over_month"]
    assert row.subject == pd.Timestamp(last_complete).strftime("%Y-%m")
    assert (row.metric_value, row.comparison_value) == pytest.approx(
        (monthly.iloc[-2], monthly.iloc[-3]), abs=0.01
    )
    change = 100 * (monthly.iloc[-2] / monthly.iloc[-3] - 1)
    assert f"{change:+.1f}%" in row.headline
