"""The model pages through Streamlit's AppTest: the Customers page's churn, segments, lifetime value and
drill-down, the Purchase intent page and the overview's insights.

On a generated shop large enough for every model to train (scored once for the module, as `shoplens
score` does), and on the dashboard's Olist sample warehouse, where the models refuse: the pages then
say why, with the refusal recorded in ml_model_metrics, and never raise. Expected figures come from the
marts through the owner login, never from the dashboard's own queries.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
import streamlit as st
from psycopg import sql
from streamlit.testing.v1 import AppTest

from dashboard import formatting as fmt
from dashboard.data import DATABASE_URL_ENV
from dashboard.model_runs import NOT_SCORED_MESSAGE
from ml.marts import MARTS
from ml.scoring import score_all
from shoplens.warehouse import Warehouse
from tests.conftest import SAMPLES_DIR
from tests.dashboard.dashboard_support import (
    APP_PATH,
    assert_clean,
    chart_specs,
    chart_titled,
    metrics,
    owner_rows,
)

CUSTOMERS = "views/customers.py"
INTENT = "views/intent.py"


def _point_dashboard_at(warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv(DATABASE_URL_ENV, warehouse.dashboard.url)
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(APP_PATH, default_timeout=120)


@pytest.fixture
def shop_app(scored_shop: Warehouse, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    yield _point_dashboard_at(scored_shop, monkeypatch)
    st.cache_data.clear()
    st.cache_resource.clear()


def _table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The one data table of the page that has `column`."""
    found = [frame.value for frame in at.dataframe if column in frame.value.columns]
    assert len(found) == 1, [list(frame.value.columns) for frame in at.dataframe]
    return found[0]


def _texts(elements) -> str:
    return "\n".join(element.value for element in elements)


# --- customers: churn ------------------------------------------------------------------------------


def test_churn_ranking_starts_with_the_highest_probability_and_shows_the_baseline(
    shop_app: AppTest, scored_shop: Warehouse
) -> None:
    at = shop_app.switch_page(CUSTOMERS).run()
    assert_clean(at)
    ((top_probability, people),) = owner_rows(
        scored_shop, "select max(churn_probability), count(*) from marts.ml_churn_scores"
    )
    ((auc, baseline_auc, baseline_recall, base_rate, n_test),) = owner_rows(
        scored_shop,
        "select roc_auc, baseline_roc_auc, baseline_recall, base_rate, n_test"
        " from marts.ml_model_metrics where model = 'churn'",
    )
    ranking = _table_with(at, "top_reasons")
    first = ranking.iloc[0]
    assert first["risk_rank"] == 1 and len(ranking) == 50
    ((first_probability,),) = owner_rows(
        scored_shop,
        "select churn_probability from marts.ml_churn_scores where customer_unique_id = %s",
        (first["customer_unique_id"],),
    )
    assert first_probability == top_probability
    assert ranking["churn_probability"].is_monotonic_decreasing
    shown = metrics(at)
    assert shown["Scored customers"] == fmt.count(people)
    assert shown["Held-out ROC AUC"] == fmt.number(auc, 3)
    assert shown["Held-out churn rate"] == fmt.percent(base_rate)
    assert fmt.rate_with_count(base_rate, n_test, "held-out customers") in _texts(at.caption)
    bars = chart_titled(at, "Held-out figures")
    model, baseline = bars["data"]
    assert baseline["y"][0] == pytest.approx(baseline_auc) and baseline["y"][3] == pytest.approx(
        baseline_recall
    )
    assert model["y"][0] == pytest.approx(auc) and model["y"][0] > baseline["y"][0]


# --- customers: segments and lifetime value -------------------------------------------------------


def test_kmeans_segments_appear_as_bubbles_beside_the_rfm_segments(
    shop_app: AppTest, scored_shop: Warehouse
) -> None:
    at = shop_app.switch_page(CUSTOMERS).run()
    assert_clean(at)
    centroids = owner_rows(
        scored_shop,
        "select segment, customers, recency_days, monetary from marts.ml_segment_centroids order by segment",
    )
    bubbles = chart_titled(at, "KMeans segments")["data"][0]
    drawn = sorted(zip(bubbles["text"], bubbles["x"], bubbles["y"], strict=True))
    assert [segment for segment, *_ in drawn] == [segment for segment, *_ in centroids]
    assert [v for _, x, y in drawn for v in (x, y)] == pytest.approx(
        [v for *_, r, m in centroids for v in (r, m)]
    )
    sizes = _table_with(at, "segmentation")
    by_kind = sizes.groupby("segmentation")["customers"].sum()
    ((people,),) = owner_rows(scored_shop, "select count(*) from marts.ml_customer_segments")
    assert by_kind["KMeans"] == by_kind["RFM"] == people
    ((rfm_segments,),) = owner_rows(
        scored_shop, "select count(distinct rfm_segment) from marts.ml_customer_segments"
    )
    assert (sizes["segmentation"] == "RFM").sum() == rfm_segments
    kmeans = sizes[sizes["segmentation"] == "KMeans"].set_index("segment")["customers"].to_dict()
    # Every person of the model is in the selection (all dates), so the clusters have their centroids'
    # sizes; people without a completed purchase are not clustered and have a segment of their own.
    unclustered = dict(
        owner_rows(
            scored_shop,
            "select segment, count(*) from marts.ml_customer_segments"
            " where cluster_id is null group by segment",
        )
    )
    assert kmeans == {segment: customers for segment, customers, *_ in centroids} | unclustered


