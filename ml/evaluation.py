"""How a classifier is judged on its held-out period, beside its baseline: ROC AUC, PR AUC, and
precision and recall when it flags as many as the baseline does (so the two are compared at the same
workload), plus a calibration table."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score


@dataclass(frozen=True)
class Scores:
    roc_auc: float
    pr_auc: float
    precision: float
    recall: float


def top_flags(score: np.ndarray, flagged: int) -> np.ndarray:
    """The `flagged` highest scores (ties broken by position, so exactly that many)."""
    flags = np.zeros(len(score), dtype=bool)
    if flagged > 0:
        flags[np.argsort(-score, kind="stable")[:flagged]] = True
    return flags


def judge(y_true: np.ndarray, score: np.ndarray, flags: np.ndarray) -> Scores:
    """ROC AUC and PR AUC of the score, precision and recall of the flags (positives = label 1)."""
    y_true = np.asarray(y_true).astype(int)
    flagged, positives = int(flags.sum()), int(y_true.sum())
    hits = int((flags & (y_true == 1)).sum())
    return Scores(
        roc_auc=float(roc_auc_score(y_true, score)),
        pr_auc=float(average_precision_score(y_true, score)),
        precision=hits / flagged if flagged else float("nan"),
        recall=hits / positives if positives else float("nan"),
    )


def calibration_table(y_true: np.ndarray, probability: np.ndarray, bins: int = 10) -> pd.DataFrame:
    """Held-out rows in `bins` equal-count bins of predicted probability: predicted vs observed rate."""
    frame = pd.DataFrame({"y": np.asarray(y_true).astype(int), "p": probability})
    ranks = frame["p"].rank(method="first")
    frame["bin"] = np.minimum((ranks - 1) * bins // len(frame), bins - 1).astype(int) + 1
    table = frame.groupby("bin").agg(
        rows=("y", "size"),
        positives=("y", "sum"),
        lowest_probability=("p", "min"),
        highest_probability=("p", "max"),
        mean_predicted=("p", "mean"),
        observed_rate=("y", "mean"),
    )
    return table.reset_index()


def prefixed(prefix: str, scores: Scores) -> dict[str, float]:
    """The scores as metrics-mart columns: roc_auc, pr_auc, ... or baseline_roc_auc, ..."""
    return {
        f"{prefix}roc_auc": scores.roc_auc,
        f"{prefix}pr_auc": scores.pr_auc,
        f"{prefix}precision": scores.precision,
        f"{prefix}recall": scores.recall,
    }


def importance_rows(model: str, importances: pd.Series, descriptions: dict[str, str]) -> pd.DataFrame:
    """Rows of marts.ml_feature_importances for one model, most important first."""
    return pd.DataFrame(
        {
            "model": model,
            "feature": importances.index,
            "description": [descriptions.get(f, f) for f in importances.index],
            "importance": importances.to_numpy(),
            "importance_rank": np.arange(1, len(importances) + 1),
        }
    )
