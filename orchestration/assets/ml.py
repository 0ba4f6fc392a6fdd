"""The ML assets: one step trains and scores every model (ml.scoring) and writes the `marts.ml_*`
tables, keyed `[ml, <name>]`, downstream of the marts they read.

They run with the daily schedule and `shoplens run` (shoplens_job), never in the landing sensor's runs
(which select what new files feed, less the ML group): a model retrains on a schedule, not per file.
Their checks fail when a trained model's held-out ROC AUC does not beat its baseline's.
"""

# No `from __future__ import annotations`: Dagster reads the type hints of the decorated functions.
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetSpec,
    MaterializeResult,
    MetadataValue,
    ResourceParam,
    multi_asset,
)

import ml  # noqa: F401  (sets OMP_NUM_THREADS=1 before any numerical library starts its threads)
from orchestration.naming import ML_GROUP, ml_asset_key, relation_asset_key
from orchestration.resources import WarehouseResource

if TYPE_CHECKING:
    from ml.runs import ModelRun

_ORDERS = [relation_asset_key("marts", name) for name in ("fct_orders", "fct_order_reviews")]
_SESSIONS = [
    relation_asset_key("marts", "fct_sessions"),
    relation_asset_key("intermediate", "int_events_sessionized"),
]
_RFM = [relation_asset_key("marts", "mart_customer_rfm")]

# What each ML mart is computed from, by mart name.
ML_MART_DEPS = {
    "ml_churn_scores": [*_ORDERS, _SESSIONS[0]],
    "ml_intent_scores": _SESSIONS,
    "ml_intent_calibration": _SESSIONS,
    "ml_feature_importances": [*_ORDERS, *_SESSIONS],
    "ml_customer_segments": [*_ORDERS, *_RFM],
    "ml_segment_centroids": [*_ORDERS, *_RFM],
    "ml_customer_clv": _ORDERS,
    "ml_model_metrics": [*_ORDERS, *_SESSIONS, *_RFM],
}

# Checks: model (a row of marts.ml_model_metrics) -> the mart holding its scores.
BASELINE_CHECKS = {
    "churn": "ml_churn_scores",
    "intent_events": "ml_intent_scores",
    "intent_uci": "ml_intent_scores",
}


def _check_name(model: str) -> str:
    return f"{model}_beats_baseline"


def _spec(name: str) -> AssetSpec:
    from ml.marts import MARTS

    mart = next(m for m in MARTS if m.name == name)
    return AssetSpec(
        key=ml_asset_key(name),
        group_name=ML_GROUP,
        deps=ML_MART_DEPS[name],
        description=f"marts.{name}: {mart.description}",
        kinds={"python", "scikit-learn", "postgres"},
    )


@multi_asset(
    name="train_models",
    specs=[_spec(name) for name in ML_MART_DEPS],
    check_specs=[
        AssetCheckSpec(
            _check_name(model),
            asset=ml_asset_key(mart),
            blocking=True,
            description=f"Fails when the {model} model's held-out ROC AUC does not beat its baseline's; "
            "passes when the model refused to train (too little data) and so wrote no scores.",
        )
        for model, mart in BASELINE_CHECKS.items()
    ],
    description="Train and score churn, purchase intent, segments and lifetime value as of the day after "
    "the last order, and write the marts.ml_* tables in one transaction.",
)
def train_models(
    context: AssetExecutionContext, warehouse: ResourceParam[WarehouseResource]
) -> Iterator[MaterializeResult | AssetCheckResult]:
    from ml.scoring import score_all

    with warehouse.get().connect() as conn:
        report = score_all(conn)
    for line in report.lines():
        context.log.info(line)
    for name, rows in report.written.items():
        yield MaterializeResult(
            asset_key=ml_asset_key(name),
            metadata={
                "rows": MetadataValue.int(rows),
                "as_of_date": MetadataValue.text(str(report.as_of.date)),
            },
        )
    for model in BASELINE_CHECKS:
        yield baseline_check(report.run(model))


def baseline_check(run: "ModelRun") -> AssetCheckResult:
    """Passed when the trained model beats its baseline, or when it refused and wrote no scores."""
    mart = BASELINE_CHECKS[run.model]
    metadata = {"status": MetadataValue.text(run.status), "message": MetadataValue.text(run.message)}
    if not run.trained:
        return AssetCheckResult(
            asset_key=ml_asset_key(mart), check_name=_check_name(run.model), passed=True, metadata=metadata
        )
    model_auc, baseline_auc = run.metrics["roc_auc"], run.metrics["baseline_roc_auc"]
    metadata |= {
        "roc_auc": MetadataValue.float(model_auc),
        "baseline_roc_auc": MetadataValue.float(baseline_auc),
    }
    return AssetCheckResult(
        asset_key=ml_asset_key(mart),
        check_name=_check_name(run.model),
        passed=bool(model_auc > baseline_auc),
        severity=AssetCheckSeverity.ERROR,
        metadata=metadata,
    )