def test_clv_distribution_covers_every_customer_and_the_top_customer_is_rank_one(
    shop_app: AppTest, scored_shop: Warehouse
) -> None:
    at = shop_app.switch_page(CUSTOMERS).run()
    assert_clean(at)
    ((people, total, top_person),) = owner_rows(
        scored_shop,
        "select count(*), sum(predicted_clv),"
        " (select customer_unique_id from marts.ml_customer_clv where clv_rank = 1)"
        " from marts.ml_customer_clv",
    )
    histogram = chart_titled(at, "Predicted 12-month lifetime value")["data"][0]
    assert sum(histogram["y"]) == people
    assert histogram["x"][0] == "R$ 0–10" and histogram["x"][-1] == "R$ 2,500+"
    assert metrics(at)["Predicted 12-month CLV"] == fmt.brl(total)
    top = _table_with(at, "clv_rank")
    assert top.iloc[0]["customer_unique_id"] == top_person and top["predicted_clv"].is_monotonic_decreasing


# --- customers: one person -------------------------------------------------------------------------


def test_drill_down_shows_the_chosen_customers_orders_sessions_and_scores(
    shop_app: AppTest, scored_shop: Warehouse
) -> None:
    at = shop_app.switch_page(CUSTOMERS).run()
    picker = at.selectbox(key="ml_customer")
    assert picker.value == picker.options[0]
    # Of the people offered, the one with most orders (so the count is not a trivial 1).
    ((person, orders, revenue, sessions, probability, segment),) = owner_rows(
        scored_shop,
        """
        select
            orders.customer_unique_id,
            count(*),
            sum(orders.revenue),
            (select count(*) from marts.fct_sessions as s where s.customer_id = orders.customer_unique_id),
            (select c.churn_probability from marts.ml_churn_scores as c
             where c.customer_unique_id = orders.customer_unique_id),
            (select g.segment from marts.ml_customer_segments as g
             where g.customer_unique_id = orders.customer_unique_id)
        from marts.fct_orders as orders
        where orders.customer_unique_id = any(%s)
        group by orders.customer_unique_id
        order by count(*) desc, orders.customer_unique_id
        limit 1
        """,
        (list(picker.options),),
    )
    assert orders > 1
    at = picker.set_value(person).run()
    assert_clean(at)
    shown = metrics(at)
    assert shown["Customer's orders"] == fmt.count(orders)
    assert shown["Customer's revenue"] == fmt.brl(revenue)
    assert shown["Customer's churn probability"] == fmt.percent(probability)
    assert f"**KMeans segment:** {segment}" in _texts(at.markdown)
    order_table = _table_with(at, "order_status")
    assert len(order_table) == orders and order_table["revenue"].sum() == pytest.approx(float(revenue))
    if sessions:
        assert len(_table_with(at, "landing_page_type")) == min(sessions, 100)
    else:
        assert "No web session names this customer" in _texts(at.info)


# --- purchase intent -------------------------------------------------------------------------------


def test_intent_page_shows_the_held_out_scores_calibration_and_top_inputs(
    shop_app: AppTest, scored_shop: Warehouse
) -> None:
    at = shop_app.switch_page(INTENT).run()
    assert_clean(at)
    ((auc, n_test, positives),) = owner_rows(
        scored_shop,
        "select roc_auc, n_test, positives_test from marts.ml_model_metrics where model = 'intent_events'",
    )
    assert metrics(at)["Held-out ROC AUC"] == fmt.number(auc, 3)
    stacked = chart_titled(at, "Purchase probability of held-out sessions")["data"]
    assert sum(stacked[0]["y"]) + sum(stacked[1]["y"]) == n_test and sum(stacked[1]["y"]) == positives
    calibration = owner_rows(
        scored_shop,
        "select mean_predicted, observed_rate from marts.ml_intent_calibration"
        " where model = 'intent_events' order by bin",
    )
    curve = chart_titled(at, "Calibration")["data"][1]
    assert curve["x"] == pytest.approx([p for p, _ in calibration])
    assert curve["y"] == pytest.approx([r for _, r in calibration])
    ((top_feature,),) = owner_rows(
        scored_shop,
        "select feature from marts.ml_feature_importances"
        " where model = 'intent_events' and importance_rank = 1",
    )
    bars = chart_titled(at, "The most predictive inputs")["data"][0]
    assert bars["y"][-1] == top_feature  # most important on top (plotly draws the last bar on top)


