"""Queries of the model pages (customers' churn, segments and lifetime value; purchase intent) and the
overview's insights: the ML marts (written by `shoplens score` / the Dagster `ml/*` assets) and
`mart_insights`.

Every function is a parameterised select on `marts.*`, cached with `st.cache_data`. The ML marts are
written all together in one transaction, so `models_scored` (does `ml_model_metrics` exist?) tells
whether the models ever ran; a model that refused has its row in `ml_model_metrics` (with the
reason) and no rows in its score marts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from psycopg import sql

from dashboard.queries import connection
from dashboard.queries.connection import CACHE_TTL_SECONDS

# Predicted 12-month CLV bins (R$): lower edges. Most people buy once, so values bunch at the low end
# and the edges widen as they rise; the last bin is open-ended.
CLV_BIN_EDGES = (0, 10, 25, 50, 100, 150, 250, 500, 1000, 2500)
# Purchase-probability bins of the intent score distribution: twenty of width 0.05.
INTENT_BINS = 20

# The same people the orders pages' filters pick (as rfm_segments in queries.orders does): those with an
# order in the purchase dates and customer states; their scores stay the model's, made over their
# whole history before T.
_PEOPLE_IN_SCOPE = sql.SQL(
    "exists (select 1 from marts.fct_orders as orders"
    " where orders.customer_unique_id = {person}"
    " and orders.order_date >= %(start)s and orders.order_date <= %(end)s"
    " and (cardinality(%(states)s::text[]) = 0 or orders.customer_state = any(%(states)s::text[])))"
)


def _people_in_scope(alias: str) -> sql.Composable:
    return _PEOPLE_IN_SCOPE.format(person=sql.Identifier(alias, "customer_unique_id"))


def _scope_params(start: date, end: date, states: tuple[str, ...]) -> dict[str, Any]:
    return {"start": start, "end": end, "states": list(states)}


# --- the models' runs -------------------------------------------------------------------------------


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def models_scored() -> bool:
    """Whether the models have run at least once (the ML marts exist), so pages can say what to run."""
    frame = connection.read(sql.SQL("select to_regclass('marts.ml_model_metrics') is not null as scored"))
    return bool(frame["scored"].iloc[0])


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def model_metrics() -> pd.DataFrame:
    """One row per model of the last run: trained or refused (and why), its data and held-out figures."""
    return connection.read(
        sql.SQL(
            """
            select
                model, status, message, algorithm, calibration, as_of_date, horizon_days,
                training_cutoff, evaluation_cutoff, split_rule, data_from, data_to, rows_seen,
                n_train, n_test, positives_train, positives_test, base_rate,
                roc_auc, pr_auc, precision, recall, flagged, threshold,
                baseline, baseline_roc_auc, baseline_pr_auc, baseline_precision, baseline_recall,
                beats_baseline, logistic_regression_roc_auc, gradient_boosting_roc_auc,
                clusters, silhouette, backtest_customers, backtest_predicted_purchases,
                backtest_actual_purchases, backtest_mae, backtest_correlation, seed, trained_at
            from marts.ml_model_metrics
            order by model
            """
        )
    )


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def feature_importances(model: str, limit: int = 10) -> pd.DataFrame:
    """A model's most predictive inputs: the drop in held-out ROC AUC when each is shuffled."""
    query = sql.SQL(
        """
        select feature, description, importance, importance_rank
        from marts.ml_feature_importances
        where model = %(model)s
        order by importance_rank
        limit %(limit)s
        """
    )
    return connection.read(query, {"model": model, "limit": limit})


