"""The two candidate classifiers every binary model tries, and how one is chosen and calibrated.

Logistic regression and a histogram gradient-boosting model are fitted on the training period; the
one with the higher ROC AUC on the held-out (later) period is kept, and calibrated (Platt scaling,
cross-validated on the training period) so its scores read as probabilities. Everything is seeded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

LOGISTIC_REGRESSION = "logistic_regression"
GRADIENT_BOOSTING = "hist_gradient_boosting"
CALIBRATION = "sigmoid"
CALIBRATION_FOLDS = 5


def _categories() -> OneHotEncoder:
    # Rare values share one column, and values first seen in the later period are ignored.
    return OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=20, sparse_output=False)


def candidates(numeric: list[str], categorical: list[str], seed: int) -> dict[str, Pipeline]:
    """Unfitted pipelines over a DataFrame with these numeric and categorical columns."""
    scaled = ColumnTransformer(
        [
            (
                "numeric",
                make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler()),
                numeric,
            ),
            ("categorical", _categories(), categorical),
        ]
    )
    # Gradient boosting takes missing values as they are (it learns where they go).
    raw = ColumnTransformer(
        [("numeric", "passthrough", numeric), ("categorical", _categories(), categorical)]
    )
    return {
        LOGISTIC_REGRESSION: Pipeline(
            [("features", scaled), ("model", LogisticRegression(C=0.5, max_iter=5000))]
        ),
        GRADIENT_BOOSTING: Pipeline(
            [
                ("features", raw),
                (
                    "model",
                    HistGradientBoostingClassifier(
                        learning_rate=0.05,
                        max_iter=150,
                        max_leaf_nodes=15,
                        min_samples_leaf=40,
                        l2_regularization=1.0,
                        early_stopping=False,
                        random_state=seed,
                    ),
                ),
            ]
        ),
    }


@dataclass(frozen=True)
class Chosen:
    """The kept candidate, calibrated and fitted on the training period, with every candidate's AUC."""

    name: str
    model: CalibratedClassifierCV
    candidate_roc_auc: dict[str, float]

    def probability(self, features: pd.DataFrame) -> np.ndarray:
        return self.model.predict_proba(features)[:, 1]


def choose_and_calibrate(
    train: pd.DataFrame,
    y_train: np.ndarray,
    test: pd.DataFrame,
    y_test: np.ndarray,
    *,
    numeric: list[str],
    categorical: list[str],
    seed: int,
) -> Chosen:
    pipelines = candidates(numeric, categorical, seed)
    aucs = {}
    for name, pipeline in pipelines.items():
        fitted = clone(pipeline).fit(train, y_train)
        aucs[name] = float(roc_auc_score(y_test, fitted.predict_proba(test)[:, 1]))
    # Ties go to the simpler model: dict order puts logistic regression first.
    name = max(aucs, key=lambda n: aucs[n])
    folds = StratifiedKFold(CALIBRATION_FOLDS, shuffle=True, random_state=seed)
    # One model fitted on the whole period, calibrated on out-of-fold scores: one pipeline to predict.
    calibrated = CalibratedClassifierCV(clone(pipelines[name]), method=CALIBRATION, cv=folds, ensemble=False)
    return Chosen(name, calibrated.fit(train, y_train), aucs)


def feature_importances(chosen: Chosen, test: pd.DataFrame, y_test: np.ndarray, seed: int) -> pd.Series:
    """How much held-out ROC AUC drops when one input column is shuffled (mean of 3 shuffles)."""
    result = permutation_importance(
        chosen.model, test, y_test, scoring="roc_auc", n_repeats=3, random_state=seed
    )
    return pd.Series(result.importances_mean, index=test.columns).sort_values(ascending=False)


def refit(chosen: Chosen, features: pd.DataFrame, y: np.ndarray, seed: int) -> Chosen:
    """The same kind of model, calibrated the same way, fitted on more (later) labelled data."""
    folds = StratifiedKFold(CALIBRATION_FOLDS, shuffle=True, random_state=seed)
    model = CalibratedClassifierCV(
        clone(chosen.model.estimator), method=CALIBRATION, cv=folds, ensemble=False
    )
    return Chosen(chosen.name, model.fit(features, y), chosen.candidate_roc_auc)
