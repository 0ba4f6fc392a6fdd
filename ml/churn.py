"""Churn: will a person place no order in the H days from T on?

Snapshots of every customer at a cutoff date: features from before the cutoff, the label from the H
days after it. The model trains on snapshots at T - 2H (and a few earlier ones, 60 days apart, for
more people who came back), is judged at T - H against the baseline rule "recency > 180 days", and
then, refitted on every labelled snapshot, scores everyone at T. The label is never a feature: it
looks only at orders after the cutoff, the features only at what came before.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ml.asof import AsOf
from ml.classifiers import CALIBRATION, Chosen, choose_and_calibrate, feature_importances, refit
from ml.customer_features import FEATURES, churn_labels, customer_features
from ml.errors import TooLittleData
from ml.evaluation import importance_rows, judge, prefixed, top_flags
from ml.history import History
from ml.runs import REFUSED, TRAINED, ModelRun

MODEL = "churn"
BASELINE_RECENCY_DAYS = 180
BASELINE = f"recency > {BASELINE_RECENCY_DAYS} days"
TRAINING_SNAPSHOTS = 3
SNAPSHOT_SPACING_DAYS = 60
MIN_CLASS_SIZE = 30
REASONS = 3


def _snapshot(history: History, cutoff: AsOf) -> tuple[pd.DataFrame, np.ndarray]:
    features = customer_features(history, cutoff)
    return features, churn_labels(history, cutoff, features.index).to_numpy()


def _stack(snapshots: list[tuple[pd.DataFrame, np.ndarray]]) -> tuple[pd.DataFrame, np.ndarray]:
    frames = [f.reset_index(drop=True) for f, _ in snapshots]
    return pd.concat(frames, ignore_index=True), np.concatenate([y for _, y in snapshots])


def _require_both_classes(y: np.ndarray, period: str, cutoff: AsOf) -> None:
    came_back, churned = int((y == 0).sum()), int((y == 1).sum())
    if min(came_back, churned) < MIN_CLASS_SIZE:
        raise TooLittleData(
            f"{MODEL}: {came_back:,} of {len(y):,} customers ordered again in the {cutoff.horizon_days} days "
            f"after {cutoff.date} ({period}), and {churned:,} did not; the model needs at least "
            f"{MIN_CLASS_SIZE} of each to learn and to be judged. Load a longer order history, or "
            "choose a shorter horizon; no churn scores were written."
        )


def _reasons(chosen: Chosen, features: pd.DataFrame, typical: pd.Series) -> list[str]:
    """Per person, the features that raise their churn risk most above a typical customer's value:
    the drop in probability when that one feature is set to the typical (median) value."""
    base = chosen.probability(features)
    lift = np.empty(features.shape)
    for i, column in enumerate(features.columns):
        typical_case = features.copy()
        typical_case[column] = typical[column]
        lift[:, i] = base - chosen.probability(typical_case)
    labels = [FEATURES[c] for c in features.columns]
    shown = [features[c].map(_value).to_numpy() for c in features.columns]
    top = np.argsort(-lift, axis=1, kind="stable")[:, :REASONS]
    return [
        "; ".join(f"{labels[j]}: {shown[j][row]}" for j in top[row] if lift[row, j] > 0)
        for row in range(len(features))
    ]


def _value(value: float) -> str:
    if pd.isna(value):
        return "none"
    return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 10 else f"{value:,.2f}"


def train_churn(history: History, seed: int) -> ModelRun:
    as_of = history.as_of
    horizon = as_of.horizon_days
    evaluation = as_of.days_before(horizon)
    first_training = as_of.days_before(2 * horizon)
    metrics = {
        "model": MODEL,
        "as_of_date": as_of.date,
        "horizon_days": horizon,
        "training_cutoff": first_training.date,
        "evaluation_cutoff": evaluation.date,
        "split_rule": (
            f"trained on customers as of {first_training.date} (and {TRAINING_SNAPSHOTS - 1} earlier "
            f"snapshots {SNAPSHOT_SPACING_DAYS} days apart), judged on customers as of {evaluation.date}, "
            f"each labelled by their orders in the {horizon} days after"
        ),
        "rows_seen": len(history.orders),
        "data_from": history.date_range[0],
        "data_to": history.date_range[1],
        "baseline": BASELINE,
        "seed": seed,
    }
    try:
        cutoffs = [first_training.days_before(i * SNAPSHOT_SPACING_DAYS) for i in range(TRAINING_SNAPSHOTS)]
        train_x, train_y = _stack([_snapshot(history, c) for c in cutoffs])
        _require_both_classes(train_y, "the training period", first_training)
        test_x, test_y = _snapshot(history, evaluation)
        _require_both_classes(test_y, "the evaluation period", evaluation)
    except TooLittleData as refusal:
        return ModelRun(MODEL, REFUSED, str(refusal), metrics, {"ml_churn_scores": pd.DataFrame()})

    numeric = list(FEATURES)
    chosen = choose_and_calibrate(
        train_x, train_y, test_x, test_y, numeric=numeric, categorical=[], seed=seed
    )
    probability = chosen.probability(test_x)
    baseline_flags = test_x["recency_days"].to_numpy() > BASELINE_RECENCY_DAYS
    flags = top_flags(probability, int(baseline_flags.sum()))
    model_scores = judge(test_y, probability, flags)
    baseline_scores = judge(test_y, baseline_flags.astype(float), baseline_flags)
    metrics |= {
        "algorithm": chosen.name,
        "calibration": CALIBRATION,
        "n_train": len(train_y),
        "n_test": len(test_y),
        "positives_train": int(train_y.sum()),
        "positives_test": int(test_y.sum()),
        "base_rate": float(test_y.mean()),
        "flagged": int(flags.sum()),
        "threshold": float(probability[flags].min()) if flags.any() else None,
        **prefixed("", model_scores),
        **prefixed("baseline_", baseline_scores),
        "beats_baseline": model_scores.roc_auc > baseline_scores.roc_auc,
        "logistic_regression_roc_auc": chosen.candidate_roc_auc["logistic_regression"],
        "gradient_boosting_roc_auc": chosen.candidate_roc_auc["hist_gradient_boosting"],
    }
    importances = feature_importances(chosen, test_x, test_y, seed)

    final = refit(chosen, pd.concat([train_x, test_x], ignore_index=True), np.r_[train_y, test_y], seed)
    now_x = customer_features(history, as_of)
    now_p = final.probability(now_x)
    typical = pd.concat([train_x, test_x]).median()
    scores = pd.DataFrame(
        {
            "customer_unique_id": now_x.index,
            "as_of_date": as_of.date,
            "horizon_days": horizon,
            "churn_probability": now_p,
            "risk_rank": pd.Series(-now_p).rank(method="first").astype(int).to_numpy(),
            "top_reasons": _reasons(final, now_x, typical),
            "recency_days": now_x["recency_days"].round().astype(int).to_numpy(),
            "orders": now_x["orders"].astype(int).to_numpy(),
            "revenue": now_x["revenue"].round(2).to_numpy(),
            "late_deliveries": now_x["late_deliveries"].astype(int).to_numpy(),
            "last_review_score": now_x["last_review_score"].to_numpy(),
            "web_sessions_90_days": now_x["web_sessions_90_days"].astype(int).to_numpy(),
            "baseline_flag": now_x["recency_days"].to_numpy() > BASELINE_RECENCY_DAYS,
            "model": chosen.name,
        }
    )
    message = (
        f"{MODEL}: trained {chosen.name}: held-out ROC AUC {model_scores.roc_auc:.3f} vs "
        f"{baseline_scores.roc_auc:.3f} for '{BASELINE}' ({int((test_y == 0).sum()):,} of {len(test_y):,} "
        f"customers came back after {evaluation.date}); scored {len(scores):,} customers as of {as_of.date}"
    )
    return ModelRun(
        MODEL,
        TRAINED,
        message,
        metrics,
        {"ml_churn_scores": scores},
        importances=importance_rows(MODEL, importances, FEATURES),
    )
