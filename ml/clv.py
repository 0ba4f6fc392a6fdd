"""Predicted lifetime value over the next 12 months: BG/NBD for how many purchases a customer will
still make, Gamma-Gamma for what each will be worth (the `lifetimes` package).

Why lifetimes and not pymc-marketing: it installs in a few MB, fits 100k customers in seconds by
maximum likelihood, and ships the CDNOW sample the fit is validated against (tests/ml); pymc-marketing
is maintained, but on Python 3.11 it stops at 0.19.2, brings ~350 MB more, and its MAP fit takes ~20 s.

A purchase is an order with items, placed before T; purchases on one day count once (daily
periods). The backtest fits on the history before T - H and predicts each customer's purchases in
[T - H, T), which the data then shows.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import ConvergenceError, summary_data_from_transaction_data

from ml.errors import TooLittleData
from ml.history import History
from ml.runs import REFUSED, TRAINED, ModelRun

MODEL = "clv"
HORIZON_DAYS = 365  # 12 months
MIN_REPEAT_CUSTOMERS = 30
PENALIZERS = (0.0, 0.001, 0.01)  # tried in order until BG/NBD converges


def fit_bgnbd(frequency: pd.Series, recency: pd.Series, age: pd.Series) -> BetaGeoFitter:
    """BG/NBD by maximum likelihood; a small penalty only if the plain fit does not converge."""
    for penalizer in PENALIZERS:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                return BetaGeoFitter(penalizer_coef=penalizer).fit(frequency, recency, age)
        except ConvergenceError:
            continue
    raise TooLittleData(f"{MODEL}: the BG/NBD fit did not converge, even with a penalty of {PENALIZERS[-1]}")


def fit_gamma_gamma(frequency: pd.Series, monetary: pd.Series) -> GammaGammaFitter:
    repeat = (frequency > 0) & (monetary > 0)
    if repeat.sum() < MIN_REPEAT_CUSTOMERS:
        raise TooLittleData(
            f"{MODEL}: {int(repeat.sum()):,} customers bought more than once; Gamma-Gamma needs at least "
            f"{MIN_REPEAT_CUSTOMERS} to learn what a purchase is worth. No lifetime values were written."
        )
    return GammaGammaFitter().fit(frequency[repeat], monetary[repeat])


def _purchases(history: History) -> pd.DataFrame:
    orders = history.orders
    return orders.loc[orders["revenue"] > 0, ["customer_unique_id", "purchased_at", "revenue"]]


def summarise(purchases: pd.DataFrame, end: pd.Timestamp) -> pd.DataFrame:
    """Per customer with a purchase before `end`: repeat purchase days, days first to last, age, and
    the average value of the repeat purchases (lifetimes' RFM summary, in days)."""
    before = purchases[purchases["purchased_at"] < end]
    return summary_data_from_transaction_data(
        before,
        "customer_unique_id",
        "purchased_at",
        monetary_value_col="revenue",
        observation_period_end=end - pd.Timedelta(days=1),
        freq="D",
    )


def backtest(purchases: pd.DataFrame, history: History) -> dict[str, float]:
    """Predicted vs actual purchases per customer in the last H days before T, fitted on what came before."""
    as_of = history.as_of
    holdout_start = as_of.days_before(as_of.horizon_days).local_midnight
    calibration = summarise(purchases, holdout_start)
    model = fit_bgnbd(calibration["frequency"], calibration["recency"], calibration["T"])
    predicted = model.conditional_expected_number_of_purchases_up_to_time(
        as_of.horizon_days, calibration["frequency"], calibration["recency"], calibration["T"]
    )
    holdout = purchases[purchases["purchased_at"] >= holdout_start]
    purchase_days = holdout.assign(day=holdout["purchased_at"].dt.normalize()).groupby("customer_unique_id")[
        "day"
    ]
    actual = purchase_days.nunique().reindex(calibration.index, fill_value=0)
    return {
        "backtest_customers": len(calibration),
        "backtest_predicted_purchases": float(predicted.sum()),
        "backtest_actual_purchases": float(actual.sum()),
        "backtest_mae": float((predicted - actual).abs().mean()),
        "backtest_correlation": float(np.corrcoef(predicted, actual)[0, 1]),
    }


def train_clv(history: History) -> ModelRun:
    as_of = history.as_of
    purchases = _purchases(history)
    metrics = {
        "model": MODEL,
        "algorithm": "bg_nbd + gamma_gamma",
        "as_of_date": as_of.date,
        "horizon_days": HORIZON_DAYS,
        "evaluation_cutoff": as_of.days_before(as_of.horizon_days).date,
        "split_rule": (
            f"backtest: fitted on purchases before {as_of.days_before(as_of.horizon_days).date}, "
            f"predicting each customer's purchases from then until {as_of.date}"
        ),
        "rows_seen": len(purchases),
        "data_from": history.date_range[0],
        "data_to": history.date_range[1],
    }
    try:
        summary = summarise(purchases, as_of.local_midnight)
        gamma_gamma = fit_gamma_gamma(summary["frequency"], summary["monetary_value"])
        bgnbd = fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
        metrics |= backtest(purchases, history)
    except TooLittleData as refusal:
        return ModelRun(MODEL, REFUSED, str(refusal), metrics)
    frequency, recency, age = summary["frequency"], summary["recency"], summary["T"]
    expected_purchases = bgnbd.conditional_expected_number_of_purchases_up_to_time(
        HORIZON_DAYS, frequency, recency, age
    )
    expected_value = gamma_gamma.conditional_expected_average_profit(frequency, summary["monetary_value"])
    clv = expected_purchases * expected_value
    table = pd.DataFrame(
        {
            "customer_unique_id": summary.index,
            "as_of_date": as_of.date,
            "horizon_days": HORIZON_DAYS,
            "purchases": (frequency + 1).astype(int).to_numpy(),
            "repeat_purchases": frequency.astype(int).to_numpy(),
            "days_first_to_last": recency.astype(int).to_numpy(),
            "days_since_first": age.astype(int).to_numpy(),
            "average_repeat_value": summary["monetary_value"].round(2).to_numpy(),
            "probability_alive": np.asarray(bgnbd.conditional_probability_alive(frequency, recency, age)),
            "predicted_purchases": np.asarray(expected_purchases),
            "predicted_purchase_value": np.asarray(expected_value),
            "predicted_clv": np.round(np.asarray(clv), 2),
            "clv_rank": pd.Series(-np.asarray(clv)).rank(method="first").astype(int).to_numpy(),
        }
    )
    params = bgnbd.params_
    metrics |= {
        "n_train": len(summary),
        "positives_train": int((frequency > 0).sum()),
        "split_rule": metrics["split_rule"]
        + "; BG/NBD "
        + " ".join(f"{k}={v:.3f}" for k, v in params.items())
        + ", Gamma-Gamma "
        + " ".join(f"{k}={v:.3f}" for k, v in gamma_gamma.params_.items()),
    }
    message = (
        f"{MODEL}: fitted on {len(summary):,} customers ({int((frequency > 0).sum()):,} repeat): "
        f"backtest predicted {metrics['backtest_predicted_purchases']:,.0f} purchases vs "
        f"{metrics['backtest_actual_purchases']:,.0f} actual in the {as_of.horizon_days} days "
        f"before {as_of.date}"
    )
    return ModelRun(MODEL, TRAINED, message, metrics, {"ml_customer_clv": table})