# --- churn ------------------------------------------------------------------------------------------


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def churn_summary(start: date, end: date, states: tuple[str, ...]) -> pd.DataFrame:
    """One row: scored people in the selection, their expected churners (sum of probabilities) and the
    baseline rule's flags."""
    query = sql.SQL(
        """
        select
            count(*) as customers,
            coalesce(sum(scores.churn_probability), 0) as expected_churners,
            count(*) filter (where scores.baseline_flag) as baseline_flagged,
            min(scores.as_of_date) as as_of_date,
            min(scores.horizon_days) as horizon_days
        from marts.ml_churn_scores as scores
        where {scope}
        """
    ).format(scope=_people_in_scope("scores"))
    return connection.read(query, _scope_params(start, end, states))


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def churn_ranking(start: date, end: date, states: tuple[str, ...], limit: int = 50) -> pd.DataFrame:
    """The people most likely to churn (rank 1 first), with the reasons and the features behind them."""
    query = sql.SQL(
        """
        select
            scores.risk_rank,
            scores.customer_unique_id,
            scores.churn_probability,
            scores.top_reasons,
            scores.recency_days,
            scores.orders,
            scores.revenue,
            scores.late_deliveries,
            scores.last_review_score,
            scores.web_sessions_90_days,
            scores.baseline_flag
        from marts.ml_churn_scores as scores
        where {scope}
        order by scores.risk_rank
        limit %(limit)s
        """
    ).format(scope=_people_in_scope("scores"))
    return connection.read(query, {**_scope_params(start, end, states), "limit": limit})


# --- segments ---------------------------------------------------------------------------------------


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def segment_centroids() -> pd.DataFrame:
    """One row per KMeans cluster: its name, size, revenue and centroid (the whole model, unfiltered)."""
    return connection.read(
        sql.SQL(
            """
            select
                segment, cluster_id, customers, customer_share, revenue,
                recency_days, frequency, monetary
            from marts.ml_segment_centroids
            order by customers desc, segment
            """
        )
    )


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def segment_crosstab(start: date, end: date, states: tuple[str, ...]) -> pd.DataFrame:
    """People per KMeans segment and rule-based RFM segment, with their revenue before T."""
    query = sql.SQL(
        """
        select
            segments.segment,
            segments.rfm_segment,
            count(*) as customers,
            sum(segments.monetary) as revenue
        from marts.ml_customer_segments as segments
        where {scope}
        group by segments.segment, segments.rfm_segment
        order by segments.segment, segments.rfm_segment
        """
    ).format(scope=_people_in_scope("segments"))
    return connection.read(query, _scope_params(start, end, states))


# --- lifetime value ---------------------------------------------------------------------------------


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def clv_distribution(start: date, end: date, states: tuple[str, ...]) -> pd.DataFrame:
    """People and their summed predicted CLV per CLV bin (`CLV_BIN_EDGES`), every bin present."""
    query = sql.SQL(
        """
        select
            width_bucket(clv.predicted_clv, %(edges)s::numeric[]) as bin,
            count(*) as customers,
            sum(clv.predicted_clv) as predicted_clv,
            sum(clv.predicted_purchases) as predicted_purchases
        from marts.ml_customer_clv as clv
        where {scope}
        group by 1
        order by 1
        """
    ).format(scope=_people_in_scope("clv"))
    frame = connection.read(query, {**_scope_params(start, end, states), "edges": list(CLV_BIN_EDGES)})
    bins = pd.DataFrame({"bin": range(1, len(CLV_BIN_EDGES) + 1)})
    bins["lower"] = CLV_BIN_EDGES
    bins["upper"] = [*CLV_BIN_EDGES[1:], None]
    merged = bins.merge(frame, on="bin", how="left")
    return merged.fillna({"customers": 0, "predicted_clv": 0.0, "predicted_purchases": 0.0})


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def clv_summary(start: date, end: date, states: tuple[str, ...]) -> pd.DataFrame:
    """One row: people with a predicted CLV in the selection, their summed CLV and purchases."""
    query = sql.SQL(
        """
        select
            count(*) as customers,
            coalesce(sum(clv.predicted_clv), 0) as predicted_clv,
            coalesce(sum(clv.predicted_purchases), 0) as predicted_purchases,
            min(clv.horizon_days) as horizon_days
        from marts.ml_customer_clv as clv
        where {scope}
        """
    ).format(scope=_people_in_scope("clv"))
    return connection.read(query, _scope_params(start, end, states))


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def top_clv_customers(start: date, end: date, states: tuple[str, ...], limit: int = 20) -> pd.DataFrame:
    """The people with the highest predicted 12-month value (rank 1 first)."""
    query = sql.SQL(
        """
        select
            clv.clv_rank,
            clv.customer_unique_id,
            clv.predicted_clv,
            clv.predicted_purchases,
            clv.predicted_purchase_value,
            clv.probability_alive,
            clv.purchases,
            clv.average_repeat_value
        from marts.ml_customer_clv as clv
        where {scope}
        order by clv.clv_rank
        limit %(limit)s
        """
    ).format(scope=_people_in_scope("clv"))
    return connection.read(query, {**_scope_params(start, end, states), "limit": limit})


