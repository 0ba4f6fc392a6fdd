"""The marts the models write: every table, column, type and description, defined once here.

dbt knows them as the source `ml` (dbt_project/models/marts/ml/_ml__sources.yml, checked against
this module by a test), so they show in the lineage and the glossary like any mart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class Mart:
    name: str
    description: str
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name: str, type_: str, description: str) -> Column:
    return Column(name, type_, description)


AS_OF = _c("as_of_date", "date", "T, the date the model stands on: it used only data from before this day.")

CHURN_SCORES = Mart(
    "ml_churn_scores",
    "One row per customer (customer_unique_id) with an order before T: the probability of placing no "
    "order in the horizon_days from T on, its rank, and the features that raise it most.",
    (
        _c("customer_unique_id", "text", "The person (Olist customer_unique_id)."),
        AS_OF,
        _c("horizon_days", "integer", "H: the churn label looks at orders in [T, T + H)."),
        _c("churn_probability", "double precision", "Calibrated probability of no order in [T, T + H)."),
        _c("risk_rank", "integer", "1 = the customer most likely to churn."),
        _c(
            "top_reasons",
            "text",
            "Up to three features that raise this customer's risk most above a typical customer's "
            "value, with the customer's value ('; '-separated).",
        ),
        _c("recency_days", "integer", "Days from the last order to T."),
        _c("orders", "integer", "Orders placed before T."),
        _c("revenue", "numeric(18, 2)", "Revenue of the orders placed before T (R$)."),
        _c(
            "late_deliveries",
            "integer",
            "Orders delivered late, or not at all, by their estimated date (as of T).",
        ),
        _c(
            "last_review_score",
            "double precision",
            "Score of the latest review answered before T (NULL: none).",
        ),
        _c("web_sessions_90_days", "integer", "Web sessions of the customer in the 90 days before T."),
        _c("baseline_flag", "boolean", "The baseline rule's verdict: recency > 180 days (churns)."),
        _c("model", "text", "The algorithm that scored: logistic_regression or hist_gradient_boosting."),
    ),
)

INTENT_SCORES = Mart(
    "ml_intent_scores",
    "One row per scored session: event sessions scored at their Nth event (those that ended or bought "
    "before it are not scored), and UCI Online Shoppers sessions; with the outcome, for the calibration "
    "and the score distribution.",
    (
        _c("session_id", "text", "The session (marts.fct_sessions.session_id)."),
        _c("model", "text", "intent_events (event sessions) or intent_uci (UCI sessions)."),
        AS_OF,
        _c("split", "text", "train: the model learnt from it; test: held out (later sessions)."),
        _c("purchase_probability", "double precision", "Calibrated probability that the session buys."),
        _c("converted", "boolean", "Whether the session did buy."),
        _c("session_date", "date", "Shop-local day the session started (NULL for UCI sessions)."),
        _c("traffic_source", "text", "Traffic source of the session."),
        _c("device_type", "text", "Device type (NULL for UCI sessions)."),
        _c("visitor_type", "text", "New or returning visitor."),
        _c("landing_page_type", "text", "Page type of the landing page (NULL for UCI sessions)."),
    ),
)

INTENT_CALIBRATION = Mart(
    "ml_intent_calibration",
    "Calibration of the intent models on their held-out sessions: ten equal-count bins of predicted "
    "probability, with the mean prediction and the observed conversion rate of each.",
    (
        _c("model", "text", "intent_events or intent_uci."),
        AS_OF,
        _c("bin", "integer", "1 = the lowest predicted probabilities, 10 = the highest."),
        _c("sessions", "integer", "Held-out sessions in the bin."),
        _c("conversions", "integer", "Of those, sessions that bought."),
        _c("lowest_probability", "double precision", "Lowest predicted probability in the bin."),
        _c("highest_probability", "double precision", "Highest predicted probability in the bin."),
        _c("mean_predicted", "double precision", "Mean predicted probability of the bin."),
        _c("observed_rate", "double precision", "conversions / sessions: what the bin's sessions did."),
    ),
)

FEATURE_IMPORTANCES = Mart(
    "ml_feature_importances",
    "How much each input matters to the churn and intent models: the drop in held-out ROC AUC when "
    "the input is shuffled (permutation importance, mean of 3 shuffles).",
    (
        _c("model", "text", "churn, intent_events or intent_uci."),
        AS_OF,
        _c("feature", "text", "The input column."),
        _c("description", "text", "What the input is."),
        _c("importance", "double precision", "Drop in held-out ROC AUC when the input is shuffled."),
        _c("importance_rank", "integer", "1 = the most important input of the model."),
    ),
)

CUSTOMER_SEGMENTS = Mart(
    "ml_customer_segments",
    "One row per customer with an order before T: the KMeans segment (named from its centroid) beside "
    "the rule-based RFM segment of mart_customer_rfm.",
    (
        _c("customer_unique_id", "text", "The person (Olist customer_unique_id)."),
        AS_OF,
        _c("recency_days", "integer", "Days from the last order to T."),
        _c("frequency", "integer", "Orders placed before T."),
        _c("monetary", "numeric(18, 2)", "Revenue of the orders placed before T (R$)."),
        _c("cluster_id", "integer", "KMeans cluster (an id only; NULL for 'No completed purchase')."),
        _c("segment", "text", "The cluster's name, read from its centroid (see ml_segment_centroids)."),
        _c("rfm_segment", "text", "The rule-based segment of marts.mart_customer_rfm."),
        _c("rfm_as_of_date", "date", "The date mart_customer_rfm measures recency from (T by default)."),
    ),
)

SEGMENT_CENTROIDS = Mart(
    "ml_segment_centroids",
    "One row per KMeans cluster: its name, size, revenue and centroid, in days, orders and reais and in "
    "standard units (what the name is read from); for a bubble chart.",
    (
        _c("cluster_id", "integer", "KMeans cluster id."),
        _c("segment", "text", "Name read from the centroid (ml/segment_names.py states the rule)."),
        AS_OF,
        _c("customers", "integer", "Customers in the cluster."),
        _c("customer_share", "double precision", "customers / all clustered customers."),
        _c("revenue", "numeric(18, 2)", "Revenue of the cluster's customers before T (R$)."),
        _c("recency_days", "double precision", "Centroid recency, in days."),
        _c("frequency", "double precision", "Centroid frequency, in orders."),
        _c("monetary", "double precision", "Centroid monetary value, in R$."),
        _c("recency_z", "double precision", "Centroid recency in standard units of log1p(days)."),
        _c("frequency_z", "double precision", "Centroid frequency in standard units of log1p(orders)."),
        _c("monetary_z", "double precision", "Centroid monetary value in standard units of log1p(R$)."),
    ),
)

CUSTOMER_CLV = Mart(
    "ml_customer_clv",
    "One row per customer with a purchase (an order with items) before T: BG/NBD and Gamma-Gamma "
    "predictions of the next 12 months.",
    (
        _c("customer_unique_id", "text", "The person (Olist customer_unique_id)."),
        AS_OF,
        _c("horizon_days", "integer", "Days predicted ahead (365: 12 months)."),
        _c("purchases", "integer", "Days with a purchase before T."),
        _c("repeat_purchases", "integer", "purchases - 1: BG/NBD's frequency."),
        _c("days_first_to_last", "integer", "Days from the first to the last purchase: BG/NBD's recency."),
        _c("days_since_first", "integer", "Days from the first purchase to the day before T: BG/NBD's T."),
        _c("average_repeat_value", "numeric(18, 2)", "Mean value of the repeat purchases (R$; 0 for none)."),
        _c("probability_alive", "double precision", "BG/NBD probability that the customer is still active."),
        _c("predicted_purchases", "double precision", "Expected purchases in the 365 days from T."),
        _c(
            "predicted_purchase_value", "double precision", "Gamma-Gamma expected value of one purchase (R$)."
        ),
        _c(
            "predicted_clv",
            "numeric(18, 2)",
            "predicted_purchases x predicted_purchase_value (R$, undiscounted).",
        ),
        _c("clv_rank", "integer", "1 = the highest predicted lifetime value."),
    ),
)

_NUMBER = "double precision"
MODEL_METRICS = Mart(
    "ml_model_metrics",
    "One row per model of the last run: whether it trained or refused (and why), what data it saw, and "
    "how it did on its held-out period beside its baseline. Columns that do not apply to a model are NULL.",
    (
        _c("model", "text", "churn, intent_events, intent_uci, segments or clv."),
        _c("status", "text", "trained, or refused (too little data: then it wrote no scores)."),
        _c("message", "text", "What happened, in a sentence."),
        _c("algorithm", "text", "The kept algorithm (the better of the two candidates by held-out ROC AUC)."),
        _c("calibration", "text", "How probabilities were calibrated (sigmoid: Platt scaling)."),
        AS_OF,
        _c("horizon_days", "integer", "H: days predicted ahead."),
        _c("training_cutoff", "date", "Training data stops here (churn: features before it, labels after)."),
        _c("evaluation_cutoff", "date", "The held-out period starts here."),
        _c("split_rule", "text", "How the data was split into training and held-out periods, in words."),
        _c("data_from", "timestamp", "Earliest order or session seen."),
        _c("data_to", "timestamp", "Latest order or session seen (always before T)."),
        _c("rows_seen", "integer", "Input rows read (orders or sessions)."),
        _c("n_train", "integer", "Training examples (customers or sessions)."),
        _c("n_test", "integer", "Held-out examples."),
        _c(
            "positives_train",
            "integer",
            "Positive training examples (churned customers, converting sessions).",
        ),
        _c("positives_test", "integer", "Positive held-out examples."),
        _c("base_rate", _NUMBER, "positives_test / n_test."),
        _c("roc_auc", _NUMBER, "Held-out ROC AUC of the calibrated model."),
        _c("pr_auc", _NUMBER, "Held-out PR AUC (average precision) of the calibrated model."),
        _c("precision", _NUMBER, "Held-out precision when the model flags as many examples as the baseline."),
        _c("recall", _NUMBER, "Held-out recall at that same number of flags."),
        _c("flagged", "integer", "Held-out examples flagged, for precision and recall."),
        _c("threshold", _NUMBER, "Lowest probability among the flagged examples."),
        _c("baseline", "text", "The baseline rule the model is compared with."),
        _c("baseline_roc_auc", _NUMBER, "Held-out ROC AUC of the baseline."),
        _c("baseline_pr_auc", _NUMBER, "Held-out PR AUC of the baseline."),
        _c("baseline_precision", _NUMBER, "Held-out precision of the baseline's flags."),
        _c("baseline_recall", _NUMBER, "Held-out recall of the baseline's flags."),
        _c("beats_baseline", "boolean", "roc_auc > baseline_roc_auc (the Dagster asset check)."),
        _c("logistic_regression_roc_auc", _NUMBER, "Held-out ROC AUC of the logistic regression candidate."),
        _c("gradient_boosting_roc_auc", _NUMBER, "Held-out ROC AUC of the gradient-boosting candidate."),
        _c("clusters", "integer", "Segments: k, the number of clusters kept."),
        _c("silhouette", _NUMBER, "Segments: silhouette of the kept k (the criterion over k = 3..8)."),
        _c("backtest_customers", "integer", "CLV: customers in the backtest."),
        _c("backtest_predicted_purchases", _NUMBER, "CLV: purchases predicted for the held-out days."),
        _c("backtest_actual_purchases", _NUMBER, "CLV: purchases those customers made in the held-out days."),
        _c("backtest_mae", _NUMBER, "CLV: mean absolute error of predicted purchases per customer."),
        _c(
            "backtest_correlation",
            _NUMBER,
            "CLV: correlation of predicted and actual purchases per customer.",
        ),
        _c("seed", "integer", "Random seed of the run (same seed and data, same results)."),
        _c("trained_at", "timestamptz", "When the run wrote this row."),
    ),
)

MARTS = (
    CHURN_SCORES,
    INTENT_SCORES,
    INTENT_CALIBRATION,
    FEATURE_IMPORTANCES,
    CUSTOMER_SEGMENTS,
    SEGMENT_CENTROIDS,
    CUSTOMER_CLV,
    MODEL_METRICS,
)