@pytest.mark.skipif(not (SAMPLES_DIR / "online_shoppers").is_dir(), reason="the UCI sample is not here")
def test_intent_page_switches_to_the_uci_model(shop_app: AppTest, scored_shop: Warehouse) -> None:
    at = shop_app.switch_page(INTENT).run()
    ((status, auc),) = owner_rows(
        scored_shop, "select status, roc_auc from marts.ml_model_metrics where model = 'intent_uci'"
    )
    assert status == "trained"
    at = at.radio(key="intent_model").set_value("intent_uci").run()
    assert_clean(at)
    assert metrics(at)["Held-out ROC AUC"] == fmt.number(auc, 3)


# --- overview: insights ----------------------------------------------------------------------------


def test_overview_lists_every_insight_in_order_with_its_count_and_source(
    shop_app: AppTest, scored_shop: Warehouse
) -> None:
    at = shop_app.run()
    assert_clean(at)
    expected = owner_rows(
        scored_shop,
        "select headline, basis_count, source_mart from marts.mart_insights order by display_order",
    )
    table = _table_with(at, "statement")
    assert list(zip(table["statement"], table["count"], table["source mart"], strict=True)) == expected
    ((revenue, previous),) = owner_rows(
        scored_shop,
        "select metric_value, comparison_value from marts.mart_insights"
        " where insight_id = 'revenue_month_over_month'",
    )
    month = table[table["metric"] == "revenue (R$)"].iloc[0]
    assert (month["value"], month["comparison value"]) == (fmt.brl(revenue), fmt.brl(previous))
    assert "ml_customer_segments, ml_churn_scores" in set(table["source mart"])  # the models' statement
    # Each number is formatted in its statement's unit: as dbt wrote it into the sentence.
    for statement, value, comparison in zip(
        table["statement"], table["value"], table["comparison value"], strict=True
    ):
        assert value in statement and comparison in statement, (statement, value, comparison)


# --- before the models run, and when they refuse ---------------------------------------------------


def test_pages_say_the_models_have_not_run_when_there_are_no_ml_marts(app: AppTest) -> None:
    at = app.switch_page(CUSTOMERS).run()
    assert_clean(at)
    assert NOT_SCORED_MESSAGE.format(what="churn scores") in _texts(at.info)
    at = at.switch_page(INTENT).run()
    assert_clean(at)
    assert NOT_SCORED_MESSAGE.format(what="purchase-intent scores") in _texts(at.info)


@pytest.fixture
def refused_warehouse(dashboard_warehouse: Warehouse) -> Iterator[Warehouse]:
    """The dashboard's Olist sample warehouse scored (too few repeat buyers: churn refuses); the ML
    marts are dropped again afterwards, since other tests share this warehouse as it was built."""
    with dashboard_warehouse.connect() as conn:
        score_all(conn)
    yield dashboard_warehouse
    with dashboard_warehouse.connect() as conn:
        for mart in MARTS:
            conn.execute(sql.SQL("drop table if exists marts.{}").format(sql.Identifier(mart.name)))


def test_pages_show_the_recorded_refusals_instead_of_charts(
    app: AppTest, refused_warehouse: Warehouse
) -> None:
    runs = dict(owner_rows(refused_warehouse, "select model, status from marts.ml_model_metrics"))
    messages = dict(owner_rows(refused_warehouse, "select model, message from marts.ml_model_metrics"))
    assert runs["churn"] == "refused"
    at = app.switch_page(CUSTOMERS).run()
    assert_clean(at)
    warnings = _texts(at.warning)
    assert f"The churn model did not train, so it wrote no scores: {messages['churn']}" in warnings
    for model, label in (("segments", "segment model"), ("clv", "lifetime value model")):
        assert (f"The {label} did not train" in warnings) == (runs[model] == "refused")
    titles = [spec["layout"]["title"]["text"] for spec in chart_specs(at)]
    assert not any("churn" in title or title.startswith("Held-out") for title in titles), titles
    at = at.switch_page(INTENT).run()
    assert_clean(at)
    warnings = _texts(at.warning)
    intent = {model: runs[model] for model in ("intent_events", "intent_uci")}
    for model, status in intent.items():
        assert (messages[model] in warnings) == (status == "refused"), model
    trained = [model for model, status in intent.items() if status == "trained"]
    if len(trained) == 1:  # one model left: its figures, with no model picker
        ((auc,),) = owner_rows(
            refused_warehouse, "select roc_auc from marts.ml_model_metrics where model = %s", trained
        )
        assert metrics(at)["Held-out ROC AUC"] == fmt.number(auc, 3) and not at.radio