# --- one customer -----------------------------------------------------------------------------------


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def customer_scores(customer_unique_id: str) -> pd.DataFrame:
    """One row (none for an unknown person): the person's churn, segment and CLV scores side by side."""
    query = sql.SQL(
        """
        with person as (
            select %(person)s::text as customer_unique_id
        )
        select
            person.customer_unique_id,
            scores.churn_probability,
            scores.risk_rank,
            scores.top_reasons,
            scores.baseline_flag,
            segments.segment,
            segments.rfm_segment,
            clv.predicted_clv,
            clv.clv_rank,
            clv.predicted_purchases,
            clv.probability_alive
        from person
        left join marts.ml_churn_scores as scores using (customer_unique_id)
        left join marts.ml_customer_segments as segments using (customer_unique_id)
        left join marts.ml_customer_clv as clv using (customer_unique_id)
        where scores.customer_unique_id is not null
            or segments.customer_unique_id is not null
            or clv.customer_unique_id is not null
        """
    )
    return connection.read(query, {"person": customer_unique_id})


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def customer_orders(customer_unique_id: str) -> pd.DataFrame:
    """Every order of one person, newest first (no filters: the drill-down shows the whole history)."""
    query = sql.SQL(
        """
        select
            order_id, purchased_at, order_status, item_count, revenue, payment_type,
            delivered_at, is_late, review_score
        from marts.fct_orders
        where customer_unique_id = %(person)s
        order by purchased_at desc, order_id
        """
    )
    return connection.read(query, {"person": customer_unique_id})


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def customer_sessions(customer_unique_id: str, limit: int = 100) -> pd.DataFrame:
    """The web sessions whose events name the person (signed-in visits), newest first."""
    query = sql.SQL(
        """
        select
            session_id, started_at, traffic_source, device_type, landing_page_type,
            events, page_views, adds_to_cart, purchases, converted, revenue
        from marts.fct_sessions
        where customer_id = %(person)s
        order by started_at desc, session_id
        limit %(limit)s
        """
    )
    return connection.read(query, {"person": customer_unique_id, "limit": limit})


# --- purchase intent --------------------------------------------------------------------------------


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def intent_score_distribution(model: str) -> pd.DataFrame:
    """Held-out sessions per purchase-probability bin (`INTENT_BINS` of equal width) and outcome."""
    query = sql.SQL(
        """
        select
            least(width_bucket(purchase_probability, 0, 1, %(bins)s), %(bins)s) as bin,
            converted,
            count(*) as sessions
        from marts.ml_intent_scores
        where model = %(model)s and split = 'test'
        group by 1, 2
        order by 1, 2
        """
    )
    frame = connection.read(query, {"model": model, "bins": INTENT_BINS})
    width = 1 / INTENT_BINS
    frame["lower"] = (frame["bin"] - 1) * width
    frame["upper"] = frame["bin"] * width
    return frame


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def intent_calibration(model: str) -> pd.DataFrame:
    """The model's calibration table: mean prediction against observed rate, per equal-count bin."""
    query = sql.SQL(
        """
        select
            bin, sessions, conversions, lowest_probability, highest_probability,
            mean_predicted, observed_rate
        from marts.ml_intent_calibration
        where model = %(model)s
        order by bin
        """
    )
    return connection.read(query, {"model": model})


# --- insights ---------------------------------------------------------------------------------------


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def insights() -> pd.DataFrame:
    """The shop's short factual statements, in display order, each with its number and comparison."""
    return connection.read(
        sql.SQL(
            """
            select
                insight_id, headline, subject, metric, metric_value,
                comparison, comparison_value, basis_count, source_mart
            from marts.mart_insights
            order by display_order, insight_id
            """
        )
    )
